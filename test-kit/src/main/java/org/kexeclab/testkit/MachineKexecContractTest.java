package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.interp.InterpCpu;
import org.kexeclab.engine.StopReason;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Placement;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.RepeatedInstruction;
import org.kexeclab.kexec.StandardMachine;

/**
 * The end-to-end matrix every {@link MachineKexec} must pass on every engine that runs it:
 * assemble, load, relocate, land, verify. Subclass it once per architecture (and engine).
 */
public abstract class MachineKexecContractTest {
    /** A RAM base above 0: where QEMU's {@code virt} boards start their RAM (1 GiB). */
    protected static final long RAM_BASE = 0x40000000L;

    /** The architecture under test. */
    protected abstract MachineKexec machine();

    /** The engine to run on (default: Unicorn). */
    protected CpuEngine engine() {
        return Engines.unicorn();
    }

    /** Options for every run of the matrix. */
    protected KexecOptions options() {
        return KexecOptions.defaults();
    }

    protected KexecOutcome run(KexecImage image, LoadOptions load, KexecOptions options) throws KexecLoadException {
        LoadedImage loaded = LoadedImage.load(image, load.withControlPages(machine().controlPages()));
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options, engine())) {
            return run.execute();
        }
    }

    protected KexecOutcome run(KexecImage image) throws KexecLoadException {
        return run(image, LoadOptions.defaults(), options());
    }

    protected static void assertVerified(KexecOutcome o) {
        assertTrue(o.verified(), () -> "not verified: " + o.failures());
        assertNotNull(o.probe(), "the entry probe did not run");
        assertTrue(o.probe().passed(), "probe record: " + o.probe());
    }

    @Test
    void demoImage_default_verifiedWithEveryPageCopied() throws Exception {
        KexecOutcome o = run(DemoImage.build(machine(), false));
        assertVerified(o);
        assertEquals(o.pagesToCopy(), o.pagesCopied());
    }

    @Test
    void entryProbe_program_isTheProbesCodeAndEveryListedLineIsInItsSource() {
        long entry = DemoImage.KERNEL;
        org.junit.jupiter.api.Assumptions.assumeTrue(machine().hasEntryProbe(entry), "no probe at the demo entry");
        EntryProbe p = machine().entryProbe(entry, StandardMachine.PROBE_RECORD);
        assertNotNull(p.program(), "the probe carries its assembled program");
        org.junit.jupiter.api.Assertions.assertArrayEquals(p.code(), p.program().bytes());
        org.kexeclab.asm.Listing listing = p.program().listing();
        String[] lines = p.program().source().split("\n", -1);
        assertTrue(listing.size() > 0, "the probe has a listing");
        for (int i = 0; i < listing.size(); i++) {
            int line = listing.location(i).line();
            String text = listing.text(i).strip();
            assertTrue(line >= 1 && line <= lines.length && lines[line - 1].contains(text),
                    () -> listing.location(0).file() + " line " + line + " should hold `" + text + "`");
        }
    }

    @Test
    void onePage_default_verified() throws Exception {
        KexecOutcome o = run(TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 4096, 4096))));
        assertVerified(o);
        assertEquals(1, o.pagesCopied());
    }

    @Test
    void oneMiBSegment_default_verified() throws Exception {
        KexecOutcome o = run(TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 1 << 20, 1 << 20))));
        assertVerified(o);
        assertEquals(256, o.pagesCopied());
    }

    @Test
    void sixteenSegments_bufszBelowMemsz_verified() throws Exception {
        KexecOutcome o = run(TestImages.image(machine(), TestImages.spread(16, 3)));
        assertVerified(o);
        assertEquals(48, o.pagesCopied());
    }

    @Test
    void longList_spansSeveralIndirectionPages_verified() throws Exception {
        int slots = 4096 / machine().arch().wordSize() - 1;
        long pages = 2L * slots + 7;
        KexecImage image = TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, pages * 4096, pages * 4096)));
        KexecOutcome o = run(image);
        assertVerified(o);
        assertEquals(pages, o.pagesCopied());
        assertTrue(LoadedImage.load(image).list().pageCount() >= 3, "list should chain 3 indirection pages");
    }

    @Test
    void compactPlacement_sourcesPackedTogether_verified() throws Exception {
        KexecImage image = TestImages.image(machine(), TestImages.spread(3, 20));
        assertVerified(run(image, LoadOptions.defaults().withPlacement(Placement.COMPACT), options()));
    }

    /**
     * Whether the architecture's machine may have its RAM, and so its own area, above 0 (a board
     * whose RAM starts at 1 GiB); false where RAM always starts at 0 and the machine refuses
     * another base.
     */
    protected boolean machineAtRamBase() {
        return true;
    }

    @Test
    void machineAtRamBase_segmentsAboveIt_verifiedWithDataStackAndProbeRecordThere() throws Exception {
        StandardMachine board = StandardMachine.at(RAM_BASE);
        KexecImage image = TestImages.image(machine(), TestImages.spread(3, 4, RAM_BASE), board);
        if (!machineAtRamBase()) {
            assertThrows(IllegalArgumentException.class, () -> run(image));
            return;
        }
        KexecOutcome o = run(image);
        assertVerified(o);
        assertEquals(12, o.pagesCopied());
        assertTrue(LoadedImage.load(image).mappedWindows().stream().allMatch(w -> w.start() >= RAM_BASE),
                "a window below the RAM base");
    }

    @Test
    void crashImage_headIsDone_onlyTheJumpRuns() throws Exception {
        KexecImage image = TestImages.crashImage(machine(), TestImages.spread(2, 4), 0x1000000, 0x1000000);
        KexecOutcome o = run(image);
        assertVerified(o);
        assertEquals(0, o.pagesCopied());
        assertEquals(IndirectionList.IND_DONE, LoadedImage.load(image).head());
    }

    @Test
    void corruptedSourceEntry_unmappedPage_faultNamesPcSourceLineAndAddress() throws Exception {
        KexecImage image = TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 8192, 8192)));
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        long bad = 0xF0000000L;
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options(), engine())) {
            IndirectionList list = loaded.list();
            int sourceEntry = loaded.sourceEntry(0, 0);
            writeWord(run, list.entryAddress(sourceEntry), bad | IndirectionList.IND_SOURCE);
            KexecOutcome o = run.execute();
            assertFalse(o.verified());
            assertEquals(StopReason.MEMORY_FAULT, o.relocation().reason(), o.relocation().toString());
            assertEquals(bad, o.relocation().faultAddress() & ~0xfffL);
            String why = o.failure();
            assertTrue(why.contains(machine().stubName() + ":"), why);
            assertTrue(why.contains("0xf0000000"), why);
            assertEquals(exactFaultPc(loaded, sourceEntry, bad), o.relocation().pc(),
                    "the fault must name the faulting instruction, not its basic block: " + why);
        }
    }

    /** The same corrupted run driven with per-instruction counting, which the engine reports exactly. */
    private long exactFaultPc(LoadedImage loaded, int sourceEntry, long bad) {
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options(), engine())) {
            writeWord(run, loaded.list().entryAddress(sourceEntry), bad | IndirectionList.IND_SOURCE);
            org.kexeclab.engine.RunResult r = run.cpu().run(run.launch().begin(), loaded.image().entry(),
                    org.kexeclab.engine.RunLimits.NONE.counted());
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.toString());
            return r.pc();
        }
    }

    @Test
    void listLoopingOnItself_neverDone_endsAsBudgetExhausted() throws Exception {
        KexecImage image = TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 4096, 4096)));
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withInstructionBudget(200_000), engine())) {
            IndirectionList list = loaded.list();
            long firstPage = list.pageAddress(0);
            writeWord(run, list.entryAddress(0), firstPage | IndirectionList.IND_INDIRECTION);
            KexecOutcome o = run.execute();
            assertFalse(o.verified());
            assertEquals(StopReason.BUDGET_EXHAUSTED, o.relocation().reason(), o.relocation().toString());
            assertTrue(o.failure().contains("its instruction budget of 200,000 ended the run after "
                    + String.format(java.util.Locale.ROOT, "%,d", o.instructions()) + " instructions"), o.failure());
            assertTrue(o.instructions() >= 200_000, o.failure());
            assertTrue(o.failure().endsWith("; a larger --budget may let it finish, unless its list never reaches "
                    + "IND_DONE"), o.failure());
        }
    }

    @Test
    void counted_smallImage_equalsEveryInstructionSteppedByACodeHook() throws Exception {
        KexecImage image = TestImages.image(machine(), TestImages.spread(2, 3));
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        KexecOutcome counted;
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(true), engine())) {
            counted = run.execute();
        }
        assertVerified(counted);
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(false), engine())) {
            SteppedCount stepped = new SteppedCount(machine().repeatedInstructions(run.launch().stub()),
                    run.launch().stub().symbol("kexec_copy_page"), image.entry());
            try (HookHandle h = run.cpu().onCode(stepped::step, 0, -1L)) {
                assertVerified(run.execute());
            }
            assertEquals(stepped.instructions(), counted.instructions(), "instructions counted vs stepped");
            assertEquals(stepped.pages, counted.pagesCopied(), "pages counted vs stepped");
        }
    }

    @Test
    void counted_onePage_equalsEveryInstructionSteppedByACodeHook() throws Exception {
        assertCountedEqualsStepped(TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 4096, 4096))),
                null);
    }

    /** The second page's source is unmapped: the run faults in its copy loop after the first page's loops. */
    @Test
    void counted_faultInTheSecondPagesCopy_equalsSteppedAndNamesTheInstruction() throws Exception {
        KexecImage image = TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 8192, 8192)));
        long bad = 0xF0000000L;
        RunResult[] results = assertCountedEqualsStepped(image, (loaded, run) -> writeWord(run,
                loaded.list().entryAddress(loaded.sourceEntry(0, 1)), bad | IndirectionList.IND_SOURCE));
        assertEquals(StopReason.MEMORY_FAULT, results[0].reason(), results[0].toString());
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        Stub stub = machine().assembleStub(loaded.controlPage());
        if (machine().repeatedInstructions(stub).isEmpty()) {
            // With repeated string instructions the block counter still names the faulting block here.
            assertEquals(exactFaultPc(loaded, loaded.sourceEntry(0, 1), bad), results[0].pc(),
                    "the fault must name the faulting instruction");
        }
    }

    /**
     * A budget of half the instructions a one-page run takes ends inside the copy: the counted run
     * stops after exactly that many (an engine without repeated instructions counts each one as
     * one), where a plain run with the same budget stops.
     */
    @Test
    void counted_budgetEndingInsideTheCopy_stopsAfterExactlyTheBudgetWhereAPlainRunStops() throws Exception {
        KexecImage image = TestImages.image(machine(), List.of(new TestImages.Seg(0x1000000, 4096, 4096)));
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        long budget;
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(true), engine())) {
            org.junit.jupiter.api.Assumptions.assumeTrue(machine().repeatedInstructions(run.launch().stub()).isEmpty(),
                    "a repeated instruction counts its iterations, which a plain budget counts differently");
            budget = run.execute().instructions() / 2;
        }
        KexecOutcome counted;
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(true)
                .withInstructionBudget(budget), engine())) {
            counted = run.execute();
        }
        assertEquals(StopReason.BUDGET_EXHAUSTED, counted.relocation().reason(), counted.relocation().toString());
        assertEquals(budget, counted.instructions());
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options(), engine())) {
            RunResult plain = run.cpu().run(run.launch().begin(), image.entry(), RunLimits.budget(budget));
            assertEquals(StopReason.BUDGET_EXHAUSTED, plain.reason(), plain.toString());
            assertEquals(plain.pc(), counted.relocation().pc(), "pc after the budget, counted vs plain");
        }
    }

    /** The demo image's counts on this engine are the Java engine's, which counts natively. */
    @Test
    void counted_demoImage_equalsTheJavaEnginesCount() throws Exception {
        KexecImage image = DemoImage.build(machine(), false);
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        KexecOutcome[] outcomes = new KexecOutcome[2];
        CpuEngine[] engines = {engine(), Engines.java()};
        for (int k = 0; k < 2; k++) {
            try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(true), engines[k])) {
                outcomes[k] = run.execute();
            }
            assertVerified(outcomes[k]);
        }
        assertEquals(outcomes[1].instructions(), outcomes[0].instructions(), "instructions, this engine vs java");
        assertEquals(outcomes[1].pagesCopied(), outcomes[0].pagesCopied(), "pages, this engine vs java");
    }

    /**
     * Runs {@code image} counted and then uncounted under a code hook on every instruction, each
     * after {@code corrupt} (if any) changed the prepared machine, and compares instructions and
     * pages. Returns the two stub runs' results, counted first.
     */
    private RunResult[] assertCountedEqualsStepped(KexecImage image,
            java.util.function.BiConsumer<LoadedImage, KexecRun> corrupt) throws KexecLoadException {
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        KexecOutcome counted;
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(true), engine())) {
            if (corrupt != null) {
                corrupt.accept(loaded, run);
            }
            counted = run.execute();
        }
        try (KexecRun run = KexecRun.prepare(machine(), loaded, options().withCounting(false), engine())) {
            if (corrupt != null) {
                corrupt.accept(loaded, run);
            }
            SteppedCount stepped = new SteppedCount(machine().repeatedInstructions(run.launch().stub()),
                    run.launch().stub().symbol("kexec_copy_page"), image.entry());
            KexecOutcome plain;
            try (HookHandle h = run.cpu().onCode(stepped::step, 0, -1L)) {
                plain = run.execute();
            }
            if (corrupt == null) {
                assertVerified(counted);
                assertVerified(plain);
            }
            assertEquals(stepped.instructions(), counted.instructions(), "instructions counted vs stepped");
            assertEquals(stepped.pages, counted.pagesCopied(), "pages counted vs stepped");
            return new RunResult[] {counted.relocation(), plain.relocation()};
        }
    }

    /** Without the probe the stub's run is the CPU's last, whose bulk instructions the Java engine reports. */
    @Test
    void counted_javaEngine_loopIdiomsStayOn() throws Exception {
        KexecImage image = DemoImage.build(machine(), false);
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine().controlPages()));
        long[] bulk = new long[2];
        for (int counting = 0; counting < 2; counting++) {
            KexecOptions o = options().withCounting(counting == 1).withProbe(false);
            try (KexecRun run = KexecRun.prepare(machine(), loaded, o, Engines.java())) {
                KexecOutcome outcome = run.execute();
                assertTrue(outcome.verified(), () -> "not verified: " + outcome.failures());
                bulk[counting] = ((InterpCpu) run.cpu()).idiomInstructions();
            }
        }
        assertEquals(bulk[0], bulk[1], "instructions run by loop idioms, uncounted vs counted");
    }

    /**
     * Counts a run the slow way, one code-hook call per instruction. A repeated string
     * instruction counts its iterations once per arrival: Unicorn calls the hook once per
     * iteration, the Java engine once per instruction, so only arrivals (a call at its address
     * after a call elsewhere) are counted and multiplied. Counting ends at the entry point,
     * where the entry probe takes over.
     */
    private static final class SteppedCount {
        private final java.util.Map<Long, Long> iterations = new java.util.HashMap<>();
        private final long copyPage;
        private final long entry;
        private long plain;
        private long repeated;
        private long last = -1;
        /** The stub reached the entry: what runs next is the entry probe, not the stub. */
        private boolean arrived;
        long pages;

        SteppedCount(List<RepeatedInstruction> rep, long copyPage, long entry) {
            rep.forEach(r -> iterations.put(r.address(), r.iterations()));
            this.copyPage = copyPage;
            this.entry = entry;
        }

        void step(long address, int size) {
            arrived |= address == entry;
            if (arrived) {
                return;
            }
            Long n = iterations.get(address);
            if (n == null) {
                plain++;
            } else if (address != last) {
                repeated += n;
            }
            pages += address == copyPage ? 1 : 0;
            last = address;
        }

        long instructions() {
            return plain + repeated;
        }
    }

    private void writeWord(KexecRun run, long address, long value) {
        int w = machine().arch().wordSize();
        ByteBuffer b = ByteBuffer.allocate(w).order(machine().arch().byteOrder());
        if (w == 8) {
            b.putLong(value);
        } else {
            b.putInt((int) value);
        }
        run.cpu().write(address, b.array());
    }
}
