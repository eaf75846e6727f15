package org.kexeclab.arm.interp;

import org.kexeclab.Arch;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.LoadProbe;

/**
 * The 32-bit ARM plug-in of the Java engine (A32 plus a Thumb subset, little-endian, no MMU).
 * Its self-test runs one {@code ldr r0, [r1, #0x100]} and checks the loaded word.
 */
public final class A32Isa implements Isa {
    /** {@code ldr r0, [r1, #0x100]}. */
    private static final int LDR_R0_R1_0X100 = 0xe591_0100;

    @Override
    public String name() {
        return "a32";
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new A32Core(bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        return LoadProbe.run(cpu, LoadProbe.word(LDR_R0_R1_0X100, java.nio.ByteOrder.LITTLE_ENDIAN),
                java.nio.ByteOrder.LITTLE_ENDIAN, 4, ArmRegister.R1, ArmRegister.R0, "ldr");
    }
}
