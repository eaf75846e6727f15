package org.kexeclab.x86;

import org.kexeclab.Arch;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocation;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How x86_64's {@code machine_kexec} calls the kernel's {@code relocate_kernel}: the code copied
 * into the control page, a four-entry page list (physical and virtual control page, page-table
 * root, swap page) whose layout is read from the code's own loads, and the call with {@code rdi
 * = head, rsi = page list, rdx = start, rcx = preserve_context, r8 = memory encryption}
 * ({@link X86KernelCodeKexec}).
 */
public final class X86KernelRelocation implements KernelRelocation {
    private final MachineKexec stubMachine;

    /** Around the architecture's own {@code machine_kexec} (the stub's), whose page tables and entry rules it shares. */
    public X86KernelRelocation(MachineKexec stubMachine) {
        this.stubMachine = stubMachine;
    }

    @Override
    public Arch arch() {
        return X86Arches.X86_64;
    }

    @Override
    public KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        return new X86KernelCodeKexec(stubMachine, code, X86KernelCodeShape.of(code));
    }
}
