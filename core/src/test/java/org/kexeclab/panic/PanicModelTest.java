package org.kexeclab.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ordering rules of {@code panic()} and {@code __crash_kexec}, on a crash kernel that needs no emulator. */
class PanicModelTest {
    private final FakeCrashKernel kernel = FakeCrashKernel.reaching();

    private PanicTimeline run(PanicConfig.Builder b) throws PanicConfigException {
        return new PanicModel(b.build(), kernel).run();
    }

    private static PanicConfig.Builder withNotifiers(String... specs) throws PanicConfigException {
        PanicConfig.Builder b = PanicConfig.builder();
        for (String s : specs) {
            b.notifier(PanicNotifier.parse(s));
        }
        return b;
    }

    @Test
    void defaultParameter_crashKexecBeforeNotifiers_notifiersAndKmsgDumpNeverRun() throws Exception {
        PanicTimeline t = run(withNotifiers("a:0:ok"));
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED, t.end());
        assertTrue(t.numberOf("dump_stack") < t.numberOf("__crash_kexec"));
        assertEquals(-1, t.numberOf("atomic_notifier_call_chain"));
        assertEquals(-1, t.numberOf("kmsg_dump"));
        assertEquals(-1, t.numberOf("smp_send_stop"));
        assertEquals(1, kernel.calls);
        assertTrue(t.crashKernelVerified());
    }

    @Test
    void postNotifiers_crashKexecAfterNotifiersAndKmsgDump() throws Exception {
        PanicTimeline t = run(withNotifiers("a:0:ok").postNotifiers(true));
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED, t.end());
        int chain = t.numberOf("atomic_notifier_call_chain");
        int notifier = t.numberOf("panic notifier");
        int dump = t.numberOf("kmsg_dump");
        int crash = t.numberOf("__crash_kexec");
        assertTrue(t.numberOf("crash_smp_send_stop") < chain, t.events().toString());
        assertTrue(chain < notifier && notifier < dump && dump < crash, t.events().toString());
        assertEquals(1, t.all("__crash_kexec").size());
    }

    @Test
    void postNotifiers_crashSmpSendStop_savesEveryOtherCpusRegistersOnce() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().cpus(4).panicCpu(2).postNotifiers(true));
        List<TimelineEvent> stops = t.all("crash_smp_send_stop").subList(1, 4);
        assertEquals(List.of(0, 1, 3), stops.stream().map(TimelineEvent::cpu).toList());
        stops.forEach(e -> assertTrue(e.detail().contains("registers in its crash note"), e.detail()));
        List<TimelineEvent> shutdown = t.all("machine_crash_shutdown");
        assertTrue(shutdown.stream().anyMatch(e -> e.detail().contains("already stopped")), shutdown.toString());
        assertTrue(shutdown.stream().allMatch(e -> e.cpu() == 2), "no CPU is stopped twice: " + shutdown);
    }

    @Test
    void defaultParameter_machineCrashShutdownStopsOthersSavingRegisters() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().cpus(3));
        List<TimelineEvent> stopped = t.all("machine_crash_shutdown").stream().filter(e -> e.cpu() != 0).toList();
        assertEquals(List.of(1, 2), stopped.stream().map(TimelineEvent::cpu).toList());
        stopped.forEach(e -> assertTrue(e.detail().contains("saved its registers"), e.detail()));
        assertTrue(t.numberOf("machine_crash_shutdown") < t.numberOf("machine_kexec"));
    }

    @Test
    void defaultParameterNoCrashImage_plainSmpSendStop_registersNotSaved() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().cpus(3).crashImageLoaded(false));
        List<TimelineEvent> stops = t.all("smp_send_stop").subList(1, 3);
        assertEquals(List.of(1, 2), stops.stream().map(TimelineEvent::cpu).toList());
        stops.forEach(e -> assertTrue(e.detail().contains("NOT saved"), e.detail()));
        assertEquals(-1, t.numberOf("crash_smp_send_stop"));
    }

    @Test
    void failingNotifier_chainGoesOnToTheNextAndToKmsgDump() throws Exception {
        PanicTimeline t = run(withNotifiers("first:10:fail", "second:5:ok").postNotifiers(true));
        List<TimelineEvent> called = t.all("panic notifier");
        assertEquals(2, called.size());
        assertTrue(called.get(0).detail().contains("first") && called.get(0).detail().contains("FAILED"));
        assertTrue(called.get(1).detail().contains("second"));
        assertTrue(t.numberOf("kmsg_dump") > called.get(1).number());
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED, t.end());
    }

    @Test
    void stopNotifier_lowerPrioritiesNotCalled_panicGoesOn() throws Exception {
        PanicTimeline t = run(withNotifiers("low:1:ok", "stopper:5:stop").postNotifiers(true));
        List<TimelineEvent> called = t.all("panic notifier");
        assertEquals(1, called.size(), called.toString());
        assertTrue(called.get(0).detail().contains("NOTIFY_STOP"));
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED, t.end());
    }

    @Test
    void hangingNotifierWithPostNotifiers_kdumpNeverStarts() throws Exception {
        PanicTimeline t = run(withNotifiers("stuck:0:hang", "later:-1:ok").postNotifiers(true).notifierBudgetMillis(500));
        assertEquals(PanicEnd.NOTIFIER_HUNG, t.end());
        assertEquals(0, kernel.calls);
        assertEquals(-1, t.numberOf("__crash_kexec"));
        assertEquals(-1, t.numberOf("kmsg_dump"));
        assertEquals(1, t.all("panic notifier").size());
        assertNull(t.crashEntry());
        assertTrue(t.summary().contains("kdump never starts") && t.summary().contains("500 ms"), t.summary());
    }

    @Test
    void hangingNotifierWithDefaultParameter_crashKernelAlreadyEntered() throws Exception {
        PanicTimeline t = run(withNotifiers("stuck:0:hang"));
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED, t.end());
        assertEquals(-1, t.numberOf("panic notifier"));
    }

    @Test
    void noCrashImageDefaultParameter_notRetriedAfterNotifiers_spinsWithTimeoutZero() throws Exception {
        PanicTimeline t = run(withNotifiers("a:0:ok").crashImageLoaded(false));
        assertEquals(PanicEnd.SPIN_FOREVER, t.end());
        List<TimelineEvent> crash = t.all("__crash_kexec");
        assertEquals(2, crash.size());
        assertTrue(crash.get(1).detail().startsWith("not called again"), crash.get(1).detail());
        assertTrue(crash.get(1).number() > t.numberOf("kmsg_dump"));
        assertEquals(1, t.all("kexec_trylock").size());
        assertEquals(0, kernel.calls);
        assertTrue(t.summary().contains("no crash image"), t.summary());
    }

    @Test
    void noCrashImagePostNotifiers_panicTimeout_emergencyRestart() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().crashImageLoaded(false).postNotifiers(true).panicTimeoutSeconds(10));
        assertEquals(PanicEnd.EMERGENCY_RESTART, t.end());
        assertTrue(t.numberOf("__crash_kexec") < t.numberOf("panic_timeout"));
        assertTrue(t.numberOf("panic_timeout") < t.numberOf("emergency_restart"));
        assertTrue(t.all("panic_timeout").get(0).detail().contains("10 seconds"));
    }

    @Test
    void kexecLockHeld_bothParameters_crashKexecReturnsAndPanicGoesOnToRestart() throws Exception {
        for (boolean post : new boolean[] {false, true}) {
            FakeCrashKernel k = FakeCrashKernel.reaching();
            PanicTimeline t = new PanicModel(PanicConfig.builder().kexecLockHeld(true).postNotifiers(post)
                    .panicTimeoutSeconds(-1).build(), k).run();
            assertEquals(PanicEnd.EMERGENCY_RESTART, t.end(), "post=" + post);
            assertEquals(0, k.calls);
            assertEquals(-1, t.numberOf("kexec_crash_image"));
            assertTrue(t.all("kexec_trylock").get(0).detail().startsWith("fails"));
            assertTrue(t.summary().contains("kexec lock"), t.summary());
        }
    }

    @Test
    void concurrentPanic_secondCpuStopsItself_thenReachedByTheCrashStop() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().cpus(2).panicCpu(0).concurrentPanicCpu(1));
        List<TimelineEvent> claims = t.all("panic_cpu");
        assertEquals(List.of(0, 1), claims.stream().map(TimelineEvent::cpu).toList());
        assertTrue(claims.get(1).detail().contains("panic_smp_self_stop"));
        TimelineEvent reached = t.all("machine_crash_shutdown").stream().filter(e -> e.cpu() == 1).findFirst().orElseThrow();
        assertTrue(reached.detail().contains("panic_smp_self_stop"), reached.detail());
        assertEquals(PanicEnd.CRASH_KERNEL_ENTERED, t.end());
    }

    @Test
    void concurrentPanicWithoutCrashImage_selfStoppedCpuStaysThere_noRegistersSaved() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().cpus(3).concurrentPanicCpu(2).crashImageLoaded(false));
        TimelineEvent two = t.all("smp_send_stop").stream().filter(e -> e.cpu() == 2).findFirst().orElseThrow();
        assertTrue(two.detail().startsWith("already spinning in panic_smp_self_stop"), two.detail());
        assertTrue(two.detail().endsWith("NOT saved"), two.detail());
    }

    @Test
    void singleCpu_nothingToStop() throws Exception {
        PanicTimeline t = run(PanicConfig.builder().cpus(1).postNotifiers(true));
        assertTrue(t.all("crash_smp_send_stop").get(1).detail().contains("no other CPU"));
    }

    @Test
    void crashKernelUnreachable_endsNotReachedWithTheReason() throws Exception {
        PanicTimeline t = new PanicModel(PanicConfig.builder().build(), FakeCrashKernel.unreachable()).run();
        assertEquals(PanicEnd.CRASH_KERNEL_NOT_REACHED, t.end());
        assertTrue(t.summary().contains("engine cannot run"), t.summary());
        assertTrue(!t.crashKernelVerified());
    }

    @Test
    void sameScenarioTwice_identicalTimelines() throws Exception {
        PanicConfig.Builder b = withNotifiers("a:3:ok", "b:3:fail", "c:9:ok").postNotifiers(true).cpus(8);
        assertEquals(run(b).events(), new PanicModel(b.build(), FakeCrashKernel.reaching()).run().events());
    }

    @Test
    void timeline_numbersAreConsecutiveFromOne() throws Exception {
        PanicTimeline t = run(withNotifiers("a:0:ok").postNotifiers(true));
        for (int i = 0; i < t.events().size(); i++) {
            assertEquals(i + 1, t.events().get(i).number());
        }
        assertEquals(t.events().size(), ((List<?>) t.asMap().get("events")).size());
        assertEquals("CRASH_KERNEL_ENTERED", t.asMap().get("end"));
    }
}
