package org.kexeclab.cli;

/** {@link KexecLab#main} with the progress bar shown from the first page, for tests that run the tool as a process. */
final class ProgressBarMain {
    private ProgressBarMain() {
    }

    public static void main(String[] args) {
        ProgressBar.showAfterNanos = 0;
        KexecLab.main(args);
    }
}
