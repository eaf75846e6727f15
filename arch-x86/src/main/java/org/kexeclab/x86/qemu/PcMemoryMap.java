package org.kexeclab.x86.qemu;

import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.plan.IomemMap;

/**
 * The memory of QEMU's {@code pc} machine (i440FX) with a given amount of RAM, as a load is
 * planned and relocated on it and as its firmware would report it to the kernel in e820.
 * QEMU keeps all RAM below 4 GiB when there is less than 3.5 GiB; with more, the first 3 GiB
 * stay low and the rest starts at 4 GiB (the PCI hole between). The firmware's map is the one
 * a BIOS-booted {@code pc} reports: RAM to the extended BIOS data area at 0x9fc00, which is
 * reserved with the rest of that KiB, the BIOS's own 64 KiB below 1 MiB reserved, RAM from
 * 1 MiB to the low end, the 256 KiB BIOS ROM window below 4 GiB reserved, and the high RAM.
 * The load itself keeps off the first MiB (the standard machine's own area, which also holds
 * the legacy VGA and ROM windows) and is never placed outside RAM.
 */
public final class PcMemoryMap {
    /** With this much RAM or more, QEMU splits it at {@link #SPLIT_LOW}. */
    static final long SPLIT_AT = 0xe0000000L;
    /** The RAM QEMU keeps below 4 GiB when it splits. */
    static final long SPLIT_LOW = 0xc0000000L;
    static final long FOUR_GIB = 1L << 32;
    /** Where the extended BIOS data area starts: the last KiB below 640 KiB. */
    static final long EBDA = 0x9fc00;
    static final long BIOS_LOW = 0xf0000;
    static final long ONE_MIB = 0x100000;
    /** The BIOS ROM window below 4 GiB, as the firmware map reserves it. */
    static final long BIOS_WINDOW = 0xfffc0000L;
    static final String RESERVED = "Reserved";

    private PcMemoryMap() {
    }

    /** The RAM below 4 GiB with {@code ramSize} bytes in all. */
    static long lowRam(long ramSize) {
        return ramSize < SPLIT_AT ? ramSize : SPLIT_LOW;
    }

    /**
     * The layout with {@code ramSize} bytes of RAM: sparse (a load maps only what it needs),
     * the standard machine's area at 0, and the firmware's map.
     */
    public static MemoryLayout layout(long ramSize) {
        long low = lowRam(ramSize);
        MemoryLayout.Builder b = MemoryLayout.builder().sparse().ram(0, low);
        if (ramSize > low) {
            b.ram(FOUR_GIB, ramSize - low);
        }
        b.machineArea(0, StandardMachine.MACHINE_AREA_SIZE, StandardMachine.MACHINE_AREA_LABEL)
                .firmwareRange(0, EBDA, IomemMap.SYSTEM_RAM)
                .firmwareRange(EBDA, 0xa0000 - EBDA, RESERVED)
                .firmwareRange(BIOS_LOW, ONE_MIB - BIOS_LOW, RESERVED)
                .firmwareRange(ONE_MIB, low - ONE_MIB, IomemMap.SYSTEM_RAM)
                .firmwareRange(BIOS_WINDOW, FOUR_GIB - BIOS_WINDOW, RESERVED);
        if (ramSize > low) {
            b.firmwareRange(FOUR_GIB, ramSize - low, IomemMap.SYSTEM_RAM);
        }
        return b.build();
    }
}
