package org.kexeclab.loader;

import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.StandardMachine;

/**
 * The segment layout a {@code kexec -d -l} run printed: its segments (buf pointer, bufsz,
 * mem, memsz) and the entry, plus the flags word if the log had one. Replay it with
 * {@link #toImage}: the buffers themselves are not in the log, so each segment gets
 * deterministic generated contents (seeded by its index). When the log has kexec-tools'
 * {@code MEMORY RANGES} table (x86 prints it), its RAM ranges are the replay machine's
 * memory map; the machine is {@linkplain MemoryLayout#sparse() sparse} either way, so a
 * layout tens of GiB above 0 maps only the windows its load needs.
 *
 * @param entry    the entry point
 * @param flags    the kexec_load flags (architecture in bits 16-31), if logged
 * @param segments the segments, index order
 * @param ram      the RAM ranges of the logged memory map, page-aligned, sorted and disjoint
 *                 (empty when the log has none)
 */
public record KexecLog(long entry, Optional<Long> flags, List<Segment> segments, List<AddressRange> ram) {
    static final int KEXEC_ARCH_386 = 3;
    static final int KEXEC_ARCH_PPC = 20;
    static final int KEXEC_ARCH_PPC64 = 21;
    static final int KEXEC_ARCH_ARM = 40;
    static final int KEXEC_ARCH_X86_64 = 62;
    static final int KEXEC_ARCH_AARCH64 = 183;

    /** Copies the lists. */
    public KexecLog {
        segments = List.copyOf(segments);
        ram = List.copyOf(ram);
    }

    /** A log without a memory map. */
    public KexecLog(long entry, Optional<Long> flags, List<Segment> segments) {
        this(entry, flags, segments, List.of());
    }

    /** This log with {@code ranges} as its memory map's RAM. */
    public KexecLog withRam(List<AddressRange> ranges) {
        return new KexecLog(entry, flags, segments, ranges);
    }

    /**
     * One logged segment.
     *
     * @param buf   the user-space buffer pointer (informational)
     * @param bufsz bytes supplied
     * @param mem   destination address
     * @param memsz destination size
     */
    public record Segment(long buf, long bufsz, long mem, long memsz) {
    }

    /** The kexec_load flags' architecture field for {@code arch} ({@code KEXEC_ARCH_*} << 16). */
    public static long archFlags(Arch arch) {
        int a = switch (arch) {
            case X86_64 -> KEXEC_ARCH_X86_64;
            case ARM64 -> KEXEC_ARCH_AARCH64;
            case ARM -> KEXEC_ARCH_ARM;
            case PPC32 -> KEXEC_ARCH_PPC;
            case PPC64, PPC64LE -> KEXEC_ARCH_PPC64;
        };
        return (long) a << 16;
    }

    /**
     * The architecture the logged flags name, if any ({@code KEXEC_ARCH_PPC64} reads as
     * big-endian ppc64: the flags do not say the byte order).
     */
    public Optional<Arch> archFromFlags() {
        return flags.flatMap(f -> switch ((int) (f >>> 16)) {
            case KEXEC_ARCH_X86_64 -> Optional.of(Arch.X86_64);
            case KEXEC_ARCH_AARCH64 -> Optional.of(Arch.ARM64);
            case KEXEC_ARCH_ARM -> Optional.of(Arch.ARM);
            case KEXEC_ARCH_PPC -> Optional.of(Arch.PPC32);
            case KEXEC_ARCH_PPC64 -> Optional.of(Arch.PPC64);
            default -> Optional.empty();
        });
    }

    /**
     * The smallest RAM size (whole MiB, at least {@link StandardMachine#DEFAULT_RAM}) of a
     * standard machine that holds every logged destination.
     */
    public long minimumRam() {
        long top = StandardMachine.DEFAULT_RAM;
        for (Segment s : segments) {
            top = Math.max(top, s.mem() + s.memsz());
        }
        return (top + (1L << 20) - 1) & -(1L << 20);
    }

    /**
     * The replay machine's memory layout, sparse: the logged memory map's RAM with the
     * standard machine area reserved, or without a logged map a standard machine of
     * {@link #minimumRam()} bytes.
     */
    public MemoryLayout layout() {
        return ram.isEmpty() ? StandardMachine.layout(minimumRam()).sparse().build()
                : StandardMachine.sparseLayout(ram).build();
    }

    /** The logged layout on {@link #layout()}. */
    public KexecImage toImage(Arch arch) {
        return toImage(arch, layout());
    }

    /** The logged layout as an image for {@code arch} on {@code layout}, with generated contents. */
    public KexecImage toImage(Arch arch, MemoryLayout layout) {
        KexecImage.Builder b = KexecImage.builder(arch).layout(layout).entry(entry);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            b.segment(SegmentData.generated(s.bufsz(), 0x6b6c6f67L + i), s.mem(), s.memsz());
        }
        return b.build();
    }
}
