package org.kexeclab.loader.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.image.AddressRange;

/**
 * Reads the output of {@code kexec -d -l ...} as a user pastes it: the
 * {@code kexec_load: entry = 0x... flags = 0x...} line (or the older {@code entry = ...}),
 * the {@code nr_segments = N} line and {@code segment[N].buf/bufsz/mem/memsz = value} lines.
 * Every other line is ignored. Values are hexadecimal with 0x, or {@code (nil)} for 0.
 *
 * <p>The memory map, if the log has one: the lines {@code START-END (TYPE)} (inclusive
 * hexadecimal bounds) right after a {@code MEMORY RANGES} line, as kexec-tools prints its
 * {@code memory_range} table; type 0 ({@code RANGE_RAM}) is RAM, narrowed to whole 4 KiB
 * pages, and every other type is not RAM. The table ends at the first line that is not a
 * range (a crash load's log goes on with the /proc/iomem resources it read, {@code START-END :
 * NAME}); a line in it that means to be one and is not, or a line after which the ranges go
 * on, is an error naming that line (dropping it would replay on less RAM than logged).
 *
 * <p>When {@code kexec_load} fails, kexec-tools prints the same listing a second time (after
 * "kexec_load failed"); a second entry or {@code nr_segments} line therefore starts a new
 * listing, and all listings must agree.
 */
public final class KexecLogParser {
    private static final Pattern SEGMENT = Pattern.compile("segment\\[(\\d+)\\]\\.(buf|bufsz|mem|memsz)\\s*=\\s*(\\S*)\\s*$");
    private static final Pattern NR = Pattern.compile("^\\s*nr_segments\\s*=\\s*(\\S*)\\s*$");
    private static final Pattern ENTRY = Pattern.compile(
            "^\\s*(?:kexec_load:\\s*)?entry\\s*=\\s*(\\S*)(?:\\s+flags\\s*=\\s*(\\S*))?\\s*$");

    private static final Pattern RANGE = Pattern.compile("^\\s*([0-9a-fA-F]{1,16})-([0-9a-fA-F]{1,16})\\s+\\((\\d+)\\)\\s*$");
    /** A line that means to be a range but is not one: hex digits then '-', or a "(number)" at its end. */
    private static final Pattern RANGE_LIKE = Pattern.compile("^\\s*[0-9a-fA-F]+\\s*-|\\(\\s*-?\\d*\\s*\\)\\s*$");
    /** A /proc/iomem resource as {@code kexec -p} echoes it after the table: {@code START-END : NAME}. */
    private static final Pattern IOMEM = Pattern.compile("^\\s*[0-9a-fA-F]{1,16}-[0-9a-fA-F]{1,16} : \\S");
    private static final String RANGES_HEADER = "MEMORY RANGES";
    private static final long PAGE = 4096;
    private static final int RANGE_RAM = 0;

    private final List<KexecLogListing> listings = new ArrayList<>();
    private final List<AddressRange> ram = new ArrayList<>();
    private final List<Integer> ramLines = new ArrayList<>();
    private boolean inRanges;
    private boolean sawRanges;
    /** The line that ended the MEMORY RANGES table (0: none yet) and its text. */
    private int rangesEndLine;
    private String rangesEndText;
    private KexecLogListing current = new KexecLogListing(1);

