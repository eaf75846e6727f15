package org.kexeclab.riscv;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The control and status registers by the names GNU as accepts for them in {@code csr*}
 * instructions, with their 12-bit numbers (the privileged specification's table). Bits 9..8 of a
 * number are the lowest privilege level that may access it (0 user, 1 supervisor, 3 machine) and
 * bits 11..10 are 3 for a read-only register, which is what {@link #privilege} and
 * {@link #readOnly} read.
 */
public final class RiscvCsr {
    /** Supervisor status. */
    public static final int SSTATUS = 0x100;
    /** Supervisor interrupt enable. */
    public static final int SIE = 0x104;
    /** Supervisor trap vector. */
    public static final int STVEC = 0x105;
    /** Supervisor scratch. */
    public static final int SSCRATCH = 0x140;
    /** Supervisor exception pc. */
    public static final int SEPC = 0x141;
    /** Supervisor trap cause. */
    public static final int SCAUSE = 0x142;
    /** Supervisor trap value. */
    public static final int STVAL = 0x143;
    /** Supervisor interrupt pending. */
    public static final int SIP = 0x144;
    /** Supervisor address translation and protection. */
    public static final int SATP = 0x180;
    /** Machine status. */
    public static final int MSTATUS = 0x300;
    /** Machine ISA. */
    public static final int MISA = 0x301;
    /** Machine interrupt delegation. */
    public static final int MIDELEG = 0x303;
    /** Machine interrupt enable. */
    public static final int MIE = 0x304;
    /** Machine trap vector. */
    public static final int MTVEC = 0x305;
    /** Machine scratch. */
    public static final int MSCRATCH = 0x340;
    /** Machine exception pc. */
    public static final int MEPC = 0x341;
    /** Machine trap cause. */
    public static final int MCAUSE = 0x342;
    /** Machine trap value. */
    public static final int MTVAL = 0x343;
    /** Machine interrupt pending. */
    public static final int MIP = 0x344;
    /** Hart id. */
    public static final int MHARTID = 0xf14;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("sstatus", SSTATUS), Map.entry("sie", SIE), Map.entry("stvec", STVEC),
            Map.entry("scounteren", 0x106), Map.entry("sscratch", SSCRATCH), Map.entry("sepc", SEPC),
            Map.entry("scause", SCAUSE), Map.entry("stval", STVAL), Map.entry("sip", SIP), Map.entry("satp", SATP),
            Map.entry("mstatus", MSTATUS), Map.entry("misa", MISA), Map.entry("medeleg", 0x302),
            Map.entry("mideleg", MIDELEG), Map.entry("mie", MIE), Map.entry("mtvec", MTVEC),
            Map.entry("mcounteren", 0x306), Map.entry("mscratch", MSCRATCH), Map.entry("mepc", MEPC),
            Map.entry("mcause", MCAUSE), Map.entry("mtval", MTVAL), Map.entry("mip", MIP),
            Map.entry("mvendorid", 0xf11), Map.entry("marchid", 0xf12), Map.entry("mimpid", 0xf13),
            Map.entry("mhartid", MHARTID), Map.entry("cycle", 0xc00), Map.entry("time", 0xc01),
            Map.entry("instret", 0xc02));

    private RiscvCsr() {
    }

    /** The number of the CSR called {@code name} (case ignored), if GNU as knows it by that name here. */
    public static Optional<Integer> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The name GNU as gives CSR {@code csr}, if it is one of those above. */
    public static Optional<String> name(int csr) {
        return BY_NAME.entrySet().stream().filter(e -> e.getValue() == csr).map(Map.Entry::getKey).findFirst();
    }

    /** The lowest privilege level (0 user, 1 supervisor, 3 machine) that may access CSR {@code csr}. */
    public static int privilege(int csr) {
        return csr >>> 8 & 3;
    }

    /** True if CSR {@code csr} is read-only (bits 11..10 are 3): a write to it is an illegal instruction. */
    public static boolean readOnly(int csr) {
        return (csr >>> 10 & 3) == 3;
    }
}
