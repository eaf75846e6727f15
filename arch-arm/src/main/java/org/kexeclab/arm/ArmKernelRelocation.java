package org.kexeclab.arm;

import org.kexeclab.Arch;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocation;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How 32-bit arm's {@code machine_kexec} calls the kernel's {@code relocate_new_kernel}: it
 * copies the code into the control page, writes the 16-byte data block right after it (the
 * locator decoded the block's layout from the code's loads through r7) and soft-restarts into
 * the copy's physical address with the MMU and caches off ({@link ArmKernelCodeKexec}).
 */
public final class ArmKernelRelocation implements KernelRelocation {
    private final MachineKexec stubMachine;

    /** Around the architecture's own {@code machine_kexec} (the stub's), whose entry rules it shares. */
    public ArmKernelRelocation(MachineKexec stubMachine) {
        this.stubMachine = stubMachine;
    }

    @Override
    public Arch arch() {
        return ArmArches.ARM;
    }

    @Override
    public KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        return new ArmKernelCodeKexec(stubMachine, code);
    }
}
