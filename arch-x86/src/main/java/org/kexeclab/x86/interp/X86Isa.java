package org.kexeclab.x86.interp;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.interp.GuestBus;
import org.kexeclab.engine.interp.Isa;
import org.kexeclab.engine.interp.IsaCore;
import org.kexeclab.engine.interp.LoadProbe;
import org.kexeclab.x86.I386Register;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Mode;
import org.kexeclab.x86.X86Register;

/**
 * The x86 plug-in of the Java engine, shared by x86_64 (flat 64-bit mode) and i386 (flat 32-bit
 * protected mode), with four-level paging in 64-bit mode while CR0.PG and CR4.PAE are set
 * ({@link X86Paging}) and none in 32-bit mode. Its self-test loads a
 * known word: {@code mov rax, [rip + 0xf9]} in 64-bit mode, {@code mov eax, [0x1100]} in 32-bit mode.
 */
public final class X86Isa implements Isa {
    /** {@code mov rax, [rip + 0xf9]}: 7 bytes, so it reads CODE + 0x100. */
    private static final byte[] MOV_RAX_RIP = {0x48, (byte) 0x8b, 0x05, (byte) 0xf9, 0x00, 0x00, 0x00};
    /** {@code mov eax, [0x1100]}: ModRM 05 is an absolute disp32 in 32-bit mode, reading CODE + 0x100. */
    private static final byte[] MOV_EAX_ABS = {(byte) 0x8b, 0x05, 0x00, 0x11, 0x00, 0x00};

    @Override
    public String name() {
        return "x86";
    }

    @Override
    public IsaCore create(Arch arch, GuestBus bus) {
        return new X86Core(bus, X86Arches.mode(arch));
    }

    @Override
    public String selfTest(Arch arch, Cpu cpu) {
        if (X86Arches.mode(arch) == X86Mode.PROTECTED) {
            return LoadProbe.run(cpu, MOV_EAX_ABS, java.nio.ByteOrder.LITTLE_ENDIAN, 4, null, I386Register.EAX,
                    "mov eax, [0x1100]");
        }
        return LoadProbe.run(cpu, MOV_RAX_RIP, java.nio.ByteOrder.LITTLE_ENDIAN, 8, null, X86Register.RAX,
                "mov rax, [rip + 0xf9]");
    }
}
