package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.panic.CrashKernelEntry;
import org.kexeclab.panic.EmulatedCrashKernel;
import org.kexeclab.panic.PanicConfig;
import org.kexeclab.panic.PanicEnd;
import org.kexeclab.panic.PanicModel;
import org.kexeclab.panic.PanicTimeline;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.Engines;

/** {@code kexec-lab panic} end to end, and the crash kernel's entry on every runnable architecture. */
class PanicCommandTest {

    static Stream<Arguments> runnableMachines() {
        CpuEngine engine = Engines.unicorn();
        List<MachineKexec> runnable = Arches.supports().stream().map(ArchSupport::machineKexec).filter(m -> engine.probe(m.arch()).supported()).toList();
        assertTrue(runnable.stream().anyMatch(m -> m.arch() == PpcArches.PPC32), "ppc32 must be runnable: " + runnable);
        return runnable.stream().flatMap(m -> Stream.of(Arguments.of(m.arch(), false), Arguments.of(m.arch(), true)));
    }

    @ParameterizedTest(name = "{0} post-notifiers={1}")
    @MethodSource("runnableMachines")
    void crashKernelEntry_everyRunnableArch_headDoneNoCopyAndProtocolRegisters(Arch arch, boolean post) throws Exception {
        MachineKexec machine = Arches.support(arch).machineKexec();
        PanicConfig config = PanicConfig.builder().postNotifiers(post).build();
        PanicTimeline t = new PanicModel(config, EmulatedCrashKernel.demo(machine, Engines.unicorn())).run();
        CrashKernelEntry e = t.crashEntry();
        assertNotNull(e, t.summary());
        assertTrue(t.crashKernelVerified(), arch + ": " + e.failures());
        assertEquals(IndirectionList.IND_DONE, e.head());
        assertEquals(0, e.pagesCopied(), "a crash image needs no copy");
        assertEquals(DemoImage.CRASH_BASE, e.entry());
        for (ExpectedRegister r : expectedAtEntry(machine)) {
            String name = r.register().name().toLowerCase(Locale.ROOT);
            if (e.registers().containsKey(name)) {
                assertEquals(r.value(), (long) e.registers().get(name), arch + " " + name + " (" + r.why() + ")");
            }
        }
        assertTrue(t.summary().startsWith(String.format("crash kernel entered at 0x%x with ", DemoImage.CRASH_BASE)));
    }

