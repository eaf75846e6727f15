package org.kexeclab.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code kexec -d -l ...} as a user pastes it: the
 * {@code nr_segments = N} line, {@code segment[N].buf/bufsz/mem/memsz = value} lines and the
 * {@code kexec_load: entry = 0x... flags = 0x...} line (or the older {@code entry = ...}).
 * Every other line is ignored. Values are hexadecimal with 0x, or {@code (nil)} for 0.
 */
public final class KexecLogParser {
    private static final Pattern SEGMENT = Pattern.compile("segment\\[(\\d+)\\]\\.(buf|bufsz|mem|memsz)\\s*=\\s*(\\S*)\\s*$");
    private static final Pattern NR = Pattern.compile("^\\s*nr_segments\\s*=\\s*(\\S*)\\s*$");
    private static final Pattern ENTRY = Pattern.compile(
            "^\\s*(?:kexec_load:\\s*)?entry\\s*=\\s*(\\S*)(?:\\s+flags\\s*=\\s*(\\S*))?\\s*$");
    private static final List<String> FIELDS = List.of("buf", "bufsz", "mem", "memsz");
    private static final int MAX_INDEX = 15;

    private final TreeMap<Integer, long[]> values = new TreeMap<>();
    private final TreeMap<Integer, int[]> lines = new TreeMap<>();
    private int nr = -1;
    private int nrLine;
    private Long entry;
    private Long flags;

    private KexecLogParser() {
    }

    /** Parses {@code text}; a malformed log is a {@link KexecLogException} naming the line. */
    public static KexecLog parse(String text) throws KexecLogException {
        KexecLogParser p = new KexecLogParser();
        String[] all = text.split("\\R", -1);
        for (int i = 0; i < all.length; i++) {
            p.line(i + 1, all[i]);
        }
        return p.finish();
    }

    private void line(int no, String line) throws KexecLogException {
        if (line.contains("segment[")) {
            Matcher m = SEGMENT.matcher(line);
            if (!m.find()) {
                throw new KexecLogException(no, "'" + line.trim() + "' is not of the form 'segment[N].buf|bufsz|mem|memsz = 0x...'");
            }
            segmentField(no, m);
            return;
        }
        Matcher m = NR.matcher(line);
        if (m.find()) {
            try {
                nr = Integer.parseInt(m.group(1));
                nrLine = no;
            } catch (NumberFormatException e) {
                throw new KexecLogException(no, "nr_segments value '" + m.group(1) + "' is not a decimal number");
            }
            return;
        }
        m = ENTRY.matcher(line);
        if (m.find()) {
            if (entry != null) {
                throw new KexecLogException(no, "a second entry line: paste the output of a single kexec -l run");
            }
            entry = value(no, "entry", m.group(1));
            flags = m.group(2) == null ? null : value(no, "flags", m.group(2));
        }
    }

    private void segmentField(int no, Matcher m) throws KexecLogException {
        int index;
        try {
            index = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            index = Integer.MAX_VALUE;
        }
        if (index > MAX_INDEX) {
            throw new KexecLogException(no, "segment index " + m.group(1) + " is above 15, and kexec_load takes at most 16 segments");
        }
        int field = FIELDS.indexOf(m.group(2));
        long v = value(no, "segment[" + index + "]." + m.group(2), m.group(3));
        int[] at = lines.computeIfAbsent(index, k -> new int[4]);
        if (at[field] != 0) {
            throw new KexecLogException(no, String.format("segment[%d].%s appears again (first on line %d): paste the "
                    + "output of a single kexec -l run", index, m.group(2), at[field]));
        }
        at[field] = no;
        values.computeIfAbsent(index, k -> new long[4])[field] = v;
    }

    private static long value(int no, String what, String text) throws KexecLogException {
        if (text.equals("(nil)")) {
            return 0;
        }
        if (!text.startsWith("0x") || text.length() < 3 || text.length() > 18) {
            throw new KexecLogException(no, what + " value '" + text + "' is not a hexadecimal number like 0x1000");
        }
        try {
            return Long.parseUnsignedLong(text.substring(2), 16);
        } catch (NumberFormatException e) {
            throw new KexecLogException(no, what + " value '" + text + "' is not a hexadecimal number like 0x1000");
        }
    }

    private KexecLog finish() throws KexecLogException {
        if (values.isEmpty()) {
            throw new KexecLogException(0, "no 'segment[N].mem = ...' lines found: paste the output of kexec -d -l");
        }
        if (nr >= 0 && nr != values.size()) {
            throw new KexecLogException(nrLine, String.format("nr_segments is %d but the log lists %d segments",
                    nr, values.size()));
        }
        List<KexecLog.Segment> segs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.containsKey(i)) {
                int next = values.higherKey(i);
                throw new KexecLogException(firstLine(next), "segment[" + next + "] is listed but segment[" + i + "] is missing");
            }
            int[] at = lines.get(i);
            for (int f = 0; f < 4; f++) {
                if (at[f] == 0) {
                    throw new KexecLogException(firstLine(i), "segment[" + i + "] has no " + FIELDS.get(f) + " line");
                }
            }
            long[] v = values.get(i);
            segs.add(new KexecLog.Segment(v[0], v[1], v[2], v[3]));
        }
        if (entry == null) {
            throw new KexecLogException(0, "no 'kexec_load: entry = 0x...' line found, so the entry point is unknown");
        }
        return new KexecLog(entry, Optional.ofNullable(flags), segs);
    }

    private int firstLine(int index) {
        int first = Integer.MAX_VALUE;
        for (int l : lines.get(index)) {
            if (l != 0) {
                first = Math.min(first, l);
            }
        }
        return first;
    }
}
