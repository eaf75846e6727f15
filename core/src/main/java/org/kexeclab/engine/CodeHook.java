package org.kexeclab.engine;

/** Called before each instruction in the hooked range executes ({@link Cpu#onCode}). */
@FunctionalInterface
public interface CodeHook {
    /** The instruction at {@code address}, {@code size} bytes long, is about to execute. */
    void instruction(long address, int size);
}
