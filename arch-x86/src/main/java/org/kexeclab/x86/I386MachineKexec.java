package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.RepeatedInstruction;

/**
 * i386's {@code machine_kexec_prepare} + {@code machine_kexec} ({@code machine_kexec_32.c}):
 * kexec's page tables mapping the control page to itself ({@link I386PageTables}),
 * {@value I386RelocationStub#RESOURCE} patched and copied into the control page (one page:
 * {@code KEXEC_CONTROL_PAGE_SIZE} is 4 KiB on i386; code, data slots from +0x800 and the stack
 * share it), and the cdecl call {@code relocate_kernel(head, control page, start, has_pae,
 * preserve_context)} from the old kernel's state ({@link I386OldKernelState}): paging on, the
 * five arguments on its stack.
 *
 * <p><b>has_pae</b> is the CPU's PAE feature bit ({@code boot_cpu_has(X86_FEATURE_PAE)}), set on
 * every CPU that runs a 686 kernel: the stub clears CR4.
 *
 * <p><b>Swap page.</b> {@code kexec_swap_page} holds the image's swap page; a crash image has
 * none and gets {@link LoadedImage#NO_PAGE} cut to 32 bits (0xfffff000 and up: no RAM there):
 * the stub only reads the slot for a SOURCE entry with preserve context, which a crash list never
 * has, and if it ever did the copy would fault loudly.
 */
public final class I386MachineKexec implements MachineKexec {
    private static final long PAGE = 4096;
    /** CR0 at the new kernel's entry: the old CR0 without PG, AM, WP, TS and EM, with PE. */
    static final long ENTRY_CR0 = I386OldKernelState.CR0 & ~(1L << 31 | 1L << 18 | 1L << 16 | 1L << 3 | 1L << 2) | 1;
    private static final I386Register[] ZEROED = {I386Register.EAX, I386Register.EBX, I386Register.ECX,
        I386Register.EDX, I386Register.ESI, I386Register.EDI, I386Register.EBP};

    private final ControlPageStubs stubs = new ControlPageStubs("i386", I386RelocationStub::assemble);

    @Override
    public Arch arch() {
        return X86Arches.I386;
    }

    /** 32-bit x86 kernels offer CONFIG_KEXEC_JUMP, so kexec_load takes KEXEC_PRESERVE_CONTEXT. */
    @Override
    public boolean supportsPreserveContext() {
        return true;
    }

    @Override
    public String stubName() {
        return I386RelocationStub.RESOURCE;
    }

    /** The stub for {@code controlPage}, assembled once per control page and kept (a few dozen at most). */
    @Override
    public Stub assembleStub(long controlPage) {
        return stubs.at(controlPage);
    }

    /**
     * The {@code rep movsd} instructions of the stub's code, each running
     * {@value I386RelocationStub#REP_ITERATIONS} times (the stub loads that count into {@code ecx}
     * before each of them and never branches into one), as {@link X86Boundary} decodes its bytes.
     */
    @Override
    public List<RepeatedInstruction> repeatedInstructions(Stub stub) {
        return RepeatedStrings.of(stub, I386RelocationStub.REP_ITERATIONS, I386RelocationStub.CODE_END,
                X86Mode.PROTECTED);
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long base = loaded.image().layout().machineBase();
        if (base != 0) {
            throw new IllegalArgumentException(String.format("the i386 machine keeps its page directory and stack in "
                    + "the machine area at 0 (a PC's RAM starts there), not at 0x%x", base));
        }
        long control = loaded.controlPage();
        I386PageTables.writeKexec(cpu, control);
        Stub stub = assembleStub(control)
                .patch(I386RelocationStub.SLOT_PGD, I386PageTables.KEXEC_PGD, 4)
                .patch(I386RelocationStub.SLOT_SWAP_PAGE, loaded.swapPage(), 4);
        cpu.write(control, stub.bytes());
        I386OldKernelState.apply(cpu, loaded.head(), control, loaded.image().entry(), true, options.preserveContext());
        return new KexecLaunch(stub, stub.symbol(I386RelocationStub.ENTRY), control);
    }

    /**
     * Every general register but esp is 0, EFLAGS = 0x2, esp is the top of the control page where
     * the stub's {@code ret} into start leaves it, paging is off (CR0 without PG, AM, WP, TS, EM)
     * and CR3 and CR4 are 0.
     */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        List<ExpectedRegister> out = new ArrayList<>();
        for (I386Register r : ZEROED) {
            out.add(new ExpectedRegister(r, 0, "general registers are zero at entry"));
        }
        out.add(new ExpectedRegister(I386Register.EFLAGS, 0x2, "interrupts off, direction flag clear"));
        out.add(new ExpectedRegister(I386Register.ESP, launch.controlPage() + PAGE, "top of the control page"));
        out.add(new ExpectedRegister(I386Register.CR0, ENTRY_CR0, "paging, alignment check and write protect off"));
        out.add(new ExpectedRegister(I386Register.CR3, 0, "no page directory"));
        out.add(new ExpectedRegister(I386Register.CR4, 0, "CR4 cleared (the CPU has PAE)"));
        return out;
    }

    @Override
    public List<Register> entryRegisters() {
        List<Register> out = new ArrayList<>(List.of(ZEROED));
        out.add(I386Register.ESP);
        out.add(I386Register.EIP);
        out.add(I386Register.EFLAGS);
        out.add(I386Register.CR0);
        out.add(I386Register.CR3);
        out.add(I386Register.CR4);
        return out;
    }

    /**
     * Walks kexec's page tables (the engine that translates through them cannot be the only
     * witness: the Java engine does not translate) and proves they map the control page to
     * itself; then checks the stub saved the old kernel's esp, CR0, CR3, CR4, EFLAGS and
     * callee-saved registers in its data slots.
     */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long control = launch.controlPage();
        long mapped = I386PageTables.translate(cpu, I386PageTables.KEXEC_PGD, control);
        if (mapped != control) {
            out.add(String.format("kexec's page tables at 0x%x map the control page 0x%x %s, so the stub could not "
                    + "run on after switching to them", I386PageTables.KEXEC_PGD, control,
                    mapped < 0 ? "nowhere" : String.format("to 0x%x", mapped)));
        }
        out.addAll(I386OldKernelState.savedSlotFailures(launch.stub(), cpu));
        return out;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return I386EntryProbe.at(entry, recordAddress);
    }
}
