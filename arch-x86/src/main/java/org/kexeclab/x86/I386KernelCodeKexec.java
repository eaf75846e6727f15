package org.kexeclab.x86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.RepeatedInstruction;
import org.kexeclab.kexec.kernelcode.KernelCodeListing;
import org.kexeclab.kexec.kernelcode.KernelCodeMachine;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * i386's {@code machine_kexec} ({@code machine_kexec_32.c}) around the kernel's own
 * {@code relocate_kernel}: kexec's page directory mapping the control page
 * ({@code machine_kexec_prepare}'s, the stub's {@link I386PageTables}), the code copied to the
 * start of the control page, the four-entry {@code page_list} holding the physical and virtual
 * control page, the page directory and the swap page at the offsets the code's loads use
 * ({@link I386KernelCodeShape}), and the cdecl call {@code relocate_kernel(head, page_list, start,
 * has_pae = 1, preserve_context = 0)} from the old kernel's state ({@link I386OldKernelState}:
 * paging on through its identity tables, the five arguments on its stack).
 *
 * <p><b>Where it is entered.</b> The kernel calls the copy at the control page's virtual address,
 * which kexec's tables also map; this machine's old kernel maps everything to itself, so the
 * virtual control page is the physical one and the call lands on the copy with paging on, as in
 * the kernel. {@code page_list} is a local array of machine_kexec in the kernel; here it is a
 * page of the architecture area after kexec's page table, which the old kernel's tables map and
 * which the code reads only before it switches CR3.
 *
 * <p>Pages are counted at the first instruction of a SOURCE entry's copy, named
 * {@code kexec_copy_page} in the stub's symbols.
 */
