package org.kexeclab.arm64;

import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocation;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How arm64's {@code machine_kexec} calls the kernel's {@code arm64_relocate_new_kernel}: with
 * {@code x0} pointing at the {@code struct kimage} whose fields the code reads at the offsets the
 * locator decoded from its leading loads ({@link Arm64KernelCodeKexec}).
 */
public final class Arm64KernelRelocation implements KernelRelocation {
    private final MachineKexec stubMachine;

    /** Around the architecture's own {@code machine_kexec} (the stub's), whose entry rules it shares. */
    public Arm64KernelRelocation(MachineKexec stubMachine) {
        this.stubMachine = stubMachine;
    }

    @Override
    public Arch arch() {
        return ArmArches.ARM64;
    }

    @Override
    public KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        return new Arm64KernelCodeKexec(stubMachine, code);
    }
}
