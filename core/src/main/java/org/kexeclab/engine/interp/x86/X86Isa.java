package org.kexeclab.engine.interp.x86;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.X86Register;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;

/**
 * The x86-64 plug-in of the Java engine: flat 64-bit mode, no paging (as Unicorn 2.0.1 runs
 * the stub here). Its self-test runs {@code mov rax, [rip + 0xf9]} and checks the loaded value.
 */
public final class X86Isa implements Isa {
    private static final long CODE = 0x1000;
    private static final long VALUE = 0x0123_4567_89ab_cdefL;
    /** {@code mov rax, [rip + 0xf9]}: 7 bytes, so it reads CODE + 0x100. */
    private static final byte[] MOV_RAX_RIP = {0x48, (byte) 0x8b, 0x05, (byte) 0xf9, 0x00, 0x00, 0x00};

    @Override
    public String name() {
        return "x86";
    }

    @Override
    public boolean supports(Arch arch) {
        return arch == Arch.X86_64;
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new X86Core(bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        java.nio.ByteBuffer code = java.nio.ByteBuffer.allocate(0x108).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        code.put(MOV_RAX_RIP);
        code.putLong(0x100, VALUE);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, code.array());
        RunResult r = cpu.run(CODE, CODE + MOV_RAX_RIP.length, RunLimits.budget(16));
        long rax = cpu.readRegister(X86Register.RAX);
        if (r.reason() != StopReason.REACHED_UNTIL || rax != VALUE) {
            return String.format("a probe mov rax, [rip + 0xf9] ended with %s and rax = 0x%x", r, rax);
        }
        return "";
    }
}
