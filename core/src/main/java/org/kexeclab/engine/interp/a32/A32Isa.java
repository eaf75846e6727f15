package org.kexeclab.engine.interp.a32;

import org.kexeclab.Arch;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;

/**
 * The 32-bit ARM plug-in of the Java engine (A32 plus a Thumb subset, little-endian, no MMU).
 * Its self-test runs one {@code ldr r0, [r1, #0x100]} and checks the loaded word.
 */
public final class A32Isa implements Isa {
    private static final long CODE = 0x1000;
    private static final int VALUE = 0x89ab_cdef;
    /** {@code ldr r0, [r1, #0x100]}. */
    private static final int LDR_R0_R1_0X100 = 0xe591_0100;

    @Override
    public String name() {
        return "a32";
    }

    @Override
    public boolean supports(Arch arch) {
        return arch == Arch.ARM;
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new A32Core(bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        java.nio.ByteBuffer code = java.nio.ByteBuffer.allocate(0x104).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        code.putInt(0, LDR_R0_R1_0X100);
        code.putInt(0x100, VALUE);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, code.array());
        cpu.writeRegister(ArmRegister.R1, CODE);
        RunResult r = cpu.run(CODE, CODE + 4, RunLimits.budget(16));
        long r0 = cpu.readRegister(ArmRegister.R0);
        if (r.reason() != StopReason.REACHED_UNTIL || r0 != (VALUE & 0xffff_ffffL)) {
            return String.format("a probe ldr ended with %s and r0 = 0x%x", r, r0);
        }
        return "";
    }
}
