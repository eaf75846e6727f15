package org.kexeclab.cli;

/** Lets tests outside this package (the fuzzers) make every run draw its progress bar from the first page. */
public final class ProgressBars {
    private ProgressBars() {
    }

    /** Shows the bar from the first page until the returned handle is closed. */
    public static AutoCloseable shownAtOnce() {
        long saved = ProgressBar.showAfterNanos;
        ProgressBar.showAfterNanos = 0;
        return () -> ProgressBar.showAfterNanos = saved;
    }
}
