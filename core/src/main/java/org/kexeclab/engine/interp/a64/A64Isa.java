package org.kexeclab.engine.interp.a64;

import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;

/**
 * The AArch64 plug-in of the Java engine (A64 at EL1, MMU off, little-endian). Its self-test
 * runs one {@code ldr x0, [x1, #0x100]} and checks the loaded doubleword.
 */
public final class A64Isa implements Isa {
    private static final long CODE = 0x1000;
    private static final long VALUE = 0x0123_4567_89ab_cdefL;
    /** {@code ldr x0, [x1, #0x100]}. */
    private static final int LDR_X0_X1_0X100 = 0xf940_8020;

    @Override
    public String name() {
        return "a64";
    }

    @Override
    public boolean supports(Arch arch) {
        return arch == Arch.ARM64;
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new A64Core(bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        java.nio.ByteBuffer code = java.nio.ByteBuffer.allocate(0x108).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        code.putInt(0, LDR_X0_X1_0X100);
        code.putLong(0x100, VALUE);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, code.array());
        cpu.writeRegister(Arm64Register.X1, CODE);
        RunResult r = cpu.run(CODE, CODE + 4, RunLimits.budget(16));
        long x0 = cpu.readRegister(Arm64Register.X0);
        if (r.reason() != StopReason.REACHED_UNTIL || x0 != VALUE) {
            return String.format("a probe ldr ended with %s and x0 = 0x%x", r, x0);
        }
        return "";
    }
}
