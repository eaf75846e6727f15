package org.kexeclab.loader.dt;

import java.util.List;

/**
 * A flattened device tree in memory: the root node, the memory reservation block entries
 * and the boot CPU's physical id (header field {@code boot_cpuid_phys}).
 *
 * @param root         the root node (name "")
 * @param reservations {@code /memreserve/} entries as (address, size) pairs
 * @param bootCpuId    {@code boot_cpuid_phys}
 */
public record Fdt(FdtNode root, List<Reservation> reservations, long bootCpuId) {
    /** Header magic. */
    public static final long MAGIC = 0xd00dfeedL;
    /** The version written. */
    public static final int VERSION = 17;
    /** The oldest version a v17 tree is compatible with. */
    public static final int LAST_COMP_VERSION = 16;
    /** Header size of a v17 tree. */
    public static final int HEADER_SIZE = 40;
    static final int FDT_BEGIN_NODE = 1;
    static final int FDT_END_NODE = 2;
    static final int FDT_PROP = 3;
    static final int FDT_NOP = 4;
    static final int FDT_END = 9;

    /** Copies the reservation list. */
    public Fdt {
        reservations = List.copyOf(reservations);
    }

    /**
     * One memory reservation block entry.
     *
     * @param address first reserved byte
     * @param size    bytes reserved
     */
    public record Reservation(long address, long size) {
    }
}
