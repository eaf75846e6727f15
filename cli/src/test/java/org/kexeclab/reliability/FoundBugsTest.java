package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Fuzz;
import org.kexeclab.testkit.RawUnicornMain;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Encoder;

/** One regression test per bug the fuzzers found (the seeds that found them are kept too). */
class FoundBugsTest {

    /** Found by the asm fuzzer: a numeric local label beyond int threw NumberFormatException. */
    @Test
    void assemble_numericLocalLabelBeyondInt_assemblyExceptionAtLabel() {
        Assembler asm = new Assembler(new X86Encoder(), ByteOrder.LITTLE_ENDIAN);
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> asm.assemble("t.S", "nop\n  99999999999999999999: nop\n", 0x100000, Map.of()));
        assertEquals(new SourceLocation("t.S", 2, 3), e.location());
    }

    /**
     * Found by fault injection: a corrupted stub that jumped out of itself into a loop ran
     * until its time limit, because only blocks inside the stub counted against the budget.
     */
    @Test
    void execute_stubJumpsIntoLoopOutsideItself_endsAtBudgetNotTimeLimit() {
        MachineKexec m = Arches.support(X86Arches.X86_64).machineKexec();
        LoadedImage loaded = RunnableMachines.load(m, 1, new SplittableRandom(1));
        KexecOptions options = new KexecOptions(false, 100_000, Duration.ofSeconds(20), true, false);
        try (KexecRun run = KexecRun.prepare(m, loaded, options, Engines.unicorn())) {
            long loop = 0x300000;
            run.cpu().write(loop, new byte[] {(byte) 0xeb, (byte) 0xfe});
            byte[] jump = {0x48, (byte) 0xb8, 0, 0, 0x30, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xe0};
            run.cpu().write(run.launch().begin(), jump);
            KexecOutcome o = run.execute();
            assertEquals(StopReason.BUDGET_EXHAUSTED, o.relocation().reason(), o.failures().toString());
        }
    }

    /**
     * Found by fault injection, a record of the engine: on Unicorn 2.0.1 a ppc32 guest that
     * reads the decrementer ({@code mfspr r3, 22}) kills the JVM with SIGSEGV in
     * {@code cpu_ppc_load_decr_ppc}. The child JVM calls libunicorn directly (not through the
     * binding, which refuses the instruction); when a fixed libunicorn survives, this fails and
     * the binding's {@code TimerSprGuard} can be revisited.
     */
    @Test
    void rawUnicornPpc32_readDecrementer_killsTheProcess_engineDefect() throws Exception {
        assertTrue(child("60000000").contains("survived"), "the child harness must run a nop");
        String out = child("7c7602a6");
        assertTrue(!out.contains("survived") && out.contains("SIGSEGV"), "mfdec no longer kills the engine: " + out);
    }

    /**
     * The fix for the record above: the binding stops a ppc32 run before any of the 13
     * instruction forms that crash Unicorn 2.0.1 (mfspr/mftb of DEC, TBL, TBU and the time-base
     * write numbers, mtspr of DEC and the time-base write numbers) executes, in-process, with a
     * typed result naming the defect and the way out. A miss would kill this JVM.
     */
    @Test
    void unicornPpc32_everyCrashingTimerForm_bindingStopsTheRunCleanly() {
        int[] crashing = {0x7c7602a6, 0x7c6c42a6, 0x7c6d42a6, 0x7c7c42a6, 0x7c7d42a6,
            0x7c7602e6, 0x7c6c42e6, 0x7c6d42e6, 0x7c7c42e6, 0x7c7d42e6, 0x7c7603a6, 0x7c7c43a6, 0x7c7d43a6};
        assertTrue(CpuEngines.forArch(PpcArches.PPC32).name().startsWith("unicorn"), "ppc32 runs on Unicorn by default");
        for (int word : crashing) {
            try (Cpu cpu = CpuEngines.forArch(PpcArches.PPC32).open(PpcArches.PPC32)) {
                cpu.map(0x10000, 0x1000, Perm.ALL);
                cpu.write(0x10000, ByteBuffer.allocate(8).putInt(0x60000000).putInt(word).array());
                RunResult r = cpu.run(0x10000, 0x10008, RunLimits.budget(10));
                assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.toString());
                assertEquals(0x10004, r.pc(), r.toString());
                assertTrue(r.message().startsWith("Unicorn 2.0.1 crashes on ") && r.message().endsWith("use --engine java"),
                        r.message());
            }
        }
    }

    /** The same through a kexec run: a ppc32 stub whose first word reads DEC fails with one sentence. */
    @Test
    void executePpc32_stubReadsDecrementer_classifiedFailureNotCrash() {
        MachineKexec m = Arches.support(PpcArches.PPC32).machineKexec();
        LoadedImage loaded = RunnableMachines.load(m, 1, new SplittableRandom(1));
        try (KexecRun run = KexecRun.prepare(m, loaded, FaultInjectionTest.OPTIONS, CpuEngines.forArch(PpcArches.PPC32))) {
            run.cpu().write(run.launch().begin(), new byte[] {0x7c, 0x76, 0x02, (byte) 0xa6});
            KexecOutcome o = run.execute();
            assertEquals(StopReason.INVALID_INSTRUCTION, o.relocation().reason(), o.failures().toString());
            assertTrue(o.failure().contains("Unicorn 2.0.1 crashes on mfspr r3, 22 (DEC)"), o.failure());
        }
    }

    /**
     * Found by the purgatory fuzzer: on a 32-bit architecture a plan whose kernel entry or boot
     * register value does not fit 32 bits made {@code LoadPlan.withPurgatory} throw
     * {@code IllegalArgumentException} from {@code Stub.patch}; it is a {@code PlanningException} now.
     */
    @Test
    void withPurgatory_valueBeyond32Bits_planningExceptionWithOneSentence() throws Exception {
        for (Arch arch : new Arch[] {ArmArches.ARM, PpcArches.PPC32}) {
            org.kexeclab.image.KexecImage image = org.kexeclab.image.KexecImage.builder(arch)
                    .layout(org.kexeclab.kexec.StandardMachine.layout(64L << 20).build()).entry(0x1000000)
                    .segment(org.kexeclab.image.SegmentData.of(new byte[0x1000]), 0x1000000, 0x1000).build();
            java.util.List<org.kexeclab.loader.plan.PlannedSegment> segs = java.util.List.of(
                    new org.kexeclab.loader.plan.PlannedSegment("kernel", image.segments().get(0)));
            String reg = arch == ArmArches.ARM ? "r2" : "r3";
            for (long[] entryAndValue : new long[][] {{1L << 32, 0x1000}, {0x1000000, 0x1_2345_6789L}}) {
                org.kexeclab.loader.plan.LoadPlan plan = new org.kexeclab.loader.plan.LoadPlan(image, segs, null,
                        Map.of(reg, entryAndValue[1]), entryAndValue[0]);
                org.kexeclab.loader.plan.PlanningException e = assertThrows(org.kexeclab.loader.plan.PlanningException.class,
                        () -> KernelLoader.withPurgatory(plan));
                assertTrue(e.getMessage().contains("does not fit the 32-bit " + arch + " purgatory"), e.getMessage());
                Fuzz.assertOneSentence(e.getMessage(), arch);
            }
        }
    }

    /** The raw-engine record: {@code word} (hex, big-endian) run once on libunicorn in a child JVM. */
    private static String child(String word) throws Exception {
        return RawUnicornMain.inChild(Arches.byName("ppc32"), word);
    }
}
