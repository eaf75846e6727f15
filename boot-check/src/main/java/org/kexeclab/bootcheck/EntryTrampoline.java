package org.kexeclab.bootcheck;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.asm.StubSource;

/**
 * An architecture's entry trampoline for the boot check: a {@code .S} source the project's
 * assembler builds, which QEMU runs first, to put the registers the emulated CPU held at the
 * kernel entry in place and jump to the entry. Its data slots are named after what they hold:
 * {@value #ENTRY_SLOT} (the kernel entry) and {@code entry_<register>} for each handed-over
 * register, each one word of the source's size.
 */
public final class EntryTrampoline {
    /** The slot holding the kernel entry. */
    public static final String ENTRY_SLOT = "entry_pc";
    /** The label QEMU starts the trampoline at. */
    public static final String START = "entry_start";

    private EntryTrampoline() {
    }

    /** The slot of register {@code name}: {@code entry_<name>}. */
    public static String slot(String name) {
        return "entry_" + name;
    }

    /**
     * {@code source} assembled at {@code origin} with the entry and {@code registers} in their
     * slots of {@code slotSize} bytes.
     *
     * @throws IllegalStateException if the shipped source does not assemble or lacks a slot (a build defect)
     */
    public static Stub assemble(StubSource source, long origin, long entry, Map<String, Long> registers, int slotSize) {
        try {
            Stub stub = source.assemble(origin).patch(ENTRY_SLOT, entry, slotSize);
            for (Map.Entry<String, Long> r : registers.entrySet()) {
                stub = stub.patch(slot(r.getKey()), r.getValue(), slotSize);
            }
            return stub;
        } catch (AssemblyException | IllegalArgumentException e) {
            throw new IllegalStateException("the entry trampoline " + source.name() + " does not build: "
                    + e.getMessage(), e);
        }
    }
}
