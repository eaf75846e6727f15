package org.kexeclab.riscv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;

/**
 * RV64 as GDB debugs it: the {@code org.gnu.gdb.riscv.cpu} feature (x0..x31 by GDB's names,
 * {@code zero}, {@code ra}, {@code sp}, ... {@code fp} for x8, as numbers 0..31, and pc as 32) and
 * the supervisor CSRs the stub and its trap touch, by their names in GDB's
 * {@code org.gnu.gdb.riscv.csr} feature and in that feature's order, numbered on from 33 as GDB
 * numbers a feature whose file gives no numbers ({@code p $satp}, {@code info registers csr}).
 * There is no floating-point feature (the stubs use none) and no machine-mode CSR (the stub runs
 * in S-mode). Its ELF files carry {@code e_flags} 0: the soft-float ABI and no compressed
 * instructions, which is what the stubs are; GDB reads the ABI from those flags. RISC-V needs no
 * mapping symbol: every section here is RV64 code, and GDB decodes by the architecture alone.
 */
public final class RiscvGdbTarget implements GdbTarget {
    /** GDB's names of x0..x31, as its 64bit-cpu.xml lists them. */
    private static final String[] NAMES = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};
    /** The supervisor CSRs the project models, in the order of GDB's 64bit-csr.xml. */
    private static final RiscvRegister[] CSRS = {
        RiscvRegister.SSTATUS, RiscvRegister.SIE, RiscvRegister.STVEC, RiscvRegister.SSCRATCH, RiscvRegister.SEPC,
        RiscvRegister.SCAUSE, RiscvRegister.STVAL, RiscvRegister.SIP, RiscvRegister.SATP};
    /** GDB's number of pc in the cpu feature. */
    private static final int PC_NUMBER = 32;

    private final List<GdbFeature> features = List.of(cpu(), csr());

    @Override
    public String architecture() {
        return "riscv:rv64";
    }

    /** GDB treats RISC-V's watchpoints as triggering before the access (its "non-steppable" watchpoints). */
    @Override
    public boolean watchpointStopsBeforeAccess() {
        return true;
    }

    @Override
    public List<GdbFeature> features() {
        return features;
    }

    private static GdbFeature cpu() {
        List<GdbRegister> r = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            r.add(GdbRegister.of(NAMES[i], 64, i, type(NAMES[i]), RiscvRegister.x(i)));
        }
        r.add(GdbRegister.of("pc", 64, PC_NUMBER, "code_ptr", RiscvRegister.PC));
        return new GdbFeature("org.gnu.gdb.riscv.cpu", r);
    }

    /** The type 64bit-cpu.xml gives register {@code name}. */
    private static String type(String name) {
        return switch (name) {
            case "ra" -> "code_ptr";
            case "sp", "gp", "tp", "fp" -> "data_ptr";
            default -> "int";
        };
    }

    private static GdbFeature csr() {
        List<GdbRegister> r = new ArrayList<>();
        for (RiscvRegister c : CSRS) {
            r.add(GdbRegister.of(c.name().toLowerCase(Locale.ROOT), 64, PC_NUMBER + 1 + r.size(), "int", c));
        }
        return new GdbFeature("org.gnu.gdb.riscv.csr", r);
    }
}
