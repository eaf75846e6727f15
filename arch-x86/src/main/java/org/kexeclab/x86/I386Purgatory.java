package org.kexeclab.x86;

import org.kexeclab.loader.plan.SourcePurgatory;

/**
 * i386's purgatory, {@value #RESOURCE}: entered from the relocation stub, it loads its own GDT
 * and the boot protocol's flat segments, the kernel's boot registers from its data slots, and
 * jumps to the kernel's 32-bit entry (register contract in the source's header).
 */
public final class I386Purgatory extends SourcePurgatory {
    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "purgatory_i386.S";
    /** The boot protocol's code selector, {@code __BOOT_CS}. */
    public static final int BOOT_CS = 0x10;
    /** The boot protocol's data selector, {@code __BOOT_DS}. */
    public static final int BOOT_DS = 0x18;

    /** The purgatory for {@link X86Arches#I386}. */
    public I386Purgatory() {
        super(X86Arches.I386, new X86Encoder(X86Mode.PROTECTED), RESOURCE);
    }
}
