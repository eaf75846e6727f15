package org.kexeclab.ppc.support;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.ppc.Ppc32MachineKexec;
import org.kexeclab.ppc.Ppc32Purgatory;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcStubs;

/** Everything ppc32 to the rest of kexec-lab: found by {@link org.kexeclab.arch.Arches}. */
public final class Ppc32Support extends PpcSupport {
    /** The architecture: 32-bit PowerPC, big-endian. */
    public static final Arch ARCH = PpcArches.PPC32;
    /** {@code EM_PPC}. */
    private static final int EM_PPC = 20;
    /** kexec-tools' {@code KEXEC_ARCH_PPC}. */
    private static final int KEXEC_ARCH_PPC = 20;

    /** The ppc32 support (as {@link java.util.ServiceLoader} creates it). */
    public Ppc32Support() {
        super(ARCH, 40, EM_PPC, KEXEC_ARCH_PPC, new Ppc32MachineKexec(), new Ppc32Purgatory(), PpcStubs.PPC32_SOURCE,
                PpcStubs.class);
    }

    @Override
    public List<String> aliases() {
        return List.of("powerpc");
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_PPC";
    }
}
