package org.kexeclab.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.X86Register;

/**
 * The registers a trace follows on one architecture, in the architecture's own names and
 * order: the general-purpose registers, the stack pointer and the flags. The program counter
 * is the step's address and is not listed.
 */
public final class TraceRegisters {
    private final Register[] registers;
    private final String[] names;

    private TraceRegisters(List<Register> registers, List<String> names) {
        this.registers = registers.toArray(new Register[0]);
        this.names = names.toArray(new String[0]);
    }

    /** The followed registers of {@code arch}. */
    public static TraceRegisters of(Arch arch) {
        List<Register> regs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        switch (arch) {
            case X86_64 -> {
                for (X86Register r : new X86Register[] {X86Register.RAX, X86Register.RBX, X86Register.RCX,
                        X86Register.RDX, X86Register.RBP, X86Register.RSP, X86Register.RSI, X86Register.RDI,
                        X86Register.R8, X86Register.R9, X86Register.R10, X86Register.R11, X86Register.R12,
                        X86Register.R13, X86Register.R14, X86Register.R15, X86Register.RFLAGS}) {
                    add(regs, names, r, r.name());
                }
            }
            case ARM64 -> {
                for (int i = 0; i <= 30; i++) {
                    add(regs, names, Arm64Register.x(i), "X" + i);
                }
                add(regs, names, Arm64Register.SP, "SP");
                add(regs, names, Arm64Register.NZCV, "NZCV");
            }
            case ARM -> {
                for (int i = 0; i <= 12; i++) {
                    add(regs, names, ArmRegister.r(i), "R" + i);
                }
                add(regs, names, ArmRegister.R13, "SP");
                add(regs, names, ArmRegister.R14, "LR");
                add(regs, names, ArmRegister.CPSR, "CPSR");
            }
            default -> {
                for (PpcRegister r : PpcRegister.values()) {
                    if (r != PpcRegister.PC && r != PpcRegister.MSR) {
                        add(regs, names, r, r.name());
                    }
                }
            }
        }
        return new TraceRegisters(regs, names);
    }

    private static void add(List<Register> regs, List<String> names, Register r, String name) {
        regs.add(r);
        names.add(name);
    }

    /** Number of followed registers. */
    public int size() {
        return registers.length;
    }

    /** The followed registers, in order (a copy). */
    public Register[] registers() {
        return registers.clone();
    }

    /** Register {@code i}. */
    public Register register(int i) {
        return registers[i];
    }

    /** Upper-case name of register {@code i} as the architecture's manuals (and Tenet) spell it. */
    public String name(int i) {
        return names[i];
    }

    /** Lower-case name of register {@code i}, as assembly source spells it. */
    public String lowerName(int i) {
        return names[i].toLowerCase(Locale.ROOT);
    }
}
