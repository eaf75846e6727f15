package org.kexeclab.ppc.kernel;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeMachine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcDisassembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * ppc64le's {@code default_machine_kexec} around the kernel's own {@code kexec_sequence}: the
 * old kernel in physical memory as it runs, its paca, kimage and stack, and the call's
 * registers ({@link KexecSequenceCall}); the run begins at {@code kexec_sequence}'s virtual
 * address and ends at the new kernel's entry, in real mode, as kexec-lab's stub's does.
 *
 * <p>The "stub" a run is counted and traced by is the kernel's text from the lowest to the
 * highest function of the {@link KernelCallGraph}, at its link address, listed only for those
 * functions (every other word in that span is code the kexec never runs). Pages are counted
 * at {@code copy_page}'s local entry, where {@code kexec_copy_flush} calls it. A run that
 * executes code outside the listed functions (through a function pointer) is reported by
 * {@link #checkMachineState}: its instructions would be missing from the count.
 */
public final class Ppc64LeKernelCodeKexec extends KernelCodeMachine {
    /** The counting label the run's page counter looks for. */
    static final String COPY_PAGE = "kexec_copy_page";
    /**
     * Functions left out of the listing: {@code __stack_chk_fail} runs only if the canary
     * kexec-lab writes into the paca changed under the kernel's frame (it would panic), so it is
     * never part of a kexec; were it run, {@link #checkMachineState} would say so.
     */
    private static final java.util.Set<String> NOT_RUN = java.util.Set.of("__stack_chk_fail");

    private final KexecSequenceCall call;
    private final KernelCallGraph graph;
    private final Stub stub;
    private final Map<Cpu, long[]> unlisted = Collections.synchronizedMap(new WeakHashMap<>());

    Ppc64LeKernelCodeKexec(MachineKexec stubMachine, Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        super(stubMachine, code);
        this.call = KexecSequenceCall.of(kernel);
        FtraceCallSites ftrace = call.facts().ftrace();
        this.graph = KernelCallGraph.of(kernel, List.of(code.label("kexec_sequence"), code.label("mmu_cleanup_all")),
                ftrace, NOT_RUN);
        this.stub = span(kernel, ftrace);
    }

    /** The text from the graph's first to its last function, ftrace sites as nops, listed by function. */
    private Stub span(Vmlinux kernel, FtraceCallSites ftrace) throws VmlinuxException {
        long lo = graph.start();
        KernelCode text = kernel.code("kexec text", lo, (int) (graph.end() - lo));
        byte[] bytes = text.bytes();
        PpcDisassembler disassembler = PpcDisassembler.forArch(PpcArches.PPC64LE);
        Listing.Builder b = Listing.builder(bytes);
        Map<String, Long> symbols = new LinkedHashMap<>();
        for (KernelCode f : graph.functions()) {
            symbols.putIfAbsent(f.name(), f.address());
            for (int i = 0; i + 4 <= f.size(); i += 4) {
                long pc = f.addressOf(i);
                int offset = (int) (pc - lo);
                int w = ftrace.contains(pc) ? FtraceCallSites.NOP : f.word(i);
                if (w != f.word(i)) {
                    java.nio.ByteBuffer.wrap(bytes, offset, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(w);
                }
                b.add(pc, offset, 4, SourceLocation.symbolic(i == 0 ? f.name() : f.name() + "+0x"
                        + Integer.toHexString(i)), disassembler.describe(w, pc));
            }
        }
        symbols.put(COPY_PAGE, call.localEntry("copy_page"));
        code.labels().forEach(symbols::putIfAbsent);
        return Stub.of(bytes, List.of(lo), symbols, b.build(), ByteOrder.LITTLE_ENDIAN);
    }

    /** The functions the kexec can run. */
    public KernelCallGraph callGraph() {
        return graph;
    }

    /** The call this machine makes. */
    public KexecSequenceCall call() {
        return call;
    }

    @Override
    public String describe() {
        return String.format("the kernel's kexec_sequence (%d bytes at 0x%x) and the %d functions its branches reach, "
                + "0x%x..0x%x", code.code().size(), code.code().address(), graph.functions().size(), graph.start(),
                graph.end());
    }

    /** The standard machine with 64 KiB pages (the kernel's) and the old kernel's memory reserved. */
    @Override
    public MemoryLayout layout(long ramSize) {
        return call.layout(ramSize);
    }

    @Override
    public String refusal(LoadedImage loaded) {
        return call.refusal(loaded);
    }

    @Override
    public Stub assembleStub(long controlPage) {
        return stub;
    }

    @Override
    public KexecLaunch prepare(LoadedImage loaded, Cpu cpu, KexecOptions options) {
        call.prepare(loaded, cpu);
        long[] first = {-1};
        long entry = loaded.image().entry();
        Listing listing = stub.listing();
        cpu.onBlock((a, size) -> {
            if (first[0] == -1 && a != entry && listing.indexOf(a) < 0) {
                first[0] = a;
            }
        }, 0, -1L);
        unlisted.put(cpu, first);
        return new KexecLaunch(stub, call.begin(), loaded.controlPage());
    }

    @Override
    public List<ExpectedRegister> entryProtocol(LoadedImage loaded, KexecLaunch launch) {
        return call.entryProtocol(loaded);
    }

    @Override
    public List<String> checkMachineState(LoadedImage loaded, KexecLaunch launch, Cpu cpu) {
        List<String> out = new java.util.ArrayList<>(call.checkMachineState(loaded, cpu));
        long[] first = unlisted.get(cpu);
        if (first != null && first[0] != -1) {
            out.add(String.format("the kernel's code ran 0x%x (%s), outside the functions kexec_sequence's branches "
                    + "reach, so its instructions are not counted", first[0], call.symbols().describe(first[0])));
        }
        return out;
    }

    @Override
    public List<String> differencesFromStub() {
        return List.of(
                "the kernel's code copies each page with the compiled copy_page (an unrolled loop of ld/std with "
                        + "dcbt/dcbz hints) and flushes each segment with flush_icache_range, where the stub copies "
                        + "a doubleword at a time and flushes each page as it copies it",
                "the kernel's code copies the segment array to its stack with memcpy and calls "
                        + "mmu_cleanup_all (LPCR, PTCR, tlbie) before dropping to real mode with rfid; the stub is "
                        + "called already in real mode's state and does neither",
                "the kernel's code runs most of the copy with translation on (at 0xc000... addresses) and only "
                        + "copy_and_flush's low-vector copy in real mode");
    }
}
