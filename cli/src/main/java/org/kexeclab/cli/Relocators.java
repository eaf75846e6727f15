package org.kexeclab.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.kernelcode.KernelRelocations;
import org.kexeclab.kexec.kernelcode.RelocateWith;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.vmlinux.SystemMap;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The {@code machine_kexec} a command runs: the architecture's own around kexec-lab's stub, or
 * the one around the relocation code compiled into a kernel file (found by its kallsyms, or by a
 * System.map the user gives). A kernel file whose code cannot be found or does not have the
 * shape its architecture knows how to call is a usage error naming the reason.
 */
final class Relocators {
    private Relocators() {
    }

    /**
     * The machine for {@code with} on {@code arch}.
     *
     * @param codeFile  the kernel file whose code runs (required for {@link RelocateWith#KERNEL})
     * @param systemMap a System.map naming that file's symbols, or null for its kallsyms
     */
    static MachineKexec machine(Arch arch, RelocateWith with, Path codeFile, Path systemMap) {
        if (with == RelocateWith.STUB) {
            return Arches.support(arch).machineKexec();
        }
        if (codeFile == null) {
            throw new UsageException("--relocate-with kernel needs the kernel file whose code runs: --kernel FILE "
                    + "or --code-from FILE");
        }
        byte[] bytes = KernelOptions.read(codeFile, codeFile.toString());
        try {
            Vmlinux kernel = Vmlinux.open(bytes, arch);
            if (systemMap != null) {
                kernel = kernel.withSymbols(SystemMap.read(systemMap), systemMap.toString());
            }
            return KernelRelocations.machineKexec(kernel);
        } catch (ImageFormatException | VmlinuxException e) {
            throw new UsageException("--relocate-with kernel: cannot run the relocation code of '" + codeFile + "': "
                    + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("--system-map: cannot read '" + systemMap + "' (" + ImageSource.reason(e) + ")");
        }
    }

    /**
     * Returns {@code loaded} if {@code machine} can relocate it; a usage error with the kernel
     * code's own sentence if it cannot ({@link KernelCodeKexec#refusal}: a list of another page
     * size than the kernel's code copies, a destination over the old kernel).
     */
    static LoadedImage refuseUnfit(MachineKexec machine, LoadedImage loaded) {
        String refusal = machine instanceof KernelCodeKexec k ? k.refusal(loaded) : null;
        if (refusal != null) {
            throw new UsageException("--relocate-with kernel: " + machine.stubName() + " cannot relocate this "
                    + "image: " + refusal);
        }
        return loaded;
    }

    /** {@code text} as a {@link RelocateWith}, or a usage error naming {@code option}. */
    static RelocateWith parse(String text, String option) {
        try {
            return RelocateWith.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
