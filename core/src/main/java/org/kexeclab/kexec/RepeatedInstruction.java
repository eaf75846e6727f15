package org.kexeclab.kexec;

/**
 * An instruction of a relocation stub that executes several times each time it is reached (a
 * string instruction with a repeat prefix), as its {@link MachineKexec} knows from the stub: an
 * instruction count counts it {@code iterations} times.
 *
 * @param address    the instruction's address in the assembled stub
 * @param iterations how many times it executes each time it is reached (at least 1)
 */
public record RepeatedInstruction(long address, long iterations) {
    /** Requires at least one iteration. */
    public RepeatedInstruction {
        if (iterations < 1) {
            throw new IllegalArgumentException("an instruction runs at least once, not " + iterations + " times");
        }
    }
}
