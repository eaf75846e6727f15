package org.kexeclab.ppc;

import org.kexeclab.loader.plan.SourcePurgatory;

/**
 * Little-endian ppc64le's purgatory, {@value #RESOURCE}: entered from the relocation stub, it loads the kernel's
 * boot registers from its data slots and jumps to the kernel entry (register contract in the
 * source's header). Found through {@link java.util.ServiceLoader} as an
 * {@link org.kexeclab.loader.plan.Purgatory}.
 */
public final class Ppc64LePurgatory extends SourcePurgatory {
    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "purgatory_ppc64.S";

    /** The purgatory for {@link PpcArches#PPC64LE}. */
    public Ppc64LePurgatory() {
        super(PpcArches.PPC64LE, PpcEncoder.forArch(PpcArches.PPC64LE), RESOURCE);
    }
}
