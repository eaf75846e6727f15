package org.kexeclab.loader.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kexeclab.loader.plan.PlanningException;

/**
 * Groups an ELF kernel's PT_LOAD segments into page-aligned runs: segments that share a
 * page once rounded out to whole pages become one kexec segment (kexec_load needs
 * page-aligned, non-overlapping segments), with the file bytes of each PT_LOAD copied to
 * its offset in the run and zeros in between.
 */
final class ElfRuns {
    static final long PAGE = 4096;

    private ElfRuns() {
    }

    /**
     * One run: page-aligned start, the bytes to copy and the memory it occupies.
     *
     * @param start page-aligned physical start (before any shift)
     * @param data  bytes from {@code start}
     * @param memsz bytes of memory from {@code start}, rounded to pages
     */
    record Run(long start, byte[] data, long memsz) {
    }

    /** The runs of {@code elf}; a run larger than {@code limit} bytes is refused before allocation. */
    static List<Run> runs(ElfKernel elf, long limit) throws PlanningException {
        List<ElfKernel.Segment> sorted = new ArrayList<>(elf.segments());
        sorted.sort(Comparator.comparingLong(ElfKernel.Segment::paddr));
        List<Run> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            long start = sorted.get(i).paddr() & -PAGE;
            long end = roundUp(sorted.get(i).paddr() + sorted.get(i).memsz());
            while (j + 1 < sorted.size() && (sorted.get(j + 1).paddr() & -PAGE) < end) {
                j++;
                end = Math.max(end, roundUp(sorted.get(j).paddr() + sorted.get(j).memsz()));
            }
            out.add(build(elf, sorted.subList(i, j + 1), start, end, limit));
            i = j + 1;
        }
        return out;
    }

    private static Run build(ElfKernel elf, List<ElfKernel.Segment> group, long start, long end, long limit)
            throws PlanningException {
        long dataEnd = 0;
        for (ElfKernel.Segment s : group) {
            dataEnd = Math.max(dataEnd, s.paddr() - start + s.filesz());
        }
        if (Long.compareUnsigned(end - start, limit) > 0) {
            throw new PlanningException(String.format("the ELF kernel's PT_LOAD segments at p_paddr 0x%x need 0x%x "
                    + "bytes, more than the machine's 0x%x bytes of RAM", start, end - start, limit));
        }
        byte[] data = new byte[(int) dataEnd];
        for (ElfKernel.Segment s : group) {
            System.arraycopy(elf.file(), (int) s.offset(), data, (int) (s.paddr() - start), (int) s.filesz());
        }
        return new Run(start, data, end - start);
    }

    private static long roundUp(long v) {
        return (v + PAGE - 1) & -PAGE;
    }
}
