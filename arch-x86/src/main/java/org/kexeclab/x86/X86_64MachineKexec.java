package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.RepeatedInstruction;
import org.kexeclab.kexec.StandardMachine;

/**
 * x86_64's {@code machine_kexec_prepare} + {@code machine_kexec}: identity page tables in
 * the {@link StandardMachine#ARCH_AREA}, {@value X86RelocationStub#RESOURCE} patched and copied
 * into the control page, and {@code relocate_kernel(rdi = head, rsi = control page,
 * rdx = start, rcx = flags)} called from the old kernel's state ({@link OldKernelState}).
 *
 * <p><b>One control page.</b> Kernels up to 6.12 asked for two ({@code KEXEC_CONTROL_PAGE_SIZE}
 * = 8 KiB): the first held a page table and the stub's code went into the second. Here the page
 * tables live in the machine's architecture area, so the code, its data slots (from +0x800) and
 * its stack (down from +0x1000) share one page, as in kernels since 6.13.
 *
 * <p><b>Swap page.</b> {@code kexec_swap_page} holds the image's swap page; a crash image has
 * none, and gets {@link LoadedImage#NO_PAGE} (all ones, a non-canonical address): the stub only
 * reads the slot for a SOURCE entry with preserve context, which a crash list never has, and
 * if it ever did the copy would fault loudly instead of silently overwriting page 0.
 *
 * <p><b>Stack.</b> The old kernel jumps into the stub with {@code rsp = }
 * {@link StandardMachine#STACK_TOP}; no return address is pushed because the stub never returns
 * (the preserve-context way back is not modelled).
 */
public final class X86_64MachineKexec implements MachineKexec {

    /** Physical address of the identity PML4 (the first table page of the architecture area). */
    public static final long IDENTITY_TABLES = StandardMachine.ARCH_AREA;
    /** Where identity tables may go: the architecture area minus the old kernel's PML4 page at its end. */
    static final AddressRange TABLE_AREA = AddressRange.of(StandardMachine.ARCH_AREA,
            OldKernelState.CR3 - StandardMachine.ARCH_AREA, "identity page tables");
    private static final long PAGE = 4096;

    private static final X86Register[] ZEROED = {X86Register.RAX, X86Register.RBX, X86Register.RCX,
        X86Register.RDX, X86Register.RSI, X86Register.RDI, X86Register.RBP, X86Register.R8, X86Register.R9,
        X86Register.R10, X86Register.R11, X86Register.R12, X86Register.R13, X86Register.R14, X86Register.R15};

    private final ControlPageStubs stubs = new ControlPageStubs("x86_64", X86RelocationStub::assemble);

    @Override
    public Arch arch() {
        return X86Arches.X86_64;
    }

    /** x86 kernels offer CONFIG_KEXEC_JUMP, so kexec_load takes KEXEC_PRESERVE_CONTEXT. */
    @Override
    public boolean supportsPreserveContext() {
        return true;
    }

    /** One: page tables are not in the control page (see the class comment). */
    @Override
    public int controlPages() {
        return 1;
    }

    @Override
    public String stubName() {
        return X86RelocationStub.RESOURCE;
    }

    /** The stub for {@code controlPage}, assembled once per control page and kept (a few dozen at most). */
    @Override
    public Stub assembleStub(long controlPage) {
        return stubs.at(controlPage);
    }

    /**
     * The {@code rep} string instructions of the stub's code, each running
     * {@value X86RelocationStub#REP_ITERATIONS} times (the stub loads that count into {@code rcx}
     * before each of them and never branches into one), as {@link X86Boundary} decodes its bytes.
     */
    @Override
    public List<RepeatedInstruction> repeatedInstructions(Stub stub) {
        return RepeatedStrings.of(stub, X86RelocationStub.REP_ITERATIONS, X86RelocationStub.CODE_END, X86Mode.LONG);
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long base = loaded.image().layout().machineBase();
        if (base != 0) {
            throw new IllegalArgumentException(String.format("the x86_64 machine keeps its page tables and stack in "
                    + "the machine area at 0 (a PC's RAM starts there), not at 0x%x", base));
        }
        long control = loaded.controlPage();
        IdentityPageTables.Tables tables = IdentityPageTables.build(cpu, TABLE_AREA, identityRanges(loaded));
        if (tables.pml4() != IDENTITY_TABLES) {
            throw new IllegalStateException(String.format("the identity PML4 went to 0x%x, not to 0x%x where "
                    + "entryProtocol expects it", tables.pml4(), IDENTITY_TABLES));
        }
        Stub stub = assembleStub(control)
                .patch(X86RelocationStub.SLOT_IDENTITY_CR3, tables.pml4(), 8)
                .patch(X86RelocationStub.SLOT_SWAP_PAGE, loaded.swapPage(), 8);
        cpu.write(control, stub.bytes());
        OldKernelState.apply(cpu);
        cpu.writeRegister(X86Register.RDI, loaded.head());
        cpu.writeRegister(X86Register.RSI, control);
        cpu.writeRegister(X86Register.RDX, loaded.image().entry());
        cpu.writeRegister(X86Register.RCX, options.preserveContext() ? 1 : 0);
        return new KexecLaunch(stub, stub.symbol(X86RelocationStub.ENTRY), control);
    }

