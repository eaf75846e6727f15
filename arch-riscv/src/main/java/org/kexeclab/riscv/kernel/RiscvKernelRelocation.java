package org.kexeclab.riscv.kernel;

import org.kexeclab.Arch;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocation;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * How riscv64's {@code machine_kexec} calls the kernel's {@code riscv_kexec_relocate}: copied
 * into the control page and called with {@code a0 = &image->head, a1 = start, a2 = fdt, a3 =
 * hart id, a4 = va_pa_offset} ({@link RiscvKernelCodeKexec}), once its code has the shape
 * {@link RiscvKexecRelocateShape} checks.
 */
public final class RiscvKernelRelocation implements KernelRelocation {
    private final MachineKexec stubMachine;

    /** Around the architecture's own {@code machine_kexec} (the stub's), whose call and entry rules it shares. */
    public RiscvKernelRelocation(MachineKexec stubMachine) {
        this.stubMachine = stubMachine;
    }

    @Override
    public Arch arch() {
        return RiscvArches.RISCV64;
    }

    @Override
    public KernelCodeKexec machineKexec(Vmlinux kernel, RelocationCode code) throws VmlinuxException {
        return new RiscvKernelCodeKexec(stubMachine, code, RiscvKexecRelocateShape.of(code.code()));
    }
}
