package org.kexeclab.arm64.interp;

import org.kexeclab.Arch;
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.LoadProbe;

/**
 * The AArch64 plug-in of the Java engine (A64 at EL1, MMU off, little-endian). Its self-test
 * runs one {@code ldr x0, [x1, #0x100]} and checks the loaded doubleword.
 */
public final class A64Isa implements Isa {
    /** {@code ldr x0, [x1, #0x100]}. */
    private static final int LDR_X0_X1_0X100 = 0xf940_8020;

    @Override
    public String name() {
        return "a64";
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new A64Core(bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        return LoadProbe.run(cpu, LoadProbe.word(LDR_X0_X1_0X100, java.nio.ByteOrder.LITTLE_ENDIAN),
                java.nio.ByteOrder.LITTLE_ENDIAN, 8, Arm64Register.X1, Arm64Register.X0, "ldr");
    }
}