    /**
     * Everything the identity map must cover: all memory the machine maps (every RAM range of a
     * dense layout; the mapped windows of a sparse one, so 64 GiB of RAM does not need 66 table
     * pages for memory that is not there), every segment, the control page, and the swap page
     * when there is one. Plus the page before each window: Unicorn 2.0.1 walks the page tables
     * for the byte before the address where it starts or stops a block (measured: a run to an
     * entry at a window's first byte raised #PF with CR2 = entry - 1 when that byte was not
     * identity-mapped; the physical memory there need not exist).
     */
    static List<AddressRange> identityRanges(LoadedImage loaded) {
        List<AddressRange> out = new ArrayList<>(loaded.mappedWindows());
        for (AddressRange w : loaded.mappedWindows()) {
            if (w.start() >= PAGE) {
                out.add(AddressRange.of(w.start() - PAGE, PAGE, "the page before " + w.label()));
            }
        }
        for (Segment s : loaded.image().segments()) {
            out.add(AddressRange.of(s.mem(), s.memsz(), "segment"));
        }
        out.add(AddressRange.of(loaded.controlPage(), PAGE * loaded.controlPageCount(), "control page"));
        if (loaded.swapPage() != LoadedImage.NO_PAGE) {
            out.add(AddressRange.of(loaded.swapPage(), PAGE, "swap page"));
        }
        return out;
    }

    /**
     * Every general register but rsp is 0, RFLAGS = 0x2, CR3 = the identity tables, and rsp is
     * the top of the control page, where the stub's {@code ret} into start leaves it.
     */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        List<ExpectedRegister> out = new ArrayList<>();
        for (X86Register r : ZEROED) {
            out.add(new ExpectedRegister(r, 0, "general registers are zero at entry"));
        }
        out.add(new ExpectedRegister(X86Register.RFLAGS, 0x2, "interrupts off, direction flag clear"));
        out.add(new ExpectedRegister(X86Register.CR3, IDENTITY_TABLES, "the identity-mapped page tables"));
        out.add(new ExpectedRegister(X86Register.RSP, launch.controlPage() + PAGE, "top of the control page"));
        return out;
    }

    @Override
    public List<Register> entryRegisters() {
        List<Register> out = new ArrayList<>(List.of(ZEROED));
        out.add(X86Register.RSP);
        out.add(X86Register.RIP);
        out.add(X86Register.RFLAGS);
        out.add(X86Register.CR0);
        out.add(X86Register.CR3);
        out.add(X86Register.CR4);
        return out;
    }

    /**
     * Walks the page tables CR3 names (the engine does not translate, so only this walk can
     * notice a wrong map) and proves every RAM range, segment, control and swap page maps to
     * itself; then checks the stub saved the old kernel's rsp, CR0, CR3, CR4 and callee-saved
     * registers in its data slots.
     */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long cr3 = cpu.readRegister(X86Register.CR3);
        Optional<PageTableWalker.Mismatch> bad = new PageTableWalker(cpu, cr3).findNonIdentity(identityRanges(loaded));
        bad.ifPresent(m -> out.add(String.format("the identity page tables at CR3 0x%x are wrong: %s, so the new "
                + "kernel would not see physical memory at 0x%x", cr3, m.reason(), m.address())));
        out.addAll(OldKernelState.savedSlotFailures(launch.stub(), cpu));
        return out;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return X86EntryProbe.at(entry, recordAddress);
    }
}
