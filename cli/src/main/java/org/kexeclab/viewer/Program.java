package org.kexeclab.viewer;

import org.kexeclab.asm.Stub;

/**
 * One of the programs a kexec runs, with its assembled form (listing and source): the
 * relocation stub in the control page, the purgatory a real kernel's load adds, and the entry
 * probe at the new kernel's entry point.
 *
 * @param role what the program is, in kexec's words ({@link #STUB}, {@link #PURGATORY}, {@link #PROBE})
 * @param stub the program as assembled where it runs
 */
public record Program(String role, Stub stub) {
    /** The relocation stub. */
    public static final String STUB = "relocation stub";
    /** The purgatory between the stub and a real kernel. */
    public static final String PURGATORY = "purgatory";
    /** The entry probe the built-in images carry at their entry point. */
    public static final String PROBE = "entry probe";

    /** The source file the program's listing names (its first listed statement's). */
    public String file() {
        return stub.listing().size() > 0 ? stub.listing().location(0).file() : role;
    }
}
