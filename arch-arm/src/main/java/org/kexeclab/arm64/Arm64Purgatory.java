package org.kexeclab.arm64;

import org.kexeclab.arm.ArmArches;
import org.kexeclab.loader.plan.SourcePurgatory;

/**
 * arm64's purgatory, {@value #RESOURCE}: entered from the relocation stub, it loads the kernel's
 * boot registers from its data slots and jumps to the kernel entry (register contract in the
 * source's header). Found through {@link java.util.ServiceLoader} as an
 * {@link org.kexeclab.loader.plan.Purgatory}.
 */
public final class Arm64Purgatory extends SourcePurgatory {
    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "purgatory_arm64.S";

    /** The purgatory for {@link ArmArches#ARM64}. */
    public Arm64Purgatory() {
        super(ArmArches.ARM64, new A64Encoder(), RESOURCE);
    }
}
