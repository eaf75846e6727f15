package org.kexeclab.bootcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One QEMU process, started directly (no shell) with its standard input closed, its standard
 * error kept in a file, and its standard output (the serial console) read by the caller. It is
 * never left running: {@link #close()} ends it (SIGTERM, then SIGKILL after
 * {@link #GRACE_MILLIS}) with any process it started, and a shutdown hook does the same if the
 * JVM exits while it runs.
 */
final class QemuProcess implements AutoCloseable {
    /** How long QEMU gets to exit after SIGTERM before it is killed. */
    static final long GRACE_MILLIS = 2000;

    private final Process process;
    private final Path stderrFile;
    private final long startNanos;
    private final Thread hook;

    private QemuProcess(Process process, Path stderrFile, long startNanos, Thread hook) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.startNanos = startNanos;
        this.hook = hook;
    }

    /**
     * Starts {@code argv} in {@code dir}.
     *
     * @throws QemuUnavailableException if the program cannot be started
     */
    static QemuProcess start(List<String> argv, Path dir) throws QemuUnavailableException {
        Path err = dir.resolve("qemu.stderr");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.to(err.toFile()));
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new QemuUnavailableException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        Thread hook = new Thread(() -> kill(p), "kexec-lab: stop QEMU");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            p.getOutputStream().close();
        } catch (IOException | IllegalStateException e) {
            kill(p);
            throw new QemuUnavailableException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        return new QemuProcess(p, err, t0, hook);
    }

    /** The serial console: QEMU's standard output. */
    InputStream console() {
        return process.getInputStream();
    }

    /** When the process was started ({@link System#nanoTime()}). */
    long startNanos() {
        return startNanos;
    }

    /** QEMU's exit status if it has exited, else -1. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Waits up to {@code millis} for QEMU to exit by itself; its exit status, or -1 if it still runs. */
    int awaitExit(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** What QEMU wrote to its standard error so far. */
    String stderr() {
        try {
            return Files.exists(stderrFile) ? Files.readString(stderrFile, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** True while QEMU runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** Ends QEMU (and anything it started) and removes the shutdown hook. */
    @Override
    public void close() {
        kill(process);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it kills the same process
        }
    }

    private static void kill(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        if (p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
