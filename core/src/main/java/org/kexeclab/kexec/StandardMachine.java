package org.kexeclab.kexec;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;

/**
 * The emulated machine every architecture shares, so that one image relocates to identical
 * memory everywhere: RAM whose first MiB is the machine's own (as low memory is firmware's on
 * a PC) and never handed to the kexec allocator. The default machine has its RAM, and so its
 * area, from physical address 0:
 *
 * <pre>
 *   0x000000 - 0x00ffff  untouched (a stub may copy the new image's first bytes to 0)
 *   0x010000 - 0x010fff  entry probe record
 *   0x020000 - 0x05ffff  architecture area: page tables, the stub's data
 *   0x07f000 - 0x07ffff  the old kernel's stack (top at 0x80000)
 *   0x100000 -           RAM for the kexec allocator and the image
 * </pre>
 *
 * <p>A machine whose RAM starts elsewhere (a board whose RAM begins at 1 GiB, as QEMU's
 * {@code virt} boards do) keeps the same area at the same offsets from its RAM base
 * ({@link #at}); a layout records where its area is ({@link MemoryLayout#machineBase()}), and
 * {@link #of} gives the machine of a layout, so the architectures' {@link MachineKexec}s place
 * their data and stack from the layout they load on. The static constants are the default
 * machine's addresses.
 */
public final class StandardMachine {
    /** Default RAM size: 128 MiB. */
    public static final long DEFAULT_RAM = 128L << 20;
    /** Size of the machine's own low area, reserved from the allocator. */
    public static final long MACHINE_AREA_SIZE = 0x100000;
    /** The least RAM a standard machine can have: its own first MiB and one page for a load. */
    public static final long MIN_RAM = MACHINE_AREA_SIZE + Arch.PAGE_SIZE;
    /** The machine area's label in layouts and messages. */
    public static final String MACHINE_AREA_LABEL = "machine area (probe record, page tables, arch data, stack)";
    /** Where the entry probe writes its record on the default machine. */
    public static final long PROBE_RECORD = 0x10000;
    /** Start of the architecture area on the default machine. */
    public static final long ARCH_AREA = 0x20000;
    /** Size of the architecture area. */
    public static final long ARCH_AREA_SIZE = 0x40000;
    /** The old kernel's stack pointer when it calls the stub, on the default machine (the stack page is below it). */
    public static final long STACK_TOP = 0x80000;
    /** The default machine: RAM and its area from physical address 0. */
    public static final StandardMachine DEFAULT = new StandardMachine(0);

    private final long ramBase;

    private StandardMachine(long ramBase) {
        this.ramBase = ramBase;
    }

    /**
     * The machine whose RAM, and so its own area, starts at {@code ramBase}.
     *
     * @throws IllegalArgumentException if {@code ramBase} is not a whole number of MiB
     */
    public static StandardMachine at(long ramBase) {
        if (ramBase % MACHINE_AREA_SIZE != 0) {
            throw new IllegalArgumentException(String.format("a machine's RAM base must be MiB-aligned, not 0x%x",
                    ramBase));
        }
        return ramBase == 0 ? DEFAULT : new StandardMachine(ramBase);
    }

    /** The machine {@code layout} describes: the one whose area is at {@link MemoryLayout#machineBase()}. */
    public static StandardMachine of(MemoryLayout layout) {
        return at(layout.machineBase());
    }

    /** Where RAM and the machine's area start. */
    public long ramBase() {
        return ramBase;
    }

    /** The machine's own area, {@code [ramBase, ramBase + 1 MiB)}. */
    public AddressRange area() {
        return AddressRange.of(ramBase, MACHINE_AREA_SIZE, MACHINE_AREA_LABEL);
    }

    /** Where the entry probe writes its record. */
    public long probeRecord() {
        return ramBase + PROBE_RECORD;
    }

    /** Start of the architecture area ({@link #ARCH_AREA_SIZE} bytes: page tables, the stub's data). */
    public long archArea() {
        return ramBase + ARCH_AREA;
    }

    /** The old kernel's stack pointer when it calls the stub. */
    public long stackTop() {
        return ramBase + STACK_TOP;
    }

    /** A layout with {@code ramSize} bytes of RAM from {@link #ramBase()} and the machine area reserved. */
    public MemoryLayout.Builder memory(long ramSize) {
        return MemoryLayout.builder()
                .ram(ramBase, ramSize)
                .machineArea(ramBase, MACHINE_AREA_SIZE, MACHINE_AREA_LABEL);
    }

    /**
     * What is wrong with {@code ramSize} bytes as a standard machine's RAM, as the end of a
     * sentence about it ("is negative", "is too small: ...", "is not a whole number of 4 KiB
     * pages"), or null if nothing is.
     */
    public static String ramSizeProblem(long ramSize) {
        if (ramSize < 0) {
            return "is negative";
        }
        if (ramSize < MIN_RAM) {
            return String.format("is too small: the machine keeps its first MiB for itself, so the least RAM is that "
                    + "and one 4 KiB page, 0x%x bytes (1028K)", MIN_RAM);
        }
        if (ramSize % Arch.PAGE_SIZE != 0) {
            return "is not a whole number of 4 KiB pages";
        }
        return null;
    }

    /** A layout with {@code ramSize} bytes of RAM from 0 and the machine area reserved: the default machine's. */
    public static MemoryLayout.Builder layout(long ramSize) {
        return DEFAULT.memory(ramSize);
    }

    /**
     * A {@linkplain MemoryLayout#sparse() sparse} layout over the RAM ranges of a memory map
     * (an e820 map, say; page-aligned, disjoint) with the machine area reserved: a load on it
     * maps the machine area, its destinations and its allocator pool, nothing else, however
     * high the RAM reaches.
     */
    public static MemoryLayout.Builder sparseLayout(List<AddressRange> ram) {
        MemoryLayout.Builder b = MemoryLayout.builder().sparse();
        for (AddressRange r : ram) {
            b.ram(r.start(), r.size());
        }
        return b.machineArea(0, MACHINE_AREA_SIZE, MACHINE_AREA_LABEL);
    }

    /** {@link #layout(long)} with a crash-kernel reservation. */
    public static MemoryLayout.Builder layout(long ramSize, long crashStart, long crashSize) {
        return layout(ramSize).crashReservation(crashStart, crashSize);
    }

    @Override
    public String toString() {
        return String.format("standard machine, RAM and its area at 0x%x", ramBase);
    }
}