    private KexecLogParser() {
        listings.add(current);
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
        if (line.trim().equals(RANGES_HEADER)) {
            if (sawRanges) {
                throw new KexecLogException(no,
                        "a second MEMORY RANGES table: paste the output of a single kexec -l run");
            }
            sawRanges = true;
            inRanges = true;
            return;
        }
        if (inRanges) {
            Matcher r = RANGE.matcher(line);
            if (r.find()) {
                range(no, r);
                return;
            }
            if (RANGE_LIKE.matcher(line).find() && !IOMEM.matcher(line).find()) {
                throw new KexecLogException(no, "'" + line.trim() + "' in the MEMORY RANGES table is not a range "
                        + "START-END (TYPE) with hexadecimal bounds and a decimal type");
            }
            inRanges = false;
            rangesEndLine = no;
            rangesEndText = line.trim();
        } else if (rangesEndLine == no - 1 && rangesEndLine > 0 && !rangesEndText.endsWith(":")
                && RANGE.matcher(line).find()) {
            throw new KexecLogException(rangesEndLine, "'" + rangesEndText + "' interrupts the MEMORY RANGES table, "
                    + "whose ranges go on on line " + no + ": it is not a range START-END (TYPE)");
        }
        if (line.contains("segment[")) {
            Matcher m = SEGMENT.matcher(line);
            if (!m.find()) {
                throw new KexecLogException(no, "'" + line.trim() + "' is not of the form 'segment[N].buf|bufsz|mem|memsz = 0x...'");
            }
            current.segmentField(no, m.group(1), m.group(2), value(no, "segment[" + m.group(1) + "]." + m.group(2), m.group(3)));
            return;
        }
        Matcher m = NR.matcher(line);
        if (m.find()) {
            int nr;
            try {
                nr = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                throw new KexecLogException(no, "nr_segments value '" + m.group(1) + "' is not a decimal number");
            }
            listingFor(no, current.hasNr()).nr(no, nr);
            return;
        }
        m = ENTRY.matcher(line);
        if (m.find()) {
            long entry = value(no, "entry", m.group(1));
            Long flags = m.group(2) == null ? null : value(no, "flags", m.group(2));
            listingFor(no, current.hasEntry()).entry(no, entry, flags);
        }
    }

    /** One {@code START-END (TYPE)} line of the memory map: RAM is kept, narrowed to whole pages. */
    private void range(int no, Matcher m) throws KexecLogException {
        long start = Long.parseUnsignedLong(m.group(1), 16);
        long last = Long.parseUnsignedLong(m.group(2), 16);
        if (Long.compareUnsigned(last, start) < 0) {
            throw new KexecLogException(no, "memory range " + m.group(1) + "-" + m.group(2) + " ends before it starts");
        }
        int type;
        try {
            type = Integer.parseInt(m.group(3));
        } catch (NumberFormatException e) {
            throw new KexecLogException(no, "memory range type '" + m.group(3) + "' is not a small decimal number");
        }
        long first = (start + PAGE - 1) & -PAGE;
        long end = last == -1L ? -PAGE : (last + 1) & -PAGE;
        if (type != RANGE_RAM || Long.compareUnsigned(end, first) <= 0 || first == 0 && start != 0) {
            return;
        }
        AddressRange page = new AddressRange(first, end, "RAM");
        for (int i = 0; i < ram.size(); i++) {
            if (ram.get(i).overlaps(first, end)) {
                throw new KexecLogException(no, "RAM range " + m.group(1) + "-" + m.group(2)
                        + " overlaps the RAM range on line " + ramLines.get(i));
            }
        }
        ram.add(page);
        ramLines.add(no);
    }

    /** The current listing, or a new one starting at line {@code no} if {@code repeated}. */
    private KexecLogListing listingFor(int no, boolean repeated) {
        if (repeated) {
            current = new KexecLogListing(no);
            listings.add(current);
        }
        return current;
    }

    static long value(int no, String what, String text) throws KexecLogException {
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
        KexecLog first = listings.get(0).finish();
        for (int i = 1; i < listings.size(); i++) {
            KexecLog other = listings.get(i).finish();
            if (!other.equals(first)) {
                throw new KexecLogException(listings.get(i).firstLine(), "this listing differs from the one before it: "
                        + "paste the output of a single kexec -l run");
            }
        }
        ram.sort(java.util.Comparator.comparing(AddressRange::start, Long::compareUnsigned));
        return first.withRam(ram);
    }
}
