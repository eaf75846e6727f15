package org.kexeclab.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Whether a standard stream is a terminal, asked of the C library's {@code isatty} (through
 * JNA, already loaded for Unicorn). {@link System#console()} cannot answer for stderr: it looks
 * at stdin and stdout, so {@code run --json 2>file} would still count as a terminal.
 */
final class Terminal {
    /** File descriptor of standard error. */
    static final int STDERR = 2;

    /** The one C function needed. */
    private interface C extends Library {
        int isatty(int fd);
    }

    private Terminal() {
    }

    /** True if file descriptor {@code fd} of this process is a terminal; false if that cannot be asked. */
    static boolean isTerminal(int fd) {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, C.class).isatty(fd) == 1;
        } catch (LinkageError | RuntimeException noCLibrary) {
            return false;
        }
    }
}
