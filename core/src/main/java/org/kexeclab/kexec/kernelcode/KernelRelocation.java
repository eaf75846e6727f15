package org.kexeclab.kexec.kernelcode;

import org.kexeclab.Arch;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How one architecture's {@code machine_kexec} calls the kernel's own relocation code: an
 * architecture module's binding ({@code ArchSupport.binding(KernelRelocation.class)}), beside
 * its {@link org.kexeclab.vmlinux.RelocationCodeLocator}. Given the code the locator found, it
 * checks the code has the shape it knows how to call (the fields it reads, the registers it
 * takes) and returns the {@link org.kexeclab.kexec.MachineKexec} that places the code, its
 * data and page tables the way the kernel does, so {@link org.kexeclab.kexec.KexecRun} runs and
 * verifies it exactly as it runs kexec-lab's stub. An architecture without one is refused by
 * {@link KernelRelocations} with one sentence.
 */
public interface KernelRelocation {

    /** The architecture. */
    Arch arch();

    /**
     * {@code machine_kexec} around {@code code}, which the architecture's locator found in
     * {@code kernel}.
     *
     * @throws VmlinuxException if the code does not have a shape this knows how to call (one
     *                          sentence naming the mismatch)
     */
    KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException;
}
