package org.kexeclab.kexec.kernelcode;

import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.Register;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * The half of a {@link KernelCodeKexec} that does not depend on whose code relocates: the
 * architecture, its control pages, its flags, the entry alignment, the registers shown at entry
 * and the entry probe are those of the architecture's own {@link MachineKexec} (the stub's), so
 * both relocate the same loaded image and land in the same probe. An architecture's
 * {@link KernelRelocation} extends it with what its {@code machine_kexec} does around the
 * kernel's code.
 */
public abstract class KernelCodeMachine implements KernelCodeKexec {
    /** The architecture's own machine_kexec, around kexec-lab's stub. */
    protected final MachineKexec stubMachine;
    /** The kernel's code as the locator found it. */
    protected final RelocationCode code;

    /** Around {@code code}, for the architecture of {@code stubMachine}. */
    protected KernelCodeMachine(MachineKexec stubMachine, RelocationCode code) {
        this.stubMachine = stubMachine;
        this.code = code;
    }

    @Override
    public RelocationCode code() {
        return code;
    }

    @Override
    public Arch arch() {
        return stubMachine.arch();
    }

    @Override
    public int controlPages() {
        return stubMachine.controlPages();
    }

    @Override
    public boolean supportsPreserveContext() {
        return stubMachine.supportsPreserveContext();
    }

    @Override
    public int entryAlignment(long entry) {
        return stubMachine.entryAlignment(entry);
    }

    /** The code's name as the kernel calls it ({@code relocate_kernel}): what listings and failures show. */
    @Override
    public String stubName() {
        return code.code().name();
    }

    @Override
    public String describe() {
        return String.format("the kernel's %s, %,d bytes at 0x%x", code.code().name(), code.code().size(),
                code.code().address());
    }

    @Override
    public List<Register> entryRegisters() {
        return stubMachine.entryRegisters();
    }

    @Override
    public boolean hasEntryProbe(long entry) {
        return stubMachine.hasEntryProbe(entry);
    }

    @Override
    public EntryProbe entryProbe(long entry, long recordAddress) {
        return stubMachine.entryProbe(entry, recordAddress);
    }
}
