package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogException;
import org.kexeclab.loader.log.KexecLogParser;

/**
 * Runs Debian's kexec-tools on a fake machine ({@link KexecToolsRoot}) through the repository's
 * {@code scripts/kexec-tools-plan} and parses the plan it prints: the check of kexec-lab's
 * planners against kexec-tools itself. A test that calls {@link #plan} is skipped, with the
 * script's one sentence, when kexec-tools, qemu-user or user namespaces are not to be had here.
 */
public final class KexecTools {
    /** The script's exit status for "cannot run here". */
    static final int CANNOT_RUN = 3;

    /**
     * What one run printed.
     *
     * @param output kexec's output as the script passes it on
     * @param log    the plan parsed from it
     */
    public record Plan(String output, KexecLog log) {
    }

    private KexecTools() {
    }

    /** The script, found from the module's directory (tests run in their module). */
    public static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/kexec-tools-plan"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/kexec-tools-plan not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("scripts/kexec-tools-plan");
    }

    /** True if the fetched kexec-tools for {@code arch} (x86_64, arm64, ppc64le) is there. */
    public static boolean fetched(String arch) {
        String folder = switch (arch) {
            case "x86_64" -> "kexec-tools";
            case "arm64" -> "kexec-tools-arm64";
            default -> "kexec-tools-ppc64el";
        };
        return RealKernels.dir().map(d -> Files.isExecutable(d.resolve(folder).resolve("sbin/kexec"))
                || Files.isExecutable(d.resolve(folder).resolve("usr/sbin/kexec"))).orElse(false);
    }

    /**
     * Runs {@code kexec -d ARGS} for {@code arch} on {@code root}; skips the calling test when it
     * cannot run here.
     *
     * @throws AssertionError if kexec-tools printed no plan (its output in the message)
     */
    public static Plan plan(String arch, Path root, List<String> args) {
        assumeTrue(fetched(arch), "no kexec-tools for " + arch + " fetched (scripts/fetch-kernels)");
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString(), "--arch", arch, root.toString(), "--"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kexec-tools-plan did not finish in 120 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            assumeTrue(p.exitValue() != CANNOT_RUN, text.strip());
            if (p.exitValue() != 0) {
                throw new AssertionError("kexec-tools printed no plan (exit " + p.exitValue() + "):\n" + text);
            }
            return new Plan(text, KexecLogParser.parse(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (KexecLogException e) {
            throw new AssertionError("kexec-tools' output does not parse: " + e.getMessage(), e);
        }
    }
}
