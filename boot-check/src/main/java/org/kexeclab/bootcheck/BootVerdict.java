package org.kexeclab.bootcheck;

import java.util.List;
import java.util.Locale;

/**
 * How QEMU's run of the handed-over machine ended, from its serial console: the kernel's banner
 * line ({@code Linux version ...}) complete within the timeout, or why not.
 *
 * @param end       how the watch ended
 * @param firstLine the console's first line with text in it, or null if the console stayed silent
 * @param banner    the banner line, or null
 * @param seconds   seconds from starting QEMU to the end of the watch (to the banner's newline when booted)
 * @param marker    the failure marker seen, for {@link End#FAILURE_MARKER}, else null
 * @param exitCode  QEMU's exit status when it exited by itself ({@link End#EXITED}), else -1
 * @param console   every byte QEMU wrote to its serial console; treat as read-only
 * @param stderr    what QEMU wrote to its standard error (warnings, refusals)
 */
public record BootVerdict(End end, String firstLine, String banner, double seconds, String marker, int exitCode,
                          byte[] console, String stderr) {

    /** How the watch of the console ended. */
    public enum End {
        /** The banner line appeared, complete. */
        BOOTED,
        /** The timeout passed without it. */
        TIMEOUT,
        /** The console printed one of the machine's failure markers first. */
        FAILURE_MARKER,
        /** QEMU exited (a triple fault with -no-reboot, a refused option, a power-off) without it. */
        EXITED
    }

    /** True if the banner appeared. */
    public boolean booted() {
        return end == End.BOOTED;
    }

    /**
     * The verdict in one sentence: {@code booted: Linux version ... printed after 0.31 s}, or
     * {@code not booted: ...} saying what happened instead.
     */
    public String sentence() {
        String s = String.format(Locale.ROOT, "%.2f s", seconds);
        return switch (end) {
            case BOOTED -> "booted: " + banner + " printed after " + s;
            case TIMEOUT -> "not booted: no 'Linux version' line on the console within " + s
                    + (firstLine == null ? " (the console stayed silent)" : " (its first line: " + firstLine + ")");
            case FAILURE_MARKER -> "not booted: the console printed '" + marker + "' after " + s;
            case EXITED -> "not booted: QEMU exited with status " + exitCode + " after " + s
                    + " without the banner" + (firstStderrLine() == null ? "" : ": " + firstStderrLine());
        };
    }

    /** The first non-empty line QEMU wrote to standard error, or null. */
    public String firstStderrLine() {
        for (String line : stderr.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }

    /** The command's arguments joined for a report (no quoting needed: paths are the check's own). */
    static String join(List<String> argv) {
        return String.join(" ", argv);
    }
}
