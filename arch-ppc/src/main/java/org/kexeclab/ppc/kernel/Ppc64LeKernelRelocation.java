package org.kexeclab.ppc.kernel;

import org.kexeclab.Arch;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocation;
import org.kexeclab.ppc.Ppc64LeMachineKexec;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How ppc64le's {@code default_machine_kexec} calls the kernel's own {@code kexec_sequence}
 * ({@link Ppc64LeKernelCodeKexec}). The stub machine it shares entry registers and probes with
 * is the hypervisor-state one, as the kernel's code runs on a bare-metal POWER9, so both leave
 * the same MSR at the new kernel's entry.
 */
public final class Ppc64LeKernelRelocation implements KernelRelocation {
    @Override
    public Arch arch() {
        return PpcArches.PPC64LE;
    }

    @Override
    public KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        return new Ppc64LeKernelCodeKexec(new Ppc64LeMachineKexec(true), kernel, code);
    }
}
