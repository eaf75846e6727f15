package org.kexeclab.loader.format;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * A parsed ELF kernel ({@code vmlinux}): its architecture (from class, data encoding and
 * machine), entry point and loadable ({@code PT_LOAD}) segments.
 *
 * @param file     the whole file; treat as read-only
 * @param machine  the architecture the header names, with its ELF boot protocol
 * @param entry    {@code e_entry} (a virtual address for most kernels)
 * @param segments the PT_LOAD program headers, in file order (at least one)
 */
public record ElfKernel(byte[] file, ElfMachine machine, long entry, List<Segment> segments) implements KernelImage {

    /** Copies the segment list. */
    public ElfKernel {
        segments = List.copyOf(segments);
    }

    /**
     * One PT_LOAD program header.
     *
     * @param offset {@code p_offset}
     * @param vaddr  {@code p_vaddr}
     * @param paddr  {@code p_paddr}
     * @param filesz {@code p_filesz} (bytes in the file, inside it)
     * @param memsz  {@code p_memsz} (at least filesz)
     * @param align  {@code p_align}
     */
    public record Segment(long offset, long vaddr, long paddr, long filesz, long memsz, long align) {
    }

    /**
     * The physical address of the entry: {@code e_entry} translated through the segment whose
     * virtual range holds it, or {@code e_entry} itself if it already lies in a physical range.
     */
    public long physicalEntry() {
        for (Segment s : segments) {
            if (Long.compareUnsigned(entry - s.vaddr(), s.memsz()) < 0) {
                return s.paddr() + (entry - s.vaddr());
            }
        }
        return entry;
    }

    /** The file itself: an ELF vmlinux is not compressed. */
    @Override
    public UnpackedKernel unpack(long maxSize) {
        return new UnpackedKernel(file, true, "the ELF vmlinux");
    }

    @Override
    public Arch arch() {
        return machine.arch();
    }

    /** Plans it with {@link ElfPlanner} and the architecture's {@link ElfBoot}. */
    @Override
    public LoadPlan plan(LoadRequest req, MemoryLayout layout) throws PlanningException, ImageFormatException {
        return ElfPlanner.plan(this, req, layout);
    }

    @Override
    public String formatName() {
        return "ELF vmlinux";
    }

    @Override
    public String toString() {
        return String.format("ELF vmlinux{%s, entry 0x%x, %d PT_LOAD}", arch(), entry, segments.size());
    }
}
