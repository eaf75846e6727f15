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
import org.kexeclab.image.AddressRange;
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
 * x86_64's {@code machine_kexec} around the kernel's own {@code relocate_kernel}, called as the
 * kernel calls it: at its kernel-text address, with paging on through the old kernel's tables.
 * The code is copied to the start of the control page (and the old kernel keeps its own copy at
 * the kernel-text address); the kexec identity tables ({@code machine_kexec_prepare}'s, as the
 * stub's) get {@code init_transition_pgtable}'s mapping of that address onto the control page;
 * the page list {@code rsi} points to (as {@code machine_kexec}'s local array, on the old
 * kernel's stack, reached through the direct map) holds the control page's direct-map and
 * physical addresses, the table root and the swap page at the offsets the code's loads use
 * ({@link X86KernelCodeShape}); and {@code rdi = head, rdx = start, rcx = 0, r8 = 0} (no
 * preserved context, no memory encryption) over the old kernel's state ({@link OldKernelState})
 * with CR3 at its tables ({@link KernelCodePageTables}), CR4 with PAE and CR0 with PG.
 *
 * <p>So the code's CR3 switch is what makes the run go on: the old tables have no identity map,
 * and the new ones send the kernel-text address to the copy. This needs an engine that sends
 * every access to the physical address the tables give ({@link Cpu#translatesAddresses()}: the
 * Java engine). Unicorn 2.0.1 walks the tables only to raise #PF and then uses the virtual
 * address as the physical one, so on it the code is entered at the control page's physical
 * address over the old kernel's state with paging off ({@link OldKernelState}), the page list's
 * virtual control page equal to the physical one and the stack physical: the same instructions,
 * with paging on from the code's own CR0 write, through the identity tables.
 *
 * <p>Pages are counted at the first instruction of a SOURCE entry's copy, named
 * {@code kexec_copy_page} in the stub's symbols. The code runs from two placements: the
 * kernel-text address until the CR3 switch, the control page after it.
 */
final class X86KernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter and progress bar look for. */
    static final String COPY_PAGE = "kexec_copy_page";
    /** machine_kexec's page list: 64 bytes just below the old kernel's stack top (physical). */
    static final long PAGE_LIST = StandardMachine.STACK_TOP - 0x40;
    /** A running kernel's CR0: {@link OldKernelState#CR0} with PG. */
    static final long CR0 = OldKernelState.CR0 | 0x8000_0000L;
    /** The old kernel's copy of the code (its text page) and its page tables, at the top of the table area. */
    static final AddressRange KERNEL_AREA = AddressRange.of(OldKernelState.CR3 - 9 * 0x1000L, 9 * 0x1000L,
            "the old kernel's text page and page tables");
    /** init_transition_pgtable's three tables (PDPT, PD, PT), after the old kernel's text page. */
    static final AddressRange TRANSITION_AREA = AddressRange.of(KERNEL_AREA.start() + 0x1000, 3 * 0x1000L,
            "transition page tables");
    /** The old kernel's tables (PML4 first), after the transition tables. */
    static final AddressRange OLD_TABLES_AREA = AddressRange.of(TRANSITION_AREA.end(),
            KERNEL_AREA.end() - TRANSITION_AREA.end(), "the old kernel's page tables");
    /** The identity tables' area: the table area below {@link #KERNEL_AREA}. */
    static final AddressRange IDENTITY_AREA = AddressRange.of(StandardMachine.ARCH_AREA,
            KERNEL_AREA.start() - StandardMachine.ARCH_AREA, "identity page tables");
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
        List<Long> placements = List.of(controlPage, c.address());
        Listing listing = KernelCodeListing.of(c, placements, names, new X86Disassembler());
        Map<String, Long> symbols = new LinkedHashMap<>();
        names.forEach((offset, name) -> symbols.put(name, controlPage + offset));
        symbols.put(COPY_PAGE, controlPage + shape.copyPage());
        return Stub.of(c.bytes(), placements, symbols, listing, ByteOrder.LITTLE_ENDIAN);
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
        long text = code.code().address();
        IdentityPageTables.Tables tables = IdentityPageTables.build(cpu, IDENTITY_AREA,
                X86_64MachineKexec.identityRanges(loaded));
        if (tables.pml4() != X86_64MachineKexec.IDENTITY_TABLES) {
            throw new IllegalStateException(String.format("the identity PML4 went to 0x%x, not to 0x%x",
                    tables.pml4(), X86_64MachineKexec.IDENTITY_TABLES));
        }
        KernelCodePageTables.addTransition(cpu, tables.pml4(), TRANSITION_AREA, text, control);
        Stub stub = assembleStub(control);
        cpu.write(control, stub.bytes());
        cpu.write(KERNEL_AREA.start(), stub.bytes());
        boolean paged = cpu.translatesAddresses();
        long direct = paged ? KernelCodePageTables.PAGE_OFFSET : 0;
        ByteBuffer list = ByteBuffer.allocate(PAGE_LIST_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        list.putLong(shape.pageList().get("pa_control"), control);
        list.putLong(shape.pageList().get("va_control"), direct + control);
        list.putLong(shape.pageList().get("pa_table"), tables.pml4());
        list.putLong(shape.pageList().get("pa_swap"), loaded.swapPage());
        cpu.write(PAGE_LIST, list.array());
        OldKernelState.apply(cpu);
        if (paged) {
            long root = KernelCodePageTables.oldKernel(cpu, OLD_TABLES_AREA, ramEnd(loaded), text, KERNEL_AREA.start());
            if (root != OLD_TABLES_AREA.start()) {
                throw new IllegalStateException(String.format("the old kernel's PML4 went to 0x%x, not to 0x%x",
                        root, OLD_TABLES_AREA.start()));
            }
            cpu.writeRegister(X86Register.CR3, root);
            cpu.writeRegister(X86Register.CR0, CR0);
        }
        cpu.writeRegister(X86Register.RSP, direct + PAGE_LIST);
        cpu.writeRegister(X86Register.RDI, loaded.head());
        cpu.writeRegister(X86Register.RSI, direct + PAGE_LIST);
        cpu.writeRegister(X86Register.RDX, loaded.image().entry());
        cpu.writeRegister(X86Register.RCX, 0);
        cpu.writeRegister(X86Register.R8, 0);
        return new KexecLaunch(stub, paged ? text : control, control);
    }

    /** The end of the highest range the new kernel's identity map covers: the old kernel's direct map reaches it. */
    private static long ramEnd(LoadedImage loaded) {
        long end = 0;
        for (AddressRange r : X86_64MachineKexec.identityRanges(loaded)) {
            end = Math.max(end, r.end());
        }
        return Math.max(end, StandardMachine.STACK_TOP);
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
            long expected = oldValue(r, launch.begin() != launch.controlPage());
            long at = launch.controlPage() + offset;
            long saved = ByteBuffer.wrap(cpu.read(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (saved != expected) {
                out.add(String.format("relocate_kernel saved 0x%x for %s at 0x%x, but the old kernel's %s was 0x%x",
                        saved, name, at, name, expected));
            }
        });
        return out;
    }

    /** The old kernel's value of a register the code saves, as {@link #prepare} sets it with paging on or off. */
    private static long oldValue(X86Register r, boolean paged) {
        if (!paged) {
            return r == X86Register.RSP ? PAGE_LIST - 8L * PUSHES : OldKernelState.value(r);
        }
        switch (r) {
            case RSP: return KernelCodePageTables.PAGE_OFFSET + PAGE_LIST - 8L * PUSHES;
            case CR0: return CR0;
            case CR3: return OLD_TABLES_AREA.start();
            default: return OldKernelState.value(r);
        }
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
                "on an engine that translates (java) the kernel's code is entered at its kernel-text address "
                        + "through the old kernel's page tables and switches CR3 to the kexec tables, whose transition "
                        + "mapping sends that address to the control page; on Unicorn 2.0.1, which uses a virtual "
                        + "address as the physical one, it is entered at the control page with paging off, as the stub "
                        + "always is");
    }
}
