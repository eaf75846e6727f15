package org.kexeclab.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine's physical memory as kexec sees it: RAM ranges, an optional crash-kernel
 * reservation ({@code crashk_res}), where the running kernel's own image lies if known
 * (/proc/iomem's "Kernel code" to "Kernel bss": a crash load describes it to the crash kernel,
 * and some architectures' loaders keep new kernels clear of it), ranges reserved for the machine's own things (firmware,
 * the engine's stub and probe areas: never allocated, never overwritten by a segment), the
 * page size, and the kernel's {@code KEXEC_DESTINATION_MEMORY_LIMIT} and
 * {@code KEXEC_SOURCE_MEMORY_LIMIT}.
 *
 * <p>"Total RAM" for the half-of-RAM check is, like the kernel's {@code totalram_pages()},
 * the RAM pages not reserved and not in the crash reservation.
 *
 * <p>A <em>dense</em> layout (the default) is backed entirely by emulated memory: the engine
 * maps every RAM range. A <em>sparse</em> layout ({@link Builder#sparse()}) is a memory map
 * the emulator only partly backs: a load on it maps just the windows it needs (reserved
 * ranges, its allocator pool, its destinations; see {@link LoadedImage#mappedWindows()}), so
 * a machine whose RAM reaches tens of GiB costs what its segments cost, and an access to
 * any other address faults. The load checks see the whole memory map either way.
 */
public final class MemoryLayout {
    /** A limit of all ones (the kernel's {@code -1UL}): no limit. */
    public static final long NO_LIMIT = -1L;

    private final List<AddressRange> ram;
    private final AddressRange crashReservation;
    private final AddressRange runningKernel;
    private final List<AddressRange> reserved;
    private final int pageSize;
    private final long destinationMemoryLimit;
    private final long sourceMemoryLimit;
    private final boolean sparse;
    private final long machineBase;
    private final List<AddressRange> firmwareMap;

    private MemoryLayout(Builder b) {
        this.sparse = b.sparse;
        this.machineBase = b.machineBase;
        this.pageSize = b.pageSize;
        this.ram = List.copyOf(Ranges.sorted(b.ram));
        this.crashReservation = b.crashReservation;
        this.runningKernel = b.runningKernel;
        List<AddressRange> rounded = new ArrayList<>();
        for (AddressRange r : b.reserved) {
            rounded.add(Ranges.pageRounded(r, pageSize));
        }
        this.reserved = List.copyOf(Ranges.sorted(rounded));
        this.destinationMemoryLimit = b.destinationMemoryLimit;
        this.sourceMemoryLimit = b.sourceMemoryLimit;
        this.firmwareMap = List.copyOf(Ranges.sorted(b.firmwareMap));
    }

    /** A builder with 4 KiB pages and no limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding everything this layout holds, to derive another layout from it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ram.addAll(ram);
        b.reserved.addAll(reserved);
        b.crashReservation = crashReservation;
        b.runningKernel = runningKernel;
        b.pageSize = pageSize;
        b.destinationMemoryLimit = destinationMemoryLimit;
        b.sourceMemoryLimit = sourceMemoryLimit;
        b.sparse = sparse;
        b.firmwareMap.addAll(firmwareMap);
        return b;
    }

    /** RAM ranges, sorted and disjoint, page-aligned. */
    public List<AddressRange> ram() {
        return ram;
    }

    /** The crash-kernel reservation, if one was made. */
    public Optional<AddressRange> crashReservation() {
        return Optional.ofNullable(crashReservation);
    }

    /** Where the running kernel's image (code, data, bss) lies, if the layout says. */
    public Optional<AddressRange> runningKernel() {
        return Optional.ofNullable(runningKernel);
    }

    /** Reserved ranges, sorted, each widened to whole pages. */
    public List<AddressRange> reserved() {
        return reserved;
    }

    /**
     * The memory map the machine's firmware reports to a kernel, as the running kernel's
     * {@code /sys/firmware/memmap} holds it and kexec-tools passes it on: byte-exact ranges in
     * address order, each labelled with its {@code /proc/iomem} name ({@code "System RAM"},
     * {@code "Reserved"}, ...); empty when the layout does not say, and then {@link #ram()}
     * and {@link #reserved()} stand for it. It describes the machine; it never changes where
     * a load may go ({@link #allocatableRam()}).
     */
    public List<AddressRange> firmwareMap() {
        return firmwareMap;
    }

    /** The page size (4096 on every architecture modelled). */
    public int pageSize() {
        return pageSize;
    }

    /** {@code KEXEC_DESTINATION_MEMORY_LIMIT}: a segment with {@code mend >= limit} is refused. */
    public long destinationMemoryLimit() {
        return destinationMemoryLimit;
    }

    /** {@code KEXEC_SOURCE_MEMORY_LIMIT}: pages above it are never used for the list or sources. */
    public long sourceMemoryLimit() {
        return sourceMemoryLimit;
    }

    /** RAM the allocator may use: RAM minus reserved ranges minus the crash reservation. */
    public List<AddressRange> allocatableRam() {
        List<AddressRange> holes = new ArrayList<>(reserved);
        if (crashReservation != null) {
            holes.add(Ranges.pageRounded(crashReservation, pageSize));
        }
        return Ranges.subtract(ram, holes);
    }

    /** The kernel's {@code totalram_pages()}: pages of {@link #allocatableRam()}. */
    public long totalRamPages() {
        return Ranges.totalSize(allocatableRam()) / pageSize;
    }

    /**
     * True if the emulator backs only the windows a load needs ({@link LoadedImage#mappedWindows()}),
     * false if it backs all of {@link #ram()}.
     */
    public boolean sparse() {
        return sparse;
    }

    /**
     * Where the emulated machine keeps its own area (probe record, architecture area, the old
     * kernel's stack; {@code org.kexeclab.kexec.StandardMachine}): the address a layout built
     * with {@link Builder#machineArea} reserved, else 0, where RAM starts on the standard machine.
     */
    public long machineBase() {
        return machineBase;
    }

    /** True if all of {@code [from, to)} is RAM. */
    public boolean isRam(long from, long to) {
        return Ranges.covers(ram, from, to);
    }

    @Override
    public String toString() {
        return "MemoryLayout{ram " + ram + ", crash " + crashReservation + ", running kernel " + runningKernel
                + ", reserved " + reserved + ", page " + pageSize + (sparse ? ", sparse" : "")
                + (machineBase != 0 ? String.format(", machine area at 0x%x", machineBase) : "") + "}";
    }

    /** Builds a {@link MemoryLayout}; RAM must be page-aligned and non-overlapping. */
    public static final class Builder {
        private final List<AddressRange> ram = new ArrayList<>();
        private final List<AddressRange> reserved = new ArrayList<>();
        private AddressRange crashReservation;
        private AddressRange runningKernel;
        private int pageSize = 4096;
        private long destinationMemoryLimit = NO_LIMIT;
        private long sourceMemoryLimit = NO_LIMIT;
        private boolean sparse;
        private long machineBase;
        private final List<AddressRange> firmwareMap = new ArrayList<>();

        private Builder() {
        }

        /**
         * Makes the layout sparse: a load maps only the windows it needs, not all RAM
         * (see {@link MemoryLayout#sparse()}).
         */
        public Builder sparse() {
            this.sparse = true;
            return this;
        }

        /** Adds {@code size} bytes of RAM at {@code start}. */
        public Builder ram(long start, long size) {
            ram.add(AddressRange.of(start, size, "RAM"));
            return this;
        }

        /**
         * Reserves {@code size} bytes at {@code start} as the emulated machine's own area for
         * {@code label} and records {@code start} as the layout's {@link MemoryLayout#machineBase()}.
         */
        public Builder machineArea(long start, long size, String label) {
            this.machineBase = start;
            return reserve(start, size, label);
        }

        /** Sets the crash-kernel reservation (must lie inside RAM). */
        public Builder crashReservation(long start, long size) {
            crashReservation = AddressRange.of(start, size, "crash kernel reservation");
            return this;
        }

        /** Says where the running kernel's image is (must lie inside RAM); nothing is reserved by it. */
        public Builder runningKernel(long start, long size) {
            runningKernel = AddressRange.of(start, size, "running kernel");
            return this;
        }

        /** Reserves {@code size} bytes at {@code start} for {@code label} (widened to pages). */
        public Builder reserve(long start, long size, String label) {
            reserved.add(AddressRange.of(start, size, label));
            return this;
        }

        /** Adds a range of the firmware's memory map ({@link MemoryLayout#firmwareMap()}) named {@code type} as /proc/iomem names it. */
        public Builder firmwareRange(long start, long size, String type) {
            firmwareMap.add(AddressRange.of(start, size, type));
            return this;
        }

        /** Sets the page size (a power of two, at least 4096). */
        public Builder pageSize(int pageSize) {
            if (pageSize < 4096 || Integer.bitCount(pageSize) != 1) {
                throw new IllegalArgumentException("page size must be a power of two >= 4096, got " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /** Sets {@code KEXEC_DESTINATION_MEMORY_LIMIT} ({@link #NO_LIMIT} by default). */
        public Builder destinationMemoryLimit(long limit) {
            this.destinationMemoryLimit = limit;
            return this;
        }

        /** Sets {@code KEXEC_SOURCE_MEMORY_LIMIT} ({@link #NO_LIMIT} by default). */
        public Builder sourceMemoryLimit(long limit) {
            this.sourceMemoryLimit = limit;
            return this;
        }

        /** The layout; throws {@link IllegalArgumentException} for unaligned or overlapping RAM. */
        public MemoryLayout build() {
            if (ram.isEmpty()) {
                throw new IllegalArgumentException("a memory layout needs at least one RAM range");
            }
            List<AddressRange> sorted = Ranges.sorted(ram);
            for (int i = 0; i < sorted.size(); i++) {
                AddressRange r = sorted.get(i);
                if (((r.start() | r.end()) & (pageSize - 1)) != 0) {
                    throw new IllegalArgumentException("RAM range " + r.bounds() + " is not page-aligned");
                }
                if (i > 0 && Long.compareUnsigned(sorted.get(i - 1).end(), r.start()) > 0) {
                    throw new IllegalArgumentException("RAM ranges " + sorted.get(i - 1).bounds() + " and " + r.bounds()
                            + " overlap");
                }
            }
            if (crashReservation != null && !Ranges.covers(sorted, crashReservation.start(), crashReservation.end())) {
                throw new IllegalArgumentException("the " + crashReservation + " is not inside RAM");
            }
            if (runningKernel != null && !Ranges.covers(sorted, runningKernel.start(), runningKernel.end())) {
                throw new IllegalArgumentException("the " + runningKernel + " is not inside RAM");
            }
            return new MemoryLayout(this);
        }
    }
}
