package org.kexeclab.engine;

/** Called when a translated basic block in the hooked range starts ({@link Cpu#onBlock}). */
@FunctionalInterface
public interface BlockHook {
    /** The basic block at {@code address}, {@code size} bytes long, is about to execute. */
    void block(long address, int size);
}
