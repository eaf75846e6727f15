package org.kexeclab.ppc;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.engine.Register;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * 64-bit big-endian PowerPC kexec, after {@code core_64.c} and {@code kexec_sequence}: the
 * sequence {@code kexec_sequence_ppc64.S} runs from the old kernel's text, not from a
 * control page, so it is placed at {@link #SEQUENCE_ADDRESS} in the machine's architecture
 * area, outside every destination and above the 0x100 bytes it overwrites at physical 0.
 * The loader's control page is allocated (as the kernel allocates one) but unused.
 * {@link Ppc64LeMachineKexec} is the same sequence, little-endian.
 *
 * <p>The emulated machine has no MMU set up, so the old kernel is modelled calling the
 * sequence already untranslated at its physical address (the sequence drops the top two
 * address bits itself, a no-op there), with EE on so its "interrupts off" step is visible.
 */
public class Ppc64MachineKexec implements MachineKexec {
    /**
     * Where the sequence is placed on the default machine: the start of its architecture area
     * ({@link #sequenceAddress} of a machine at another RAM base).
     */
    public static final long SEQUENCE_ADDRESS = StandardMachine.ARCH_AREA;
    /** Cache-block size written to {@code kexec_cache_line}: 128 bytes, as on POWER cores. */
    public static final long CACHE_LINE = 128;
    /** Bytes of the new image copied to physical address 0 (the low exception vectors). */
    public static final int LOW_VECTORS = LowVectors.SIZE;
    /** The physical id of the one emulated CPU, passed in r5 and expected back in r3. */
    public static final long CPU_ID = 0;
    /** Stack pointer of the old kernel when it calls the sequence (the sequence keeps r1), on the default machine. */
    public static final long CALLER_STACK = StandardMachine.STACK_TOP - 128;
    /** The caller's stack frame below the machine's stack top. */
    private static final long CALLER_FRAME = StandardMachine.STACK_TOP - CALLER_STACK;

    static final long MSR_SF = 1L << 63;
    static final long MSR_EE = 0x8000;
    static final long MSR_IR = 0x20;
    static final long MSR_DR = 0x10;
    static final long MSR_ME = 0x1000;
    static final long MSR_RI = 0x2;
    static final long MSR_LE = 0x1;

    private static final List<Register> ENTRY_REGISTERS = List.of(
            PpcRegister.R0, PpcRegister.R1, PpcRegister.R2, PpcRegister.R3, PpcRegister.R4,
            PpcRegister.R5, PpcRegister.R6, PpcRegister.LR, PpcRegister.CTR, PpcRegister.MSR,
            PpcRegister.CR, PpcRegister.PC);

    static final long MSR_HV = 1L << 60;

    private final Arch arch;
    private final boolean hypervisor;

    /** The big-endian ppc64 machine (the one ServiceLoader creates). */
    public Ppc64MachineKexec() {
        this(PpcArches.PPC64);
    }

    /** A 64-bit PowerPC machine of byte order {@code arch} (PPC64 or PPC64LE). */
    protected Ppc64MachineKexec(Arch arch) {
        this(arch, false);
    }

    /**
     * A 64-bit PowerPC machine of byte order {@code arch} (PPC64 or PPC64LE), called in
     * hypervisor state (MSR[HV] set, as on bare metal) when {@code hypervisor}.
     */
    protected Ppc64MachineKexec(Arch arch, boolean hypervisor) {
        if (!PpcArches.PPC64.equals(arch) && !PpcArches.PPC64LE.equals(arch)) {
            throw new IllegalArgumentException("a 64-bit PowerPC machine is ppc64 or ppc64le, not " + arch);
        }
        this.arch = arch;
        this.hypervisor = hypervisor;
    }

    @Override
    public Arch arch() {
        return arch;
    }

    /** Every instruction is 4 bytes and 4-byte aligned. */
    @Override
    public int entryAlignment(long entry) {
        return 4;
    }

    @Override
    public String stubName() {
        return PpcStubs.PPC64_SOURCE;
    }

    /** Assembles the sequence at {@code origin} (for ppc64 the sequence's own address, not a control page). */
    @Override
    public Stub assembleStub(long origin) {
        try {
            return PpcStubs.ppc64(arch, origin);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the committed stub " + PpcStubs.PPC64_SOURCE + " does not assemble: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The sequence at {@link #sequenceAddress} with its data filled: kexec_flag 0, the cache
     * line, the image's page size, and one {mem, memsz} flush-table entry per segment.
     *
     * @throws IllegalArgumentException if a destination overlaps the sequence's address
     */
    public Stub patchedSequence(LoadedImage loaded) {
        StandardMachine machine = StandardMachine.of(loaded.image().layout());
        Stub stub = assembleStub(sequenceAddress(loaded));
        AddressRange here = AddressRange.of(stub.origin(), stub.size(), "kexec sequence");
        for (AddressRange d : loaded.oracle().destinations()) {
            if (d.overlaps(here.start(), here.end())) {
                throw new IllegalArgumentException(String.format("destination %s overlaps the kexec sequence at %s: "
                        + "keep segments out of the machine area below 0x%x", d, here, machine.area().end()));
            }
        }
        List<Segment> segments = loaded.image().segments();
        stub = stub.patch(PpcStubs.KEXEC_FLAG, 0, 4)
                .patch(PpcStubs.KEXEC_CACHE_LINE, CACHE_LINE, 8)
                .patch(PpcStubs.KEXEC_PAGE_SIZE, loaded.image().pageSize(), 8)
                .patch(PpcStubs.KEXEC_NR_SEGMENTS, segments.size(), 8);
        for (int i = 0; i < segments.size(); i++) {
            stub = stub.patch(segmentSlot(i), segments.get(i).mem(), 8)
                    .patch(segmentSlot(i) + "_size", segments.get(i).memsz(), 8);
        }
        return stub;
    }

    /** Where the sequence is placed for {@code loaded}: the start of its machine's architecture area. */
    public static long sequenceAddress(LoadedImage loaded) {
        return StandardMachine.of(loaded.image().layout()).archArea();
    }

    /** The label of flush-table entry {@code i}'s {@code mem} doubleword ({@code _size} follows for memsz). */
    public static String segmentSlot(int i) {
        return "kexec_segment_" + i;
    }

    /**
     * Writes the filled sequence to its address and sets the call's registers:
     * r3 = head, r4 = start, r5 = physical CPU id, r1 = the old kernel's stack, MSR = SF|EE|ME|RI
     * (plus LE on ppc64le).
     */
    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        long base = loaded.image().layout().machineBase();
        if (base != 0) {
            throw new IllegalArgumentException(String.format("the 64-bit PowerPC sequence copies the new image's first "
                    + "0x%x bytes to physical 0, so its machine's RAM starts at 0, not at 0x%x", LOW_VECTORS, base));
        }
        Stub stub = patchedSequence(loaded);
        cpu.write(stub.origin(), stub.bytes());
        cpu.writeRegister(PpcRegister.MSR, callerMsr());
        cpu.writeRegister(PpcRegister.R1, StandardMachine.of(loaded.image().layout()).stackTop() - CALLER_FRAME);
        cpu.writeRegister(PpcRegister.R3, loaded.head());
        cpu.writeRegister(PpcRegister.R4, loaded.image().entry());
        cpu.writeRegister(PpcRegister.R5, CPU_ID);
        return new KexecLaunch(stub, stub.symbol(PpcStubs.PPC64_ENTRY), loaded.controlPage());
    }

    /** The MSR the old kernel calls the sequence with (HV only in hypervisor state). */
    public long callerMsr() {
        return MSR_SF | MSR_EE | MSR_ME | MSR_RI | (PpcArches.PPC64LE.equals(arch) ? MSR_LE : 0)
                | (hypervisor ? MSR_HV : 0);
    }

    /** r3 = physical CPU id, r4 = start, r5 = 0, LR = start; MSR = the caller's without EE, IR, DR. */
    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        long start = loaded.image().entry();
        return List.of(
                new ExpectedRegister(PpcRegister.R3, CPU_ID, "physical id of the CPU that ran the sequence"),
                new ExpectedRegister(PpcRegister.R4, start, "start, the new kernel's entry point"),
                new ExpectedRegister(PpcRegister.R5, 0, "zero"),
                new ExpectedRegister(PpcRegister.LR, start, "start: the sequence enters with mtlr start; blr"),
                new ExpectedRegister(PpcRegister.MSR, callerMsr() & ~(MSR_EE | MSR_IR | MSR_DR),
                        "the caller's MSR with EE, IR and DR cleared (SF, ME, RI, LE kept)"));
    }

    @Override
    public List<Register> entryRegisters() {
        return ENTRY_REGISTERS;
    }

    /**
     * The sequence's two effects outside the destinations: physical [0, 0x100) holds the new
     * image's first 0x100 bytes (defined, as {@code kexec_sequence} copies them, as the bytes
     * at {@code start}), and {@code kexec_flag} is 1 (secondary CPUs released).
     */
    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new ArrayList<>();
        LowVectors.failure(loaded, cpu).ifPresent(out::add);
        long flagAt = launch.stub().symbol(PpcStubs.KEXEC_FLAG);
        long flag = readWord(cpu, flagAt, 4);
        if (flag != 1) {
            out.add(String.format("kexec_flag at 0x%x is %d, not 1: the secondary CPUs were never released", flagAt, flag));
        }
        return out;
    }

    private long readWord(GuestMemory memory, long address, int size) {
        byte[] b = memory.read(address, size);
        long v = 0;
        for (int k = 0; k < size; k++) {
            int idx = arch.byteOrder() == ByteOrder.BIG_ENDIAN ? k : size - 1 - k;
            v = v << 8 | (b[idx] & 0xff);
        }
        return v;
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return PpcEntryProbes.probe(arch, entry, recordAddress);
    }
}
