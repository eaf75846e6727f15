package org.kexeclab.loader.log;

import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
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
 * {@code MEMORY RANGES} table (some architectures print it), its RAM ranges are the replay machine's
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

    /**
     * The kexec_load flags' architecture field for {@code arch} (kexec-tools' {@code KEXEC_ARCH_*}
     * << 16, from {@link ArchSupport#kexecArchCode()}).
     */
    public static long archFlags(Arch arch) {
        return (long) Arches.support(arch).kexecArchCode() << 16;
    }

    /**
     * The architecture the logged flags name, if any: the first registered architecture with
     * that {@code KEXEC_ARCH_*} number (architectures that share one, as the byte orders of one
     * architecture do, read as the first: the flags do not say the byte order).
     */
    public Optional<Arch> archFromFlags() {
        return flags.flatMap(f -> Arches.supports().stream()
                .filter(s -> s.kexecArchCode() == (int) (f >>> 16)).map(ArchSupport::arch).findFirst());
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
