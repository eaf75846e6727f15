package org.kexeclab.bootcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console watch and process control, on a shell standing in for QEMU's serial output. */
class ConsoleWatchTest {
    @TempDir
    Path dir;

    private BootVerdict watch(String script, Duration timeout, List<String> markers) throws Exception {
        try (QemuProcess q = QemuProcess.start(List.of("sh", "-c", script), dir)) {
            BootVerdict v = ConsoleWatch.watch(q, timeout, markers);
            q.close();
            assertFalse(q.alive(), "the process outlived the watch");
            return v;
        }
    }

    @Test
    void watch_bannerLineComplete_bootedWithWholeLineAndFirstLine() throws Exception {
        BootVerdict v = watch("printf 'Booting CPU 0\\r\\nLinux version 6.1.0-57 (gcc) #1\\r\\n'; exec sleep 30",
                Duration.ofSeconds(20), List.of());
        assertTrue(v.booted(), v.sentence());
        assertEquals("Linux version 6.1.0-57 (gcc) #1", v.banner());
        assertEquals("Booting CPU 0", v.firstLine());
        assertTrue(v.seconds() < 20, "ended at the banner, not the timeout");
        assertTrue(v.sentence().startsWith("booted: Linux version 6.1.0-57 (gcc) #1 printed after "), v.sentence());
    }

    @Test
    void watch_bannerWithoutNewline_waitsForTheLineThenTimesOut() throws Exception {
        BootVerdict v = watch("printf 'Linux version 6.1'; exec sleep 30", Duration.ofMillis(1500), List.of());
        assertEquals(BootVerdict.End.TIMEOUT, v.end());
        assertNull(v.banner());
    }

    @Test
    void watch_silentConsole_timeoutSaysSilent() throws Exception {
        BootVerdict v = watch("exec sleep 30", Duration.ofMillis(800), List.of());
        assertEquals(BootVerdict.End.TIMEOUT, v.end());
        assertTrue(v.sentence().contains("the console stayed silent"), v.sentence());
    }

    @Test
    void watch_processExitsWithoutBanner_exitedWithStatusAndStderr() throws Exception {
        BootVerdict v = watch("echo 'refused: overlapping ROM' >&2; printf 'hello\\n'; exit 3", Duration.ofSeconds(20),
                List.of());
        assertEquals(BootVerdict.End.EXITED, v.end());
        assertEquals(3, v.exitCode());
        assertEquals("refused: overlapping ROM", v.firstStderrLine());
        assertEquals("hello", v.firstLine());
    }

    @Test
    void watch_failureMarkerBeforeBanner_failsAtOnce() throws Exception {
        BootVerdict v = watch("printf 'XZ-compressed data is corrupt -- System halted'; exec sleep 30",
                Duration.ofSeconds(20), List.of("System halted"));
        assertEquals(BootVerdict.End.FAILURE_MARKER, v.end());
        assertTrue(v.seconds() < 20);
        assertFalse(v.booted());
    }
}
