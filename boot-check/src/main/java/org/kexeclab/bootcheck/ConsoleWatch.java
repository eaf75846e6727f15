package org.kexeclab.bootcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches a serial console for the kernel's banner, {@code Linux version ...}, and ends at the
 * first of: the banner line complete (its newline read, so the whole line is reported), a
 * failure marker, the end of the console (QEMU exited) or the timeout. A reader thread copies
 * the console into memory; the watch itself never blocks longer than the time left.
 */
final class ConsoleWatch {
    /** The banner: {@code linux_banner}, the first line {@code start_kernel} prints. */
    static final Pattern BANNER = Pattern.compile("Linux version [^\r\n]*");

    private final Object lock = new Object();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private boolean ended;

    private ConsoleWatch() {
    }

    /**
     * Watches {@code process}'s console for up to {@code timeout} from its start.
     *
     * @param markers console text that ends the watch as a failure (checked before the banner)
     */
    static BootVerdict watch(QemuProcess process, Duration timeout, List<String> markers) throws InterruptedException {
        ConsoleWatch w = new ConsoleWatch();
        Thread reader = new Thread(() -> w.copy(process.console()), "kexec-lab: QEMU console");
        reader.setDaemon(true);
        reader.start();
        long deadline = process.startNanos() + timeout.toNanos();
        synchronized (w.lock) {
            while (true) {
                String text = w.text();
                String marker = firstMarker(text, markers);
                Matcher m = BANNER.matcher(text);
                boolean banner = marker == null && m.find() && m.end() < text.length();
                long now = System.nanoTime();
                double seconds = (now - process.startNanos()) / 1e9;
                if (marker != null) {
                    return w.verdict(BootVerdict.End.FAILURE_MARKER, null, seconds, marker, -1, process);
                }
                if (banner) {
                    return w.verdict(BootVerdict.End.BOOTED, m.group().strip(), seconds, null, -1, process);
                }
                if (w.ended) {
                    int status = process.awaitExit(QemuProcess.GRACE_MILLIS);
                    return w.verdict(BootVerdict.End.EXITED, null, seconds, null, status, process);
                }
                if (now >= deadline) {
                    return w.verdict(BootVerdict.End.TIMEOUT, null, seconds, null, -1, process);
                }
                w.lock.wait(Math.max(1, (deadline - now) / 1_000_000));
            }
        }
    }

    private BootVerdict verdict(BootVerdict.End end, String banner, double seconds, String marker, int status,
                                QemuProcess process) {
        String text = text();
        return new BootVerdict(end, firstLine(text), banner, seconds, marker, status, console.toByteArray(),
                process.stderr());
    }

    /** The first line of {@code text} with something printable in it, stripped; null if none. */
    static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            String clean = line.replaceAll("\\p{Cntrl}", "").strip();
            if (!clean.isEmpty()) {
                return clean;
            }
        }
        return null;
    }

    private static String firstMarker(String text, List<String> markers) {
        for (String marker : markers) {
            if (text.contains(marker)) {
                return marker;
            }
        }
        return null;
    }

    private String text() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    private void copy(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (lock) {
                    console.write(buf, 0, n);
                    lock.notifyAll();
                }
            }
        } catch (IOException closed) {
            // QEMU was stopped: the console ends here
        } finally {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }
    }
}
