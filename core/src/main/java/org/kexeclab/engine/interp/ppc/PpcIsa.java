package org.kexeclab.engine.interp.ppc;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;

/**
 * The PowerPC plug-in of the Java engine: ppc32 (big-endian), ppc64 (big-endian) and ppc64le.
 * Its self-test runs one {@code ld} (ppc64 and ppc64le) or {@code lwz} (ppc32), as the Unicorn
 * engine's probe does, and checks the loaded value.
 */
public final class PpcIsa implements Isa {
    private static final long CODE = 0x1000;
    private static final long VALUE = 0x0123_4567_89ab_cdefL;
    /** {@code ld 3,0x100(4)}. */
    private static final int LD_R3_0X100_R4 = 0xe864_0100;
    /** {@code lwz 3,0x100(4)}. */
    private static final int LWZ_R3_0X100_R4 = 0x8064_0100;

    @Override
    public String name() {
        return "ppc";
    }

    @Override
    public boolean supports(Arch arch) {
        return arch == Arch.PPC32 || arch == Arch.PPC64 || arch == Arch.PPC64LE;
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new PpcCore(arch, bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        boolean wide = arch != Arch.PPC32;
        java.nio.ByteBuffer code = java.nio.ByteBuffer.allocate(0x108).order(arch.byteOrder());
        code.putInt(0, wide ? LD_R3_0X100_R4 : LWZ_R3_0X100_R4);
        if (wide) {
            code.putLong(0x100, VALUE);
        } else {
            code.putInt(0x100, (int) VALUE);
        }
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, code.array());
        cpu.writeRegister(PpcRegister.R4, CODE);
        RunResult r = cpu.run(CODE, CODE + 4, RunLimits.budget(16));
        long expected = wide ? VALUE : VALUE & 0xffff_ffffL;
        long r3 = cpu.readRegister(PpcRegister.R3);
        if (r.reason() != StopReason.REACHED_UNTIL || r3 != expected) {
            return String.format("a probe %s ended with %s and r3 = 0x%x", wide ? "ld" : "lwz", r, r3);
        }
        return "";
    }
}