    /** The boot protocol's registers for the demo crash image, from the machine itself (no run). */
    private static List<ExpectedRegister> expectedAtEntry(MachineKexec machine) throws KexecLoadException {
        LoadedImage loaded = LoadedImage.load(DemoImage.build(machine, true),
                LoadOptions.defaults().withControlPages(machine.controlPages()));
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), Engines.unicorn())) {
            List<ExpectedRegister> expected = machine.entryProtocol(loaded, run.launch());
            assertFalse(expected.isEmpty(), machine.arch() + " names no entry registers");
            return expected;
        }
    }

    @Test
    void emulatedCrashKernel_defaultImage_refused() throws Exception {
        MachineKexec machine = Arches.support(PpcArches.PPC32).machineKexec();
        LoadedImage plain = LoadedImage.load(DemoImage.build(machine, false),
                LoadOptions.defaults().withControlPages(machine.controlPages()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmulatedCrashKernel(machine, plain, Engines.unicorn(), KexecOptions.defaults()));
        assertTrue(e.getMessage().contains("crash image"), e.getMessage());
    }

    @Test
    void panic_engineThatCannotRunTheArch_exit1CrashKernelNotEnteredWithTheEngineReason() {
        CpuEngine engine = Engines.unicorn();
        MachineKexec notRunnable = Arches.supports().stream().map(ArchSupport::machineKexec).filter(m -> !engine.probe(m.arch()).supported())
                .findFirst().orElse(null);
        assumeTrue(notRunnable != null, "every registered architecture runs on " + engine.name());
        CliRunner.Result r = CliRunner.run("panic", "--arch", notRunnable.arch().name(), "--engine",
                engine.name().split(" ")[0]);
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.out() + r.err());
        String reason = engine.probe(notRunnable.arch()).reason();
        assertTrue(r.out().contains("result: FAILED: the crash kernel was not entered: " + reason), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ppc64", "ppc64le"})
    void panic_withoutEngine_picksAnEngineThatRunsTheArchAndEntersTheCrashKernel(String arch) {
        CliRunner.Result r = CliRunner.run("panic", "--arch", arch);
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("crash kernel entered at 0x4000000 with "), r.out());
        assertTrue(r.out().contains("result: crash kernel entered"), r.out());
    }

    @Test
    void panic_engineJava_entersTheCrashKernel() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "x86_64", "--engine", "java");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("result: crash kernel entered"), r.out());
    }

    @Test
    void panic_unknownEngine_exit2NamingTheKnownEngines() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "x86_64", "--engine", "qemu");
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("unknown engine 'qemu'"), r.err());
    }

    @Test
    void panic_ppc32Default_exit0NumberedTimelineEndingInTheCrashKernel() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--notifier", "pstore:0:ok");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("  1. [cpu 0] local_irq_disable"), r.out());
        assertTrue(r.out().contains("crash kernel entered at 0x4000000 with "), r.out());
        assertTrue(r.out().contains("msr=0x1002"), r.out());
        assertTrue(r.out().contains("not run: the 1 notifier(s) and kmsg_dump"), r.out());
        assertTrue(r.out().contains("run in the OLD, crashing kernel"), r.out());
    }

    @Test
    void panic_hangingNotifierWithPostNotifiers_exit1KdumpNeverStarts() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--post-notifiers", "--notifier", "a:5:ok",
                "--notifier", "stuck:1:hang", "--notifier-budget-ms", "250");
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("result: FAILED: the crash kernel was never entered: notifier stuck hung"), r.out());
        assertTrue(r.out().contains("kdump never starts; bounded here by 250 ms"), r.out());
        assertFalse(r.out().contains("__crash_kexec:"), r.out());
    }

    @Test
    void panic_noCrashImage_exit1WithTheReasonAndTheRestart() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--no-crash-image", "--panic-timeout", "5");
        assertEquals(KexecLab.EXIT_FAILED, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("Rebooting in 5 seconds"), r.out());
        assertTrue(r.out().contains("no crash image was loaded"), r.out());
        assertTrue(r.out().contains("ended in emergency_restart"), r.out());
    }

    @Test
    void panic_json_eventsEndAndCrashKernelRegisters() throws Exception {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--post-notifiers", "--notifier", "x:1:fail",
                "--cpus", "2", "--json");
        assertEquals(0, r.status(), r.err());
        JsonNode n = OutcomeJson.MAPPER.readTree(r.out());
        assertEquals("CRASH_KERNEL_ENTERED", n.get("end").asText());
        assertTrue(n.get("crashKexecPostNotifiers").asBoolean());
        assertEquals(1, n.get("events").get(0).get("number").asInt());
        assertEquals("0x4000000", n.get("crashKernel").get("registers").get("r4").asText());
        assertEquals("0x4", n.get("crashKernel").get("head").asText());
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED.name(), n.get("end").asText());
    }

    @Test
    void panic_malformedNotifier_exit2OneSentence() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--notifier", "pstore:high:ok");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("priority 'high' is not an integer"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void panic_panicCpuOutOfRange_exit2OneSentence() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--cpus", "2", "--panic-on-cpu", "5");
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("use 0 to 1"), r.err());
    }

    @Test
    void panic_duplicateNotifier_exit2() {
        CliRunner.Result r = CliRunner.run("panic", "--arch", "ppc32", "--notifier", "a:1:ok", "--notifier", "a:2:ok");
        assertEquals(KexecLab.EXIT_USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("-EEXIST"), r.err());
    }
}
