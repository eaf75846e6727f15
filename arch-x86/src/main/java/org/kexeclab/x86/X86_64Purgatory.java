package org.kexeclab.x86;

import org.kexeclab.loader.plan.SourcePurgatory;

/**
 * x86_64's purgatory, {@value #RESOURCE}: entered from the relocation stub, it loads the kernel's
 * boot registers from its data slots and jumps to the kernel entry (register contract in the
 * source's header). Found through {@link java.util.ServiceLoader} as an
 * {@link org.kexeclab.loader.plan.Purgatory}.
 */
public final class X86_64Purgatory extends SourcePurgatory {
    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "purgatory_x86_64.S";

    /** The purgatory for {@link X86Arches#X86_64}. */
    public X86_64Purgatory() {
        super(X86Arches.X86_64, new X86Encoder(), RESOURCE);
    }
}
