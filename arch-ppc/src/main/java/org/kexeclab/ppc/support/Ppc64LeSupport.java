package org.kexeclab.ppc.support;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.ppc.Ppc64LeKexecSequenceCode;
import org.kexeclab.ppc.Ppc64LeMachineKexec;
import org.kexeclab.ppc.Ppc64LePurgatory;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcStubs;
import org.kexeclab.ppc.kernel.Ppc64LeKernelRelocation;
import org.kexeclab.ppc.qemu.Ppc64QemuMachine;

/**
 * Everything little-endian ppc64 to the rest of kexec-lab: found by
 * {@link org.kexeclab.arch.Arches}. It shares ppc64's ELF machine and {@code KEXEC_ARCH_PPC64};
 * ranked after ppc64, so a {@code kexec -d} log's flags (which do not say the byte order) read as
 * ppc64.
 */
public final class Ppc64LeSupport extends PpcSupport {
    /** The architecture: 64-bit PowerPC, little-endian. */
    public static final Arch ARCH = PpcArches.PPC64LE;

    /** Debian's port name. */
    @Override
    public List<String> aliases() {
        return List.of("ppc64el");
    }

    /** The ppc64le support (as {@link java.util.ServiceLoader} creates it). */
    public Ppc64LeSupport() {
        super(ARCH, 60, Ppc64Support.EM_PPC64, Ppc64Support.KEXEC_ARCH_PPC64, new Ppc64LeMachineKexec(),
                new Ppc64LePurgatory(), PpcStubs.PPC64_SOURCE, PpcStubs.class, new Ppc64LeKexecSequenceCode(),
                new Ppc64LeKernelRelocation(), new Ppc64QemuMachine());
    }

    @Override
    public String kexecArchConstant() {
        return "KEXEC_ARCH_PPC64";
    }
}
