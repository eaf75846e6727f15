package org.kexeclab.x86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.kexec.kernelcode.KernelCodeListing;
import org.kexeclab.kexec.kernelcode.KernelCodeMachine;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * x86_64's {@code machine_kexec} around the kernel's own {@code relocate_kernel}, entered at the
 * control page's physical address: the code copied to the start of the control page, the
 * identity page tables the stub also gets ({@code machine_kexec_prepare}'s), the page list
 * {@code rsi} points to (as {@code machine_kexec}'s local array, just below the old kernel's
 * stack) holding the control page, the table root and the swap page at the offsets the code's
 * loads use ({@link X86KernelCodeShape}), and {@code rdi = head, rdx = start, rcx = 0, r8 = 0}
 * (no preserved context, no memory encryption) over the old kernel's state ({@link OldKernelState}).
 *
 * <p><b>Entered where it runs after the CR3 switch.</b> The kernel calls the code at its
 * kernel-text address with paging on, and its transition page tables map that address onto the
 * control page's copy. Here the old kernel runs with paging off (as for the stub), so the code is
 * entered at the copy and the page list's virtual control page is the physical one: the code's
 * saves land in the same bytes of the control page, and from its own CR0 write on (PG, with CR3
 * at the identity tables) Unicorn translates every access through those tables, as for the stub.
 *
 * <p>Pages are counted at the first instruction of a SOURCE entry's copy, named
 * {@code kexec_copy_page} in the stub's symbols.
 */
final class X86KernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter and progress bar look for. */
    static final String COPY_PAGE = "kexec_copy_page";
    /** machine_kexec's page list: 64 bytes just below the old kernel's stack top. */
    static final long PAGE_LIST = StandardMachine.STACK_TOP - 0x40;
    private static final int PAGE_LIST_SIZE = 0x40;
    private static final long PAGE = 4096;
    /** The code pushes six callee-saved registers and the flags before saving rsp. */
    private static final int PUSHES = 7;
    private static final List<String> OWN_LABELS = List.of("relocate_kernel", "identity_mapped", "virtual_mapped",
            "swap_pages");
    private static final X86Register[] ZEROED = {X86Register.RAX, X86Register.RBX, X86Register.RCX,
        X86Register.RDX, X86Register.RSI, X86Register.RDI, X86Register.RBP, X86Register.R8, X86Register.R9,
        X86Register.R10, X86Register.R11, X86Register.R12, X86Register.R13, X86Register.R14, X86Register.R15};
    private static final Map<String, X86Register> SAVED = Map.of("rsp", X86Register.RSP, "cr0", X86Register.CR0,
            "cr3", X86Register.CR3, "cr4", X86Register.CR4);

    private final X86KernelCodeShape shape;

    X86KernelCodeKexec(MachineKexec stubMachine, RelocationCode code, X86KernelCodeShape shape) {
        super(stubMachine, code);
        this.shape = shape;
        for (int offset : shape.pageList().values()) {
            if (offset < 0 || offset + 8 > PAGE_LIST_SIZE) {
                throw new IllegalArgumentException("page-list offset " + offset + " is outside the list");
            }
        }
    }

    /** The way back to the old kernel (virtual_mapped, at kernel-text addresses) is not modelled. */
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
        Listing listing = KernelCodeListing.of(c, List.of(controlPage), names, new X86Disassembler());
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
                    + "context: its way back to the old kernel runs at kernel-text addresses it does not map");
        }
        long control = loaded.controlPage();
        IdentityPageTables.Tables tables = IdentityPageTables.build(cpu, X86_64MachineKexec.TABLE_AREA,
                X86_64MachineKexec.identityRanges(loaded));
        if (tables.pml4() != X86_64MachineKexec.IDENTITY_TABLES) {
            throw new IllegalStateException(String.format("the identity PML4 went to 0x%x, not to 0x%x",
                    tables.pml4(), X86_64MachineKexec.IDENTITY_TABLES));
        }
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        ByteBuffer list = ByteBuffer.allocate(PAGE_LIST_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        list.putLong(shape.pageList().get("pa_control"), control);
        list.putLong(shape.pageList().get("va_control"), control);
        list.putLong(shape.pageList().get("pa_table"), tables.pml4());
        list.putLong(shape.pageList().get("pa_swap"), loaded.swapPage());
        cpu.write(PAGE_LIST, list.array());
        OldKernelState.apply(cpu);
        cpu.writeRegister(X86Register.RSP, PAGE_LIST);
        cpu.writeRegister(X86Register.RDI, loaded.head());
        cpu.writeRegister(X86Register.RSI, PAGE_LIST);
        cpu.writeRegister(X86Register.RDX, loaded.image().entry());
        cpu.writeRegister(X86Register.RCX, 0);
        cpu.writeRegister(X86Register.R8, 0);
        return new KexecLaunch(stub, control, control);
    }

    /**
     * Every general register but rsp is 0, interrupts and the direction flag are off, CR3 is the
     * identity tables, and rsp is 8 bytes below the top of the control page: the code's
     * {@code ret} into start leaves the zero return address {@code identity_mapped} pushes.
     */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        List<ExpectedRegister> out = new ArrayList<>();
        for (X86Register r : ZEROED) {
            out.add(new ExpectedRegister(r, 0, "general registers are zero at entry"));
        }
        out.add(new ExpectedRegister(X86Register.RFLAGS, 0, 0x600, "interrupts off, direction flag clear"));
        out.add(new ExpectedRegister(X86Register.CR3, X86_64MachineKexec.IDENTITY_TABLES,
                "the identity-mapped page tables"));
        out.add(new ExpectedRegister(X86Register.RSP, launch.controlPage() + PAGE - 8,
                "below the top of the control page, past identity_mapped's zero return address"));
        return out;
    }

    /**
     * The entry probe with its RFLAGS check narrowed to IF and DF (the boot protocol's bits):
     * the code returns into start with ZF and PF from its last {@code xor}, which the stub's
     * probe, checking for exactly 0x2, would call a broken protocol.
     */
    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return X86EntryProbe.interruptsAndDirectionOnly(entry, recordAddress);
    }

    /** The identity tables map everything the new kernel needs, and the code saved the old kernel's rsp and CRs. */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        long cr3 = cpu.readRegister(X86Register.CR3);
        Optional<PageTableWalker.Mismatch> bad = new PageTableWalker(cpu, cr3)
                .findNonIdentity(X86_64MachineKexec.identityRanges(loaded));
        bad.ifPresent(m -> out.add(String.format("the identity page tables at CR3 0x%x are wrong: %s, so the new "
                + "kernel would not see physical memory at 0x%x", cr3, m.reason(), m.address())));
        shape.saveSlots().forEach((name, offset) -> {
            X86Register r = SAVED.get(name);
            long expected = r == X86Register.RSP ? PAGE_LIST - 8L * PUSHES : OldKernelState.value(r);
            long at = launch.controlPage() + offset;
            long saved = ByteBuffer.wrap(cpu.read(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
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
                "the kernel's swap_pages moves every page through the swap page with three rep movsq (source to "
                        + "swap page, destination to source, swap page to destination) where the stub copies once: "
                        + "destinations end the same, but each source page ends holding its destination's old bytes",
                "the kernel's code pushes the callee-saved registers and the flags on the old kernel's stack and "
                        + "saves rsp, CR0, CR3 and CR4 in the control page; it keeps only PAE (and LA57) in CR4",
                "at entry the kernel's code leaves RFLAGS 0x46 (ZF and PF from its last xor) and rsp 8 bytes below "
                        + "the top of the control page (identity_mapped's zero return address) where the stub "
                        + "leaves 0x2 and the top",
                "the kernel calls the code at its kernel-text address with paging on; this run enters the copy at "
                        + "the control page's physical address with paging off until the code's own CR0 write, "
                        + "which is where the kernel's transition tables send that address");
    }
}
