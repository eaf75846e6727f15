package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.TestImages;

/** x86_64-only end-to-end checks: preserve-context swap, the identity-map walk, saved slots, entry registers. */
class X86_64KexecTest {
    private static final X86_64MachineKexec MACHINE = new X86_64MachineKexec();
    private static final long UNMAPPED_BY_CORRUPTION = 0x6000000L;

    private static KexecRun prepare(KexecImage image, KexecOptions options) throws Exception {
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(MACHINE.controlPages()));
        return KexecRun.prepare(MACHINE, loaded, options, Engines.unicorn());
    }

    @Test
    void preserveContext_threeSegments_destinationsRightAndSourcesHoldOldDestinations() throws Exception {
        KexecImage image = TestImages.image(MACHINE, TestImages.spread(3, 20));
        try (KexecRun run = prepare(image, KexecOptions.defaults().withPreserveContext(true))) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> "not verified: " + o.failures());
            assertNotNull(o.swappedSources(), "a swap run must check the source pages");
            assertTrue(o.swappedSources().passed(), o.swappedSources().describe());
            assertEquals(60, o.pagesCopied());
            assertTrue(o.probe().passed(), o.probe().toString());
        }
    }

    @Test
    void identityMap_entryCorruptedAfterPrepare_machineCheckNamesTheAddress() throws Exception {
        try (KexecRun run = prepare(TestImages.image(MACHINE, TestImages.spread(2, 2)), KexecOptions.defaults())) {
            long pd = tableEntry(run, tableEntry(run, X86_64MachineKexec.IDENTITY_TABLES, 0), 0);
            int index = (int) (UNMAPPED_BY_CORRUPTION >>> 21);
            long wrong = (UNMAPPED_BY_CORRUPTION + IdentityPageTables.LARGE_PAGE) | 0x83;
            run.cpu().write(pd + 8L * index, le(wrong));
            KexecOutcome o = run.execute();
            assertFalse(o.verified());
            assertTrue(o.destinations().passed(), "the corrupted page holds no segment");
            assertEquals(1, o.machineFailures().size(), o.machineFailures().toString());
            String why = o.machineFailures().get(0);
            assertTrue(why.contains("0x6000000 maps to 0x6200000"), why);
        }
    }

    /**
     * One more page costs one SOURCE entry's path: 10 instructions of list walk up to
     * kexec_copy_page, 7 of copy routine around the rep, 3 of next_entry, and 512 rep
     * iterations per rep movsq (one in copy mode, three in swap mode, whose routine has 5
     * more instructions than the copy path: 3 moves per extra rep, add instead of mov r8,
     * no jmp).
     */
    @Test
    void instructions_onePageMore_costsTheSourcePathWithEachRepIterationOnce() throws Exception {
        assertEquals(20 + 512, perPage(false));
        assertEquals(25 + 3 * 512, perPage(true));
    }

    private static long perPage(boolean swap) throws Exception {
        long[] counts = new long[2];
        for (int pages = 1; pages <= 2; pages++) {
            KexecImage image = TestImages.image(MACHINE, List.of(new TestImages.Seg(0x1000000, pages * 4096L, pages * 4096L)));
            try (KexecRun run = prepare(image, KexecOptions.defaults().withPreserveContext(swap))) {
                KexecOutcome o = run.execute();
                assertTrue(o.verified(), () -> "not verified: " + o.failures());
                counts[pages - 1] = o.instructions();
            }
        }
        return counts[1] - counts[0];
    }

    @Test
    void savedSlots_overwrittenAfterRun_machineCheckNamesSlotAndOldValue() throws Exception {
        try (KexecRun run = prepare(TestImages.image(MACHINE, TestImages.spread(1, 1)), KexecOptions.defaults())) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> "not verified: " + o.failures());
            long slot = run.launch().stub().symbol("kexec_saved_cr3");
            assertEquals(OldKernelState.CR3, word(run, slot), "the stub saves the old kernel's CR3");
            run.cpu().write(slot, le(0x1234000L));
            List<String> f = MACHINE.checkMachineState(run.loaded(), run.launch(), run.cpu());
            assertEquals(List.of(String.format("the stub saved 0x1234000 in kexec_saved_cr3 at 0x%x, but the old "
                    + "kernel's cr3 was 0x%x", slot, OldKernelState.CR3)), f);
        }
    }

    @Test
    void entryRegisters_demoImage_reportedWithProtocolValues() throws Exception {
        try (KexecRun run = prepare(DemoImage.build(MACHINE, false), KexecOptions.defaults().withProbe(false))) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), () -> "not verified: " + o.failures());
            assertEquals(List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12",
                    "r13", "r14", "r15", "rsp", "rip", "rflags", "cr0", "cr3", "cr4"), List.copyOf(o.entryRegisters().keySet()));
            assertEquals(DemoImage.KERNEL, o.entryRegisters().get("rip"));
            assertEquals(run.launch().controlPage() + 4096, o.entryRegisters().get("rsp"));
            assertEquals(0x2L, o.entryRegisters().get("rflags"));
            assertEquals(X86_64MachineKexec.IDENTITY_TABLES, o.entryRegisters().get("cr3"));
            assertEquals(0L, o.entryRegisters().get("r15"));
            assertEquals(o.pagesToCopy(), o.pagesCopied());
        }
    }

    @Test
    void prepare_crashImage_swapSlotIsNoPageAndRegistersFollowTheCallContract() throws Exception {
        KexecImage image = TestImages.crashImage(MACHINE, TestImages.spread(1, 2), 0x1000000, 0x1000000);
        try (KexecRun run = prepare(image, KexecOptions.defaults().withPreserveContext(true))) {
            long control = run.launch().controlPage();
            assertEquals(-1L, word(run, run.launch().stub().symbol(X86RelocationStub.SLOT_SWAP_PAGE)));
            assertEquals(X86_64MachineKexec.IDENTITY_TABLES,
                    word(run, run.launch().stub().symbol(X86RelocationStub.SLOT_IDENTITY_CR3)));
            assertEquals(run.loaded().head(), run.cpu().readRegister(X86Register.RDI));
            assertEquals(control, run.cpu().readRegister(X86Register.RSI));
            assertEquals(image.entry(), run.cpu().readRegister(X86Register.RDX));
            assertEquals(1L, run.cpu().readRegister(X86Register.RCX));
            assertEquals(control, run.launch().begin());
        }
    }

    private static long tableEntry(KexecRun run, long table, int index) {
        return word(run, table + 8L * index) & 0x000f_ffff_ffff_f000L;
    }

    private static long word(KexecRun run, long address) {
        return ByteBuffer.wrap(run.cpu().read(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
