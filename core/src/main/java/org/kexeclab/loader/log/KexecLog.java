package org.kexeclab.loader.log;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.Errno;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
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
 * <p>The flags are honoured as {@code kexec_load} reads them: {@link #checkFlags} refuses a
 * flag it does not take and an architecture field naming another architecture (EINVAL);
 * {@code KEXEC_ON_CRASH} makes the replay a crash image ({@code head = IND_DONE}, the
 * segments written in place) in a crash kernel reservation {@link #crashReservation derived}
 * from the segments, since {@code kexec -d} does not print {@code crashk_res};
 * {@code KEXEC_PRESERVE_CONTEXT} asks the run to swap ({@link #preserveContext()}).
 *
 * @param entry    the entry point
 * @param flags    the kexec_load flags (architecture in bits 16-31), if logged
 * @param segments the segments, index order
 * @param ram      the RAM ranges of the logged memory map, page-aligned, sorted and disjoint
 *                 (empty when the log has none)
 */
public record KexecLog(long entry, Optional<Long> flags, List<Segment> segments, List<AddressRange> ram) {
    /** {@code KEXEC_ON_CRASH}: load the crash (kdump) kernel. */
    public static final long KEXEC_ON_CRASH = 0x1;
    /** {@code KEXEC_PRESERVE_CONTEXT}: swap instead of copy, to come back (CONFIG_KEXEC_JUMP). */
    public static final long KEXEC_PRESERVE_CONTEXT = 0x2;
    /** The flags Linux 6.1's {@code kexec_load} takes ({@code KEXEC_FLAGS}). */
    static final long KEXEC_FLAGS = KEXEC_ON_CRASH | KEXEC_PRESERVE_CONTEXT;
    /** {@code KEXEC_ARCH_MASK}: the architecture field, bits 16-31. */
    static final long KEXEC_ARCH_MASK = 0xffff0000L;
    private static final long MIB = 1L << 20;

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

    /** True if the logged flags have {@code KEXEC_ON_CRASH}: the log is a crash (kdump) load. */
    public boolean onCrash() {
        return flags.map(f -> (f & KEXEC_ON_CRASH) != 0).orElse(false);
    }

    /** True if the logged flags have {@code KEXEC_PRESERVE_CONTEXT}. */
    public boolean preserveContext() {
        return flags.map(f -> (f & KEXEC_PRESERVE_CONTEXT) != 0).orElse(false);
    }

    /**
     * {@code kexec_load}'s flags check on {@code arch}: a flag it does not take, or an
     * architecture field that is neither {@code arch}'s nor {@code KEXEC_ARCH_DEFAULT} (0), is
     * EINVAL. (Whether {@code arch} takes {@code KEXEC_PRESERVE_CONTEXT} is its
     * {@code MachineKexec}'s to say.)
     */
    public void checkFlags(Arch arch) throws KexecLoadException {
        long f = flags.orElse(0L);
        long unknown = f & ~KEXEC_ARCH_MASK & ~KEXEC_FLAGS;
        if (unknown != 0) {
            throw new KexecLoadException(Errno.EINVAL, String.format("the log's flags 0x%x set 0x%x, which kexec_load "
                    + "does not take (it knows KEXEC_ON_CRASH 0x1 and KEXEC_PRESERVE_CONTEXT 0x2)", f, unknown));
        }
        long field = f & KEXEC_ARCH_MASK;
        if (field != 0 && field != archFlags(arch)) {
            throw new KexecLoadException(Errno.EINVAL, String.format("the log's flags 0x%x name %s, and kexec_load on "
                    + "%s takes only %s or KEXEC_ARCH_DEFAULT (0)", f, archField(field), arch, archField(archFlags(arch))));
        }
    }

    /**
     * "ARCH (KEXEC_ARCH_..., N << 16)" for an architecture field: the registered
     * architectures with that code ({@link ArchSupport#kexecArchCode()}), or its bare number.
     */
    private static String archField(long field) {
        int a = (int) (field >>> 16);
        List<ArchSupport> named = Arches.supports().stream().filter(s -> s.kexecArchCode() == a).toList();
        if (named.isEmpty()) {
            return "architecture " + a + " (" + a + " << 16)";
        }
        return named.stream().map(s -> s.arch().toString()).collect(Collectors.joining(" or ")) + " ("
                + named.get(0).kexecArchConstant() + ", " + a + " << 16)";
    }

    /**
     * The crash kernel reservation a {@code KEXEC_ON_CRASH} replay on {@code ram} needs, as
     * {@code kexec -d} does not print it: the segments' span widened to whole MiB (a page past
     * the last segment at least, for the control page), clipped to the RAM range holding the
     * first segment's start; empty if that start is in no RAM range (the load checks then say
     * what is wrong).
     */
    public Optional<AddressRange> crashReservation(List<AddressRange> ram) {
        long lo = -1;
        long hi = 0;
        for (Segment s : segments) {
            lo = Long.compareUnsigned(s.mem(), lo) < 0 ? s.mem() : lo;
            hi = Long.compareUnsigned(s.mem() + s.memsz(), hi) > 0 ? s.mem() + s.memsz() : hi;
        }
        long first = lo;
        long end = hi;
        return ram.stream().filter(r -> r.contains(first)).findFirst().map(r -> new AddressRange(
                Math.max(r.start(), first & -MIB), Math.min(r.end(), (end + Arch.PAGE_SIZE + MIB - 1) & -MIB),
                "crash kernel reservation"));
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
        return withCrashReservation(ram.isEmpty() ? StandardMachine.layout(minimumRam()).sparse()
                : StandardMachine.sparseLayout(ram));
    }

    /** A sparse standard machine of {@code ramSize} bytes instead of the logged memory map. */
    public MemoryLayout layout(long ramSize) {
        return withCrashReservation(StandardMachine.layout(ramSize).sparse());
    }

    /** {@code b}, with {@link #crashReservation} for a crash load. */
    private MemoryLayout withCrashReservation(MemoryLayout.Builder b) {
        MemoryLayout plain = b.build();
        if (!onCrash()) {
            return plain;
        }
        crashReservation(plain.ram()).ifPresent(r -> b.crashReservation(r.start(), r.size()));
        return b.build();
    }

    /** The logged layout on {@link #layout()}. */
    public KexecImage toImage(Arch arch) {
        return toImage(arch, layout());
    }

    /**
     * The logged layout as an image for {@code arch} on {@code layout}, with generated
     * contents: a crash image if the flags say {@code KEXEC_ON_CRASH}.
     */
    public KexecImage toImage(Arch arch, MemoryLayout layout) {
        KexecImage.Builder b = KexecImage.builder(arch).type(onCrash() ? ImageType.CRASH : ImageType.DEFAULT)
                .layout(layout).entry(entry);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            b.segment(SegmentData.generated(s.bufsz(), 0x6b6c6f67L + i), s.mem(), s.memsz());
        }
        return b.build();
    }
}
