package org.kexeclab.ppc.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.LoadProbe;
import org.kexeclab.ppc.PpcRegister;

/**
 * The PowerPC plug-in of the Java engine: ppc32 (big-endian), ppc64 (big-endian) and ppc64le.
 * Its self-test runs one {@code ld} (ppc64 and ppc64le) or {@code lwz} (ppc32), as the Unicorn
 * engine's probe does, and checks the loaded value.
 */
public final class PpcIsa implements Isa {
    /** {@code ld 3,0x100(4)}. */
    private static final int LD_R3_0X100_R4 = 0xe864_0100;
    /** {@code lwz 3,0x100(4)}. */
    private static final int LWZ_R3_0X100_R4 = 0x8064_0100;

    @Override
    public String name() {
        return "ppc";
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new PpcCore(arch, bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        boolean wide = arch.wordSize() == 8;
        return LoadProbe.run(cpu, LoadProbe.word(wide ? LD_R3_0X100_R4 : LWZ_R3_0X100_R4, arch.byteOrder()),
                arch.byteOrder(), wide ? 8 : 4, PpcRegister.R4, PpcRegister.R3, wide ? "ld" : "lwz");
    }
}
