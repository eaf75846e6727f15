package org.kexeclab.engine;

/**
 * Guest memory permissions for {@link Cpu#map}, {@link Cpu#protect}, as {@code int} bit flags
 * ({@code Perm.READ | Perm.WRITE}). {@link #READ} and {@link #WRITE} also select the accesses
 * a {@link Cpu#onMemory memory hook} watches.
 */
public final class Perm {
    /** No access at all. */
    public static final int NONE = 0;
    /** Loads are allowed. */
    public static final int READ = 1;
    /** Stores are allowed. */
    public static final int WRITE = 2;
    /** Instruction fetch is allowed. */
    public static final int EXEC = 4;
    /** Read, write and execute. */
    public static final int ALL = READ | WRITE | EXEC;

    private Perm() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code perms} only holds {@link #ALL} bits. */
    public static int check(int perms) {
        if ((perms & ~ALL) != 0) {
            throw new IllegalArgumentException(String.format(
                    "permissions 0x%x hold bits other than Perm.READ|WRITE|EXEC", perms));
        }
        return perms;
    }

    /** {@code "rwx"}-style text, {@code '-'} for a missing permission. */
    public static String toString(int perms) {
        return ((perms & READ) != 0 ? "r" : "-") + ((perms & WRITE) != 0 ? "w" : "-")
                + ((perms & EXEC) != 0 ? "x" : "-");
    }
}
