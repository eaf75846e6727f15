package org.kexeclab.x86.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.LoadProbe;
import org.kexeclab.x86.X86Register;

/**
 * The x86-64 plug-in of the Java engine: flat 64-bit mode, no paging (as Unicorn 2.0.1 runs
 * the stub here). Its self-test runs {@code mov rax, [rip + 0xf9]} and checks the loaded value.
 */
public final class X86Isa implements Isa {
    /** {@code mov rax, [rip + 0xf9]}: 7 bytes, so it reads CODE + 0x100. */
    private static final byte[] MOV_RAX_RIP = {0x48, (byte) 0x8b, 0x05, (byte) 0xf9, 0x00, 0x00, 0x00};

    @Override
    public String name() {
        return "x86";
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new X86Core(bus);
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        return LoadProbe.run(cpu, MOV_RAX_RIP, java.nio.ByteOrder.LITTLE_ENDIAN, 8, null, X86Register.RAX,
                "mov rax, [rip + 0xf9]");
    }
}
