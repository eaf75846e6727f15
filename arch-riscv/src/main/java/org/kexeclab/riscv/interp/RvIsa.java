package org.kexeclab.riscv.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.LoadProbe;
import org.kexeclab.riscv.RiscvRegister;

/**
 * The RV64 plug-in of the Java engine (riscv64). Its self-test runs one {@code ld}, as the
 * Unicorn engine's probe does, and checks the loaded value.
 */
public final class RvIsa implements Isa {
    /** {@code ld a0, 0x100(a1)}. */
    private static final int LD_A0_0X100_A1 = 0x1005_b503;

    @Override
    public String name() {
        return "rv64";
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new RvCore(arch, bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        return LoadProbe.run(cpu, LoadProbe.word(LD_A0_0X100_A1, arch.byteOrder()), arch.byteOrder(), 8,
                RiscvRegister.A1, RiscvRegister.A0, "ld");
    }
}
