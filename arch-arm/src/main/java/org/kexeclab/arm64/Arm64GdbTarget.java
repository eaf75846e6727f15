package org.kexeclab.arm64;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.engine.Cpu;

/**
 * AArch64 as GDB debugs it: the {@code org.gnu.gdb.aarch64.core} feature (x0..x30, sp, pc as
 * numbers 0..32, cpsr as 33 with GDB's flag fields) and the EL1 system registers the stub touches
 * as a feature of kexec-lab's own ({@code p $sctlr_el1}). GDB's cpsr is PSTATE as SPSR saves it:
 * the project keeps NZCV, DAIF and CurrentEL apart, so it is put together from them (and split
 * back when GDB writes it; the exception level is read-only). There is no floating-point feature:
 * the stubs use none.
 */
public final class Arm64GdbTarget implements GdbTarget {
    private static final String CPSR_FLAGS = GdbFeature.flags("cpsr_flags", 4, "SP", 0, "EL", "2-3", "nRW", 4,
            "F", 6, "I", 7, "A", 8, "D", 9, "BTYPE", "10-11", "SSBS", 12, "IL", 20, "SS", 21, "PAN", 22, "UAO", 23,
            "DIT", 24, "TCO", 25, "V", 28, "C", 29, "Z", 30, "N", 31);
    private static final Arm64Register[] SYSTEM = {
        Arm64Register.SCTLR_EL1, Arm64Register.TTBR0_EL1, Arm64Register.TTBR1_EL1, Arm64Register.CPACR_EL1,
        Arm64Register.VBAR_EL1, Arm64Register.ELR_EL1, Arm64Register.SPSR_EL1, Arm64Register.MAIR_EL1,
        Arm64Register.ESR_EL1, Arm64Register.FAR_EL1};
    /** NZCV's bits in PSTATE. */
    static final long NZCV_BITS = 0xf000_0000L;
    /** DAIF's bits in PSTATE. */
    static final long DAIF_BITS = 0x3c0L;
    /** CurrentEL's bits in PSTATE. */
    static final long EL_BITS = 0xcL;

    private final List<GdbFeature> features = List.of(core(), system());

    @Override
    public String architecture() {
        return "aarch64";
    }

    /** GDB treats this architecture's watchpoints as triggering before the access. */
    @Override
    public boolean watchpointStopsBeforeAccess() {
        return true;
    }

    @Override
    public List<GdbFeature> features() {
        return features;
    }

    private static GdbFeature core() {
        List<GdbRegister> r = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            r.add(GdbRegister.of("x" + i, 64, i, "int", Arm64Register.x(i)));
        }
        r.add(GdbRegister.of("sp", 64, 31, "data_ptr", Arm64Register.SP));
        r.add(GdbRegister.of("pc", 64, 32, "code_ptr", Arm64Register.PC));
        r.add(new GdbRegister("cpsr", 32, 33, "cpsr_flags", null, new Pstate()));
        return new GdbFeature("org.gnu.gdb.aarch64.core", CPSR_FLAGS, r);
    }

    private static GdbFeature system() {
        List<GdbRegister> r = new ArrayList<>();
        for (Arm64Register s : SYSTEM) {
            r.add(new GdbRegister(s.name().toLowerCase(Locale.ROOT), 64, 34 + r.size(), "int", "system",
                    GdbRegister.Access.of(s)));
        }
        return new GdbFeature("org.kexeclab.aarch64.system", r);
    }

    /** GDB's cpsr from the project's NZCV, DAIF and CurrentEL. */
    private static final class Pstate implements GdbRegister.Access {
        @Override
        public long read(Cpu cpu) {
            return (cpu.readRegister(Arm64Register.NZCV) & NZCV_BITS) | (cpu.readRegister(Arm64Register.DAIF) & DAIF_BITS)
                    | (cpu.readRegister(Arm64Register.CURRENT_EL) & EL_BITS);
        }

        @Override
        public void write(Cpu cpu, long value) {
            cpu.writeRegister(Arm64Register.NZCV, value & NZCV_BITS);
            cpu.writeRegister(Arm64Register.DAIF, value & DAIF_BITS);
        }
    }
}
