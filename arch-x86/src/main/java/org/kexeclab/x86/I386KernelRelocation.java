package org.kexeclab.x86;

import org.kexeclab.Arch;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocation;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How i386's {@code machine_kexec} calls the kernel's {@code relocate_kernel}: the code copied
 * into the control page, a four-entry page list (physical and virtual control page, page
 * directory, swap page) whose layout is read from the code's own loads, and the cdecl call
 * {@code relocate_kernel(indirection_page, page_list, start, cpu_has_pae, preserve_context)}
 * with its arguments on the stack ({@link I386KernelCodeKexec}).
 */
public final class I386KernelRelocation implements KernelRelocation {
    private final MachineKexec stubMachine;

    /** Around the architecture's own {@code machine_kexec} (the stub's), whose page tables and entry rules it shares. */
    public I386KernelRelocation(MachineKexec stubMachine) {
        this.stubMachine = stubMachine;
    }

    @Override
    public Arch arch() {
        return X86Arches.I386;
    }

    @Override
    public KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        int identityMapped = (int) (code.label("identity_mapped") - code.code().address());
        return new I386KernelCodeKexec(stubMachine, code, I386KernelCodeShape.of(code.code(), identityMapped));
    }
}
