package org.kexeclab.loader.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** One segment listing inside a {@code kexec -d} log, collected line by line. */
final class KexecLogListing {
    private static final List<String> FIELDS = List.of("buf", "bufsz", "mem", "memsz");
    private static final int MAX_INDEX = 15;

    private final int firstLine;
    private final TreeMap<Integer, long[]> values = new TreeMap<>();
    private final TreeMap<Integer, int[]> lines = new TreeMap<>();
    private int nr = -1;
    private int nrLine;
    private Long entry;
    private Long flags;

    KexecLogListing(int firstLine) {
        this.firstLine = firstLine;
    }

    int firstLine() {
        return firstLine;
    }

    boolean hasNr() {
        return nr >= 0;
    }

    boolean hasEntry() {
        return entry != null;
    }

    void nr(int no, int count) {
        nr = count;
        nrLine = no;
    }

    void entry(int no, long value, Long flagsValue) {
        entry = value;
        flags = flagsValue;
    }

    void segmentField(int no, String indexText, String fieldName, long v) throws KexecLogException {
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            index = Integer.MAX_VALUE;
        }
        if (index > MAX_INDEX) {
            throw new KexecLogException(no, "segment index " + indexText + " is above 15, and kexec_load takes at most 16 segments");
        }
        int field = FIELDS.indexOf(fieldName);
        int[] at = lines.computeIfAbsent(index, k -> new int[4]);
        if (at[field] != 0) {
            throw new KexecLogException(no, String.format("segment[%d].%s appears again (first on line %d): paste the "
                    + "output of a single kexec -l run", index, fieldName, at[field]));
        }
        at[field] = no;
        values.computeIfAbsent(index, k -> new long[4])[field] = v;
    }

    KexecLog finish() throws KexecLogException {
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
                throw new KexecLogException(lineOf(next), "segment[" + next + "] is listed but segment[" + i + "] is missing");
            }
            int[] at = lines.get(i);
            for (int f = 0; f < 4; f++) {
                if (at[f] == 0) {
                    throw new KexecLogException(lineOf(i), "segment[" + i + "] has no " + FIELDS.get(f) + " line");
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

    private int lineOf(int index) {
        int first = Integer.MAX_VALUE;
        for (int l : lines.get(index)) {
            if (l != 0) {
                first = Math.min(first, l);
            }
        }
        return first;
    }
}
