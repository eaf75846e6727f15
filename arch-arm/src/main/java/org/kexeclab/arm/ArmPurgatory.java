package org.kexeclab.arm;

import org.kexeclab.loader.plan.SourcePurgatory;

/**
 * 32-bit arm's purgatory, {@value #RESOURCE}: entered from the relocation stub, it loads the kernel's
 * boot registers from its data slots and jumps to the kernel entry (register contract in the
 * source's header). Found through {@link java.util.ServiceLoader} as an
 * {@link org.kexeclab.loader.plan.Purgatory}.
 */
public final class ArmPurgatory extends SourcePurgatory {
    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "purgatory_arm.S";

    /** The purgatory for {@link ArmArches#ARM}. */
    public ArmPurgatory() {
        super(ArmArches.ARM, new A32Encoder(), RESOURCE);
    }
}
