package org.kexeclab.vmlinux;

/**
 * A kernel whose code or symbols cannot be read as expected: no kallsyms table in its
 * bytes, a symbol that is missing, or relocation code whose shape is not the one the
 * locator knows. The message is one sentence naming what does not match.
 */
public final class VmlinuxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence a user can act on */
    public VmlinuxException(String message) {
        super(message);
    }
}
