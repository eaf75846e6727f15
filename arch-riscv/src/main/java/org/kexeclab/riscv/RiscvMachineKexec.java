package org.kexeclab.riscv;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.CountedLoop;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * riscv64's {@code machine_kexec}: the stub {@code relocate_kernel_riscv64.S} in the control
 * page, called as the kernel calls {@code riscv_kexec_relocate(first_ind_entry, jump_addr,
 * fdt_addr, hartid, va_pa_offset)}: {@code a0} = the address of the word holding the list's head
 * (kexec-lab's {@code image->head}, at the start of the architecture area of the machine the
 * image is loaded on, {@link StandardMachine#archArea()}; {@link #KIMAGE_HEAD} on the default one), {@code a1} = the entry point,
 * {@code a2} = the device tree, {@code a3} = {@link #HART_ID}, {@code a4} = 0 (the model runs
 * with physical addresses: the linear map's offset is 0).
 *
 * <p>The old kernel's state: interrupts masked ({@code sstatus.SIE} clear, as
 * {@code local_irq_disable} leaves it) but its interrupt sources still enabled ({@code sie} =
 * software, timer and external, delegated to S-mode by {@code mideleg} as the SBI firmware
 * does), and {@code satp} holding its Sv39 root, the architecture area's second page
 * ({@link #oldKernelSatp}; {@link #OLD_KERNEL_SATP} on the default machine), and its stack at
 * the machine's {@link StandardMachine#stackTop()}. The stub must clear
 * {@code sie} and {@code satp}; both engines run the hart in M-mode, which satp does not
 * translate for (Unicorn 2.0.1 cannot leave M-mode through its API: docs/RELIABILITY.md), so the
 * stub's addresses are physical as they would be once the MMU is off.
 *
 * <p>The device tree passed in {@code a2} is the first segment that holds one
 * ({@link RiscvDeviceTree}), else 0. Linux refuses such a load with EINVAL ("Device tree not
 * included in the provided image"); kexec-lab runs it, so that the demo image, which every
 * architecture shares and which has no device tree, runs here too.
 */
public final class RiscvMachineKexec implements MachineKexec {

    /** The hart that runs kexec and boots the new kernel: the machine's only one. */
    public static final long HART_ID = 0;
    /** Where {@link #prepare} keeps the word {@code a0} points at, the list's head, on the default machine. */
    public static final long KIMAGE_HEAD = StandardMachine.ARCH_AREA;
    /** {@code satp.MODE} = Sv39. */
    public static final long SATP_SV39 = 8L << 60;
    /** The old kernel's satp on the default machine ({@link #oldKernelSatp}). */
    public static final long OLD_KERNEL_SATP = oldKernelSatp(StandardMachine.DEFAULT);
    /** Software, timer and external interrupts of S-mode (SSIP, STIP, SEIP). */
    public static final long S_INTERRUPTS = 0x222;
    /** {@code sstatus.SIE}. */
    public static final long SSTATUS_SIE = 1L << 1;

    @Override
    public Arch arch() {
        return RiscvArches.RISCV64;
    }

    /** Every instruction is 4 bytes and 4-byte aligned: the modelled hart has no compressed instructions. */
    @Override
    public int entryAlignment(long entry) {
        return 4;
    }

    @Override
    public String stubName() {
        return RiscvRelocateKernel.RESOURCE;
    }

    @Override
    public Stub assembleStub(long controlPage) {
        try {
            return RiscvRelocateKernel.assemble(controlPage);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the riscv64 stub does not assemble: " + e.getMessage(), e);
        }
    }

    /**
     * The doubleword copy: from {@code kexec_copy_page} the stub rounds t0 down to its page and
     * sets t2 one page on, and {@code copy_word} (ld, sd, addi, addi, bne) runs once per
     * doubleword of the page.
     */
    @Override
    public List<CountedLoop> countedLoops(Stub stub) {
        long doublewords = (1L << stub.symbol("PAGE_SHIFT")) / 8;
        return List.of(CountedLoop.of(stub, "kexec_copy_page", "copy_word", 5, CountedLoop.fixed(doublewords)));
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long control = loaded.controlPage();
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        callState(loaded, cpu);
        return new KexecLaunch(stub, stub.symbol(RiscvRelocateKernel.ENTRY), control);
    }

    /**
     * What {@code machine_kexec} sets up before it calls the relocation code, whoever wrote that
     * code: the list's head in a word of the architecture area ({@code &image->head}), the call's
     * arguments (a0 = that word, a1 = start, a2 = the device tree, a3 = the hart id, a4 =
     * {@code va_pa_offset}, 0 on this machine, which runs the call with physical addresses), the old
     * kernel's stack, S-mode interrupts delegated and enabled but masked, and its Sv39 satp.
     */
    public static void callState(LoadedImage loaded, Cpu cpu) {
        StandardMachine board = StandardMachine.of(loaded.image().layout());
        byte[] head = new byte[8];
        java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, loaded.head());
        cpu.write(board.archArea(), head);
        cpu.writeRegister(RiscvRegister.A0, board.archArea());
        cpu.writeRegister(RiscvRegister.A1, loaded.image().entry());
        cpu.writeRegister(RiscvRegister.A2, dtb(loaded));
        cpu.writeRegister(RiscvRegister.A3, HART_ID);
        cpu.writeRegister(RiscvRegister.A4, 0);
        cpu.writeRegister(RiscvRegister.SP, board.stackTop());
        cpu.writeRegister(RiscvRegister.SSTATUS, 0);
        cpu.writeRegister(RiscvRegister.MIDELEG, S_INTERRUPTS);
        cpu.writeRegister(RiscvRegister.SIE, S_INTERRUPTS);
        cpu.writeRegister(RiscvRegister.SATP, oldKernelSatp(board));
    }

    /** The old kernel's satp on {@code board}: Sv39 with its root table in the architecture area's second page. */
    public static long oldKernelSatp(StandardMachine board) {
        return SATP_SV39 | (board.archArea() + 0x1000) >>> 12;
    }

    /** The device tree address handed to the new kernel in {@code a1} (0 when the image has none). */
    public static long dtb(LoadedImage loaded) {
        return Math.max(0, RiscvDeviceTree.find(loaded.image()));
    }

    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        return List.of(
                new ExpectedRegister(RiscvRegister.A0, HART_ID, "hart id"),
                new ExpectedRegister(RiscvRegister.A1, dtb(loaded), "device tree physical address"),
                new ExpectedRegister(RiscvRegister.SATP, 0, "MMU off (satp Bare)"),
                new ExpectedRegister(RiscvRegister.SIE, 0, "no interrupt source enabled"));
    }

    @Override
    public List<Register> entryRegisters() {
        return List.of(RiscvRegister.A0, RiscvRegister.A1, RiscvRegister.A2, RiscvRegister.SP, RiscvRegister.PC,
                RiscvRegister.SATP, RiscvRegister.SSTATUS, RiscvRegister.SIE, RiscvRegister.STVEC);
    }

    /** Interrupts masked (sstatus.SIE clear) and the pc at the entry point. */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long sstatus = cpu.readRegister(RiscvRegister.SSTATUS);
        if ((sstatus & SSTATUS_SIE) != 0) {
            out.add(String.format("at entry sstatus = 0x%x has SIE set: interrupts must be off", sstatus));
        }
        long pc = cpu.readRegister(RiscvRegister.PC);
        if (pc != loaded.image().entry()) {
            out.add(String.format("at entry pc = 0x%x, not the entry point 0x%x", pc, loaded.image().entry()));
        }
        return out;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return RiscvEntryProbe.assemble(entry, recordAddress);
    }
}
