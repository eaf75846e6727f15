package org.kexeclab.ppc.support;

import org.kexeclab.Arch;
import org.kexeclab.ppc.Ppc64MachineKexec;
import org.kexeclab.ppc.Ppc64Purgatory;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcStubs;

/** Everything big-endian ppc64 to the rest of kexec-lab: found by {@link org.kexeclab.arch.Arches}. */
public final class Ppc64Support extends PpcSupport {
    /** The architecture: 64-bit PowerPC, big-endian. */
    public static final Arch ARCH = PpcArches.PPC64;
    /** {@code EM_PPC64}. */
    static final int EM_PPC64 = 21;
    /** kexec-tools' {@code KEXEC_ARCH_PPC64}, for both byte orders. */
    static final int KEXEC_ARCH_PPC64 = 21;

    /** The ppc64 support (as {@link java.util.ServiceLoader} creates it). */
    public Ppc64Support() {
        super(ARCH, 50, EM_PPC64, KEXEC_ARCH_PPC64, new Ppc64MachineKexec(), new Ppc64Purgatory(),
                PpcStubs.PPC64_SOURCE, PpcStubs.class);
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_PPC64";
    }
}
