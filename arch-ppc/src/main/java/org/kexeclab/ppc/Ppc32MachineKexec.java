package org.kexeclab.ppc;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.ToLongFunction;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.CountedLoop;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * 32-bit PowerPC kexec, after {@code core_32.c}: the stub {@code relocate_kernel_ppc32.S} is
 * copied to offset 0 of the control page and called as
 * {@code relocate_new_kernel(r3 = head, r4 = control page, r5 = start)}. It leaves translated
 * mode with {@code rfi}, walks the list, and enters the new kernel with {@code mtlr r5; blrl}.
 */
public final class Ppc32MachineKexec implements MachineKexec {
    /** MSR at the entry: ME | RI (real mode, external interrupts off), as the stub's rfi sets it. */
    public static final long ENTRY_MSR = 0x1002;
    /** The label right after the stub's {@code blrl}: the link register's value at the entry. */
    public static final String RETURN_LABEL = "hang";
    /** Stack pointer of the old kernel when it calls the stub on the default machine: an ABI frame below the stack top. */
    public static final long CALLER_STACK = StandardMachine.STACK_TOP - 16;
    /** The caller's stack frame below the machine's stack top. */
    private static final long CALLER_FRAME = StandardMachine.STACK_TOP - CALLER_STACK;

    private static final List<Register> ENTRY_REGISTERS = List.of(
            PpcRegister.R0, PpcRegister.R1, PpcRegister.R2, PpcRegister.R3, PpcRegister.R4,
            PpcRegister.R5, PpcRegister.R6, PpcRegister.LR, PpcRegister.CTR, PpcRegister.MSR,
            PpcRegister.CR, PpcRegister.PC);

    @Override
    public Arch arch() {
        return PpcArches.PPC32;
    }

    /** Every instruction is 4 bytes and 4-byte aligned. */
    @Override
    public int entryAlignment(long entry) {
        return 4;
    }

    @Override
    public String stubName() {
        return PpcStubs.PPC32_SOURCE;
    }

    @Override
    public Stub assembleStub(long controlPage) {
        try {
            return PpcStubs.ppc32(controlPage);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the committed stub " + PpcStubs.PPC32_SOURCE + " does not assemble: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The three loops each {@code kexec_copy_page} runs on one page, each counted by CTR, which the
     * stub loads from its own constants: {@code copy_word} (lwzu, stwu, xor, bdnz) PAGE_WORDS times,
     * {@code write_back} (dcbst, addi, bdnz) and {@code invalidate} (icbi, addi, bdnz)
     * BLOCKS_PER_PAGE times each.
     */
    @Override
    public List<CountedLoop> countedLoops(Stub stub) {
        ToLongFunction<Cpu> blocks = CountedLoop.fixed(stub.symbol("BLOCKS_PER_PAGE"));
        return List.of(
                CountedLoop.of(stub, "kexec_copy_page", "copy_word", 4, CountedLoop.fixed(stub.symbol("PAGE_WORDS"))),
                CountedLoop.of(stub, "kexec_copy_page", "write_back", 3, blocks),
                CountedLoop.of(stub, "kexec_copy_page", "invalidate", 3, blocks));
    }

    /**
     * Copies the stub to the control page (it has no data slots: every input is a register)
     * and sets the call's registers: r3 = head, r4 = control page, r5 = start, r1 = the old
     * kernel's stack.
     */
    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long control = loaded.controlPage();
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        cpu.writeRegister(PpcRegister.R1, StandardMachine.of(loaded.image().layout()).stackTop() - CALLER_FRAME);
        cpu.writeRegister(PpcRegister.R3, loaded.head());
        cpu.writeRegister(PpcRegister.R4, control);
        cpu.writeRegister(PpcRegister.R5, loaded.image().entry());
        return new KexecLaunch(stub, stub.symbol(PpcStubs.PPC32_ENTRY), control);
    }

    /**
     * r3 = processor id, r4 = start and MSR = 0x1002 are the boot protocol; r5, LR, r1 and r6
     * are what this stub additionally guarantees (see the stub's register contract).
     */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        long start = loaded.image().entry();
        return List.of(
                new ExpectedRegister(PpcRegister.R3, 0, "processor id from SPR PIR; the one emulated CPU reads 0"),
                new ExpectedRegister(PpcRegister.R4, start, "start, the new kernel's entry point"),
                new ExpectedRegister(PpcRegister.MSR, ENTRY_MSR, "ME|RI: real mode, external interrupts off"),
                new ExpectedRegister(PpcRegister.R5, start, "start, the source of the stub's mtlr r5"),
                new ExpectedRegister(PpcRegister.LR, launch.stub().symbol(RETURN_LABEL),
                        "blrl's return address, the instruction after it in the control page"),
                new ExpectedRegister(PpcRegister.R1, launch.controlPage() + PpcStubs.PPC32_STACK_OFFSET,
                        "control page + 0xff8, the stub's stack slot"),
                new ExpectedRegister(PpcRegister.R6, copyChecksum(loaded),
                        "XOR of every 32-bit word the stub copied"));
    }

    @Override
    public List<Register> entryRegisters() {
        return ENTRY_REGISTERS;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return PpcEntryProbes.probe(PpcArches.PPC32, entry, recordAddress);
    }

    /**
     * The checksum the stub keeps in r6: the XOR of every big-endian word of every page an
     * IND_SOURCE entry copies. A crash image has no list, so nothing is copied and it is 0.
     */
    static long copyChecksum(LoadedImage loaded) {
        if (loaded.image().type() == ImageType.CRASH) {
            return 0;
        }
        int pageSize = loaded.image().pageSize();
        byte[] page = new byte[pageSize];
        ByteBuffer words = ByteBuffer.wrap(page);
        int x = 0;
        for (int s = 0; s < loaded.image().segments().size(); s++) {
            for (int p = 0; p < loaded.pageCount(s); p++) {
                loaded.pageContents(s, p, page);
                for (int i = 0; i < pageSize; i += 4) {
                    x ^= words.getInt(i);
                }
            }
        }
        return x & 0xffff_ffffL;
    }
}
