package org.kexeclab.ppc.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.ppc.LowVectors;
import org.kexeclab.ppc.PpcDecoder;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.SymbolTable;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * ppc64le's {@code default_machine_kexec} up to its call of the kernel's own
 * {@code kexec_sequence}, on an emulated CPU whose RAM holds the loaded image: the old kernel
 * in physical memory as it runs (its loads at their physical addresses, BSS zeroed, every
 * ftrace call site a {@code nop}), a paca, a {@code struct kimage} and the caller's stack in
 * the {@link #allocations() allocations} after it, and the call's registers:
 *
 * <pre>
 *   r1  = the caller's stack          r2  = .TOC.            r13 = the paca
 *   r3  = &amp;kexec_stack               r4  = image->start     r5  = the kimage
 *   r6  = the control page (virtual)  r7  = mmu_cleanup_all  r8  = copy_with_mmu_off = 1
 *   LR  = after default_machine_kexec's bl kexec_sequence
 *   MSR = SF | HV | EE | IR | DR | ME | RI | LE (64-bit, hypervisor, translation on)
 * </pre>
 *
 * <p>The machine is the one the vmlinux's link-time defaults describe: every CPU and MMU
 * feature key on (radix MMU, hypervisor mode), no firmware features (neither LPAR nor OPAL).
 * So {@code copy_with_mmu_off} is true (radix) and {@code mmu_cleanup_all} takes the
 * bare-metal radix path (LPCR, PTCR, a TLB flush, then AMR, UAMOR, IAMR and CIABR cleared),
 * which needs no firmware. The paca holds {@link #CPU_ID} as {@code hw_cpu_id} and
 * {@link #CANARY} as the stack-protector canary; the kimage holds {@code head},
 * {@code nr_segments} and each segment's {@code mem} and {@code memsz} at the offsets the
 * code reads ({@link KimageLayout}); everything else is zero.
 */
public final class KexecSequenceCall {
    /** The physical id of the one CPU ({@code hw_cpu_id}), as kexec-lab's own sequence is given. */
    public static final long CPU_ID = 0;
    /** The stack-protector canary the paca holds: any value works; this one is easy to spot. */
    public static final long CANARY = 0x6b65_7865_632d_6c61L;
    /** MSR bits. */
    static final long MSR_SF = 1L << 63;
    static final long MSR_HV = 1L << 60;
    static final long MSR_EE = 0x8000;
    static final long MSR_ME = 0x1000;
    static final long MSR_IR = 0x20;
    static final long MSR_DR = 0x10;
    static final long MSR_RI = 0x2;
    static final long MSR_LE = 0x1;
    /** The MSR the old kernel calls {@code kexec_sequence} with. */
    public static final long CALLER_MSR = MSR_SF | MSR_HV | MSR_EE | MSR_IR | MSR_DR | MSR_ME | MSR_RI | MSR_LE;
    /** Bytes given to the paca, the kimage and the caller's stack. */
    private static final int PACA_BYTES = 0x2000;
    private static final int KIMAGE_BYTES = 0x2000;
    private static final int STACK_BYTES = 0x4000;

    private final Vmlinux kernel;
    private final KexecSequenceFacts facts;
    private final long returnAddress;
    private final long paca;
    private final long kimage;
    private final long stackTop;
    private final long end;

    private KexecSequenceCall(Vmlinux kernel, KexecSequenceFacts facts, long returnAddress) throws VmlinuxException {
        this.kernel = kernel;
        this.facts = facts;
        this.returnAddress = returnAddress;
        long base = roundUp(facts.image().end(), facts.pageSize());
        if (facts.canary() + 8 > PACA_BYTES || facts.hwCpuId() + 2 > PACA_BYTES) {
            throw new VmlinuxException(String.format("the paca fields at %d and %d lie beyond the 0x%x bytes kexec-lab "
                    + "gives the paca", facts.hwCpuId(), facts.canary(), PACA_BYTES));
        }
        if (facts.kimage().bytes() > KIMAGE_BYTES) {
            throw new VmlinuxException(String.format("the kimage fields read reach %d bytes, beyond the 0x%x bytes "
                    + "kexec-lab gives the kimage", facts.kimage().bytes(), KIMAGE_BYTES));
        }
        this.paca = base;
        this.kimage = base + PACA_BYTES;
        this.stackTop = kimage + KIMAGE_BYTES + STACK_BYTES - 0x100;
        this.end = roundUp(kimage + KIMAGE_BYTES + STACK_BYTES, facts.pageSize());
    }

    /**
     * The call for {@code kernel}, with every fact read from it.
     *
     * @throws VmlinuxException if the kernel's code or layout is not as expected
     */
    public static KexecSequenceCall of(Vmlinux kernel) throws VmlinuxException {
        KexecSequenceFacts facts = KexecSequenceFacts.read(kernel);
        return new KexecSequenceCall(kernel, facts, returnAddress(kernel.function("default_machine_kexec"),
                facts.code().label("kexec_sequence")));
    }

    /** The address after the caller's {@code bl kexec_sequence}. */
    static long returnAddress(KernelCode caller, long sequence) throws VmlinuxException {
        for (int i = 0; i + 4 <= caller.size(); i += 4) {
            int w = caller.word(i);
            if (PpcDecoder.isBl(w) && PpcDecoder.branchTarget(w, caller.addressOf(i)) == sequence) {
                return caller.addressOf(i + 4);
            }
        }
        throw new VmlinuxException(caller.name() + " never calls kexec_sequence");
    }

    /** The kernel's symbols (for naming addresses in traces and sentences). */
    public SymbolTable symbols() {
        return kernel.symbols();
    }

    /**
     * Where a call from inside the kernel enters function {@code name}: 8 bytes in when the
     * function opens with the ELFv2 global entry's {@code addis r2, r12; addi r2, r2} (which
     * sets up the TOC for callers from outside), else at its start.
     */
    public long localEntry(String name) {
        long a = facts.code().label(name);
        try {
            int w0 = (int) kernel.memory().u32(a);
            int w1 = (int) kernel.memory().u32(a + 4);
            boolean global = PpcDecoder.isAddis(w0) && PpcDecoder.rt(w0) == 2 && PpcDecoder.ra(w0) == 12
                    && PpcDecoder.isAddi(w1) && PpcDecoder.rt(w1) == 2 && PpcDecoder.ra(w1) == 2;
            return global ? a + 8 : a;
        } catch (VmlinuxException e) {
            return a;
        }
    }

    /** The facts the call is built from. */
    public KexecSequenceFacts facts() {
        return facts;
    }

    /**
     * The physical memory the old kernel owns: its image from 0 and, after it, the paca, the
     * kimage and the caller's stack. A layout reserves it so no segment or allocator page lands there.
     */
    public AddressRange allocations() {
        return new AddressRange(0, end, "the old kernel (text, data, BSS; its paca, kimage and stack)");
    }

    /** Where the run begins: {@code kexec_sequence}'s virtual address. */
    public long begin() {
        return facts.code().label("kexec_sequence");
    }

    /**
     * Writes the old kernel, the paca and the kimage into {@code cpu}'s RAM and sets the call's
     * registers. {@code loaded}'s list and source pages must already be in RAM.
     */
    public void prepare(LoadedImage loaded, Cpu cpu) {
        checkFits(loaded);
        facts.image().writeTo(cpu);
        byte[] nop = word(facts.ftrace().patchedWord());
        for (long site : facts.ftrace().sites()) {
            cpu.write(facts.physical(site), nop);
        }
        ByteBuffer p = ByteBuffer.allocate(PACA_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        p.putShort(facts.hwCpuId(), (short) CPU_ID).putLong(facts.canary(), CANARY);
        cpu.write(paca, p.array());
        cpu.write(kimage, kimageBytes(loaded));
        cpu.writeRegister(PpcRegister.MSR, CALLER_MSR);
        cpu.writeRegister(PpcRegister.R1, facts.virtual(stackTop));
        cpu.writeRegister(PpcRegister.R2, facts.code().label(".TOC."));
        cpu.writeRegister(PpcRegister.R13, facts.virtual(paca));
        cpu.writeRegister(PpcRegister.R3, facts.kexecStack());
        cpu.writeRegister(PpcRegister.R4, loaded.image().entry());
        cpu.writeRegister(PpcRegister.R5, facts.virtual(kimage));
        cpu.writeRegister(PpcRegister.R6, facts.virtual(loaded.controlPage()));
        cpu.writeRegister(PpcRegister.R7, facts.code().label("mmu_cleanup_all"));
        cpu.writeRegister(PpcRegister.R8, 1);
        cpu.writeRegister(PpcRegister.LR, returnAddress);
    }

    /** The kimage: head, nr_segments and each segment's mem and memsz; zeros elsewhere. */
    byte[] kimageBytes(LoadedImage loaded) {
        KimageLayout k = facts.kimage();
        List<Segment> segs = loaded.image().segments();
        ByteBuffer b = ByteBuffer.allocate(KIMAGE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(k.head(), loaded.head()).putLong(k.nrSegments(), segs.size());
        for (int i = 0; i < segs.size(); i++) {
            b.putLong(k.mem(i), segs.get(i).mem()).putLong(k.memsz(i), segs.get(i).memsz());
        }
        return b.array();
    }

    private void checkFits(LoadedImage loaded) {
        String refusal = refusal(loaded);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /**
     * Why this call cannot relocate {@code loaded}, as one sentence, or null: its list must use
     * the kernel's page size, it must have no more segments than the kimage holds, no
     * destination may overlap the old kernel, and its RAM windows must map the old kernel.
     */
    public String refusal(LoadedImage loaded) {
        if (loaded.image().pageSize() != facts.pageSize()) {
            return String.format("the image's list uses %d-byte pages but the kernel's code copies %d-byte pages",
                    loaded.image().pageSize(), facts.pageSize());
        }
        if (loaded.image().segments().size() > facts.kimage().maxSegments()) {
            return String.format("the image has %d segments, more than the kernel's KEXEC_SEGMENT_MAX of %d",
                    loaded.image().segments().size(), facts.kimage().maxSegments());
        }
        for (AddressRange d : loaded.oracle().destinations()) {
            if (d.overlaps(0, end)) {
                return String.format("destination %s overlaps the old kernel at %s: reserve it in the layout", d,
                        allocations().bounds());
            }
        }
        if (loaded.mappedWindows().stream().noneMatch(w -> w.containsAll(0, end))) {
            return String.format("the load does not map the old kernel at %s: its layout must reserve it",
                    allocations().bounds());
        }
        return null;
    }

    /**
     * A machine of {@code ramSize} bytes this call can run on: the standard sparse layout with
     * the kernel's page size and the old kernel's memory ({@link #allocations()}) reserved.
     */
    public MemoryLayout layout(long ramSize) {
        AddressRange old = allocations();
        return StandardMachine.layout(ramSize).pageSize(facts.pageSize())
                .reserve(old.start(), old.size(), old.label()).sparse().build();
    }

    /**
     * r3 = the paca's {@code hw_cpu_id}, r4 = start, r5 = 0, LR = start, and the caller's MSR
     * without EE, IR and DR ({@code kexec_sequence} clears EE, {@code real_mode} IR and DR).
     */
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded) {
        long start = loaded.image().entry();
        return List.of(
                new ExpectedRegister(PpcRegister.R3, CPU_ID, "the paca's hw_cpu_id"),
                new ExpectedRegister(PpcRegister.R4, start, "start, the new kernel's entry point"),
                new ExpectedRegister(PpcRegister.R5, 0, "zero"),
                new ExpectedRegister(PpcRegister.LR, start, "start: kexec_sequence enters with mtlr start; blr"),
                new ExpectedRegister(PpcRegister.MSR, CALLER_MSR & ~(MSR_EE | MSR_IR | MSR_DR),
                        "the caller's MSR with EE, IR and DR cleared"));
    }

    /**
     * The sequence's effects beyond the destinations: physical [0, 0x100) holds the first
     * 0x100 bytes at start ({@code copy_and_flush}), and the kernel's {@code kexec_flag} is 1
     * (the secondary CPUs in {@code kexec_wait} are released).
     */
    public List<String> checkMachineState(LoadedImage loaded, GuestMemory memory) {
        List<String> out = new ArrayList<>();
        LowVectors.failure(loaded, memory).ifPresent(out::add);
        long flag = facts.physical(facts.code().label("kexec_flag"));
        byte[] b = memory.read(flag, 4);
        int v = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (v != 1) {
            out.add(String.format("the kernel's kexec_flag at 0x%x is %d, not 1: the secondary CPUs were never released",
                    flag, v));
        }
        return out;
    }

    private static byte[] word(int w) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(w).array();
    }

    private static long roundUp(long v, long align) {
        return (v + align - 1) & -align;
    }
}
