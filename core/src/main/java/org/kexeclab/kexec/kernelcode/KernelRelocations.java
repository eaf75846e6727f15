package org.kexeclab.kexec.kernelcode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.vmlinux.ArchServices;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The neutral way to the kernel's own relocation code: finds it in an opened kernel with the
 * architecture's locator and hands it to the architecture's {@link KernelRelocation}, or says in
 * one sentence why that cannot be done.
 */
public final class KernelRelocations {
    private KernelRelocations() {
    }

    /** The architectures whose kernels' relocation code kexec-lab can run, in registry order. */
    public static List<Arch> supported() {
        List<Arch> out = new ArrayList<>();
        for (ArchSupport s : Arches.supports()) {
            if (s.binding(KernelRelocation.class).isPresent()) {
                out.add(s.arch());
            }
        }
        return out;
    }

    /**
     * The {@code machine_kexec} that runs {@code kernel}'s own relocation code.
     *
     * @throws VmlinuxException if the architecture has no {@link KernelRelocation}, the code is not
     *                          found or does not have the shape its architecture knows how to call
     */
    public static KernelCodeKexec machineKexec(Vmlinux kernel) throws VmlinuxException {
        Arch arch = kernel.arch();
        Optional<KernelRelocation> r = Arches.support(arch).binding(KernelRelocation.class);
        if (r.isEmpty()) {
            List<String> have = supported().stream().map(Arch::name).toList();
            throw new VmlinuxException(String.format("kexec-lab cannot run %s's own relocation code: its architecture "
                    + "module does not say how machine_kexec calls it (it can for %s)", arch.name(),
                    have.isEmpty() ? "no architecture" : String.join(", ", have)));
        }
        RelocationCode code = ArchServices.locator(arch).locate(kernel);
        return r.get().machineKexec(kernel, code);
    }
}