final class I386KernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter and progress bar look for. */
    static final String COPY_PAGE = "kexec_copy_page";
    /** machine_kexec's page_list: the page after kexec's page table in the architecture area. */
    static final long PAGE_LIST = I386PageTables.KEXEC_PTE + 0x1000;
    private static final List<String> OWN_LABELS = List.of("relocate_kernel", "identity_mapped", "virtual_mapped",
            "swap_pages");
    private static final I386Register[] ZEROED = {I386Register.EAX, I386Register.EBX, I386Register.ECX,
        I386Register.EDX, I386Register.ESI, I386Register.EDI, I386Register.EBP};
    private static final Map<String, I386Register> SAVED = Map.of("esp", I386Register.ESP, "cr0", I386Register.CR0,
            "cr3", I386Register.CR3, "cr4", I386Register.CR4);

    private final I386KernelCodeShape shape;

    I386KernelCodeKexec(MachineKexec stubMachine, RelocationCode code, I386KernelCodeShape shape) {
        super(stubMachine, code);
        this.shape = shape;
    }

    /** The way back to the old kernel (virtual_mapped, through the old kernel's tables) is not modelled. */
    @Override
    public boolean supportsPreserveContext() {
        return false;
    }

    @Override
    public Stub assembleStub(long controlPage) {
        KernelCode c = code.code();
        Map<Integer, String> names = new LinkedHashMap<>();
        code.labels().forEach((name, address) -> {
            if (OWN_LABELS.contains(name)) {
                names.put((int) (address - c.address()), name);
            }
        });
        Listing listing = KernelCodeListing.of(c, List.of(controlPage), names, new X86Disassembler(X86Mode.PROTECTED));
        Map<String, Long> symbols = new LinkedHashMap<>();
        names.forEach((offset, name) -> symbols.put(name, controlPage + offset));
        symbols.put(COPY_PAGE, controlPage + shape.copyPage());
        return Stub.of(c.bytes(), List.of(controlPage), symbols, listing, ByteOrder.LITTLE_ENDIAN);
    }

    /** Every {@code rep movs} of the code, each running the count the code loads into ecx just before it. */
    @Override
    public List<RepeatedInstruction> repeatedInstructions(Stub stub) {
        List<RepeatedInstruction> out = new ArrayList<>();
        shape.repMoves().forEach((offset, count) -> out.add(new RepeatedInstruction(stub.origin() + offset, count)));
        return out;
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        if (options.preserveContext()) {
            throw new IllegalArgumentException("kexec-lab does not run the kernel's relocate_kernel with preserve "
                    + "context: its way back to the old kernel is not modelled");
        }
        long base = loaded.image().layout().machineBase();
        if (base != 0) {
            throw new IllegalArgumentException(String.format("the i386 machine keeps its page directory and stack in "
                    + "the machine area at 0 (a PC's RAM starts there), not at 0x%x", base));
        }
        long control = loaded.controlPage();
        I386PageTables.writeKexec(cpu, control);
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        ByteBuffer list = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        list.putInt(shape.pageList().get("pa_control"), (int) control);
        list.putInt(shape.pageList().get("va_control"), (int) control);
        list.putInt(shape.pageList().get("pa_pgd"), (int) I386PageTables.KEXEC_PGD);
        list.putInt(shape.pageList().get("pa_swap"), (int) loaded.swapPage());
        cpu.write(PAGE_LIST, list.array());
        I386OldKernelState.apply(cpu, loaded.head(), PAGE_LIST, loaded.image().entry(), true, false);
        return new KexecLaunch(stub, control, control);
    }

    /**
     * Every general register but esp is 0, interrupts and the direction flag are off, CR0 is the
     * old one with the bits the code clears and sets, CR3 and CR4 are 0 (the CPU has PAE), and
     * esp is in the control page's stack, below the words {@code identity_mapped} pushed that its
     * {@code ret} into start did not pop.
     */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        List<ExpectedRegister> out = new ArrayList<>();
        for (I386Register r : ZEROED) {
            out.add(new ExpectedRegister(r, 0, "general registers are zero at entry"));
        }
        out.add(new ExpectedRegister(I386Register.EFLAGS, 0, 0x600, "interrupts off, direction flag clear"));
        out.add(new ExpectedRegister(I386Register.ESP,
                launch.controlPage() + shape.stackTop() - 4L * (shape.entryPushes() - 1),
                "in the control page's stack, past identity_mapped's words its ret did not pop"));
        out.add(new ExpectedRegister(I386Register.CR0, I386OldKernelState.CR0 & shape.cr0Clear() | shape.cr0Set(),
                "the old CR0 with the bits identity_mapped clears (paging among them) and sets"));
        out.add(new ExpectedRegister(I386Register.CR3, 0, "no page directory"));
        out.add(new ExpectedRegister(I386Register.CR4, 0, "CR4 cleared (the CPU has PAE)"));
        return out;
    }

    /**
     * The entry probe with its EFLAGS check narrowed to IF and DF: the code returns into start
     * with ZF and PF from its last {@code xor}, which the stub's probe, checking for exactly 0x2,
     * would call a broken protocol.
     */
    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return I386EntryProbe.interruptsAndDirectionOnly(entry, recordAddress);
    }

    /** kexec's tables map the control page to itself, and the code saved the old kernel's esp and CRs. */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long control = launch.controlPage();
        long mapped = I386PageTables.translate(cpu, I386PageTables.KEXEC_PGD, control);
        if (mapped != control) {
            out.add(String.format("kexec's page tables at 0x%x map the control page 0x%x %s", I386PageTables.KEXEC_PGD,
                    control, mapped < 0 ? "nowhere" : String.format("to 0x%x", mapped)));
        }
        shape.saveSlots().forEach((name, offset) -> {
            I386Register r = SAVED.get(name);
            long expected = r == I386Register.ESP ? I386OldKernelState.ESP - 4L * shape.pushes()
                    : I386OldKernelState.value(r);
            long at = control + offset;
            long saved = ByteBuffer.wrap(cpu.read(at, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
            if (saved != expected) {
                out.add(String.format("relocate_kernel saved 0x%x for %s at 0x%x, but the old kernel's %s was 0x%x",
                        saved, name, at, name, expected));
            }
        });
        return out;
    }

    @Override
    public List<String> differencesFromStub() {
        return List.of(
                "the kernel's swap_pages moves every page through the swap page with three rep movsd (source to "
                        + "swap page, destination to source, swap page to destination) where the stub copies once: "
                        + "destinations end the same, but each source page ends holding its destination's old bytes",
                "the kernel's code saves esp, CR0, CR3 and CR4 in the control page (the stub also saves the "
                        + "callee-saved registers and the flags in its data slots)",
                "at entry the kernel's code leaves EFLAGS 0x46 (ZF and PF from its last xor) and esp 4 bytes below "
                        + "the top of the control page (identity_mapped's zero word) where the stub leaves 0x2 and "
                        + "the top");
    }
}
