package org.kexeclab.riscv.boot;

import java.util.Map;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.format.ElfBoot;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.riscv.RiscvArches;

/**
 * How a riscv64 ELF vmlinux boots, as kexec-tools' {@code elf-riscv} loader places its boot data
 * ({@code load_extra_segments}): the initrd at the top of RAM and the device tree right below it,
 * both above the kernel's end; {@code a0} = hart id, {@code a1} = the device tree.
 */
public final class RiscvElfBoot implements ElfBoot {

    /** Refuses a command line longer than riscv's {@code COMMAND_LINE_SIZE} holds. */
    @Override
    public void accept(ElfKernel elf, LoadRequest req) throws PlanningException {
        DeviceTreeBootData.checkCommandLine(RiscvArches.RISCV64, req.cmdline(), RiscvImagePlanner.COMMAND_LINE_SIZE);
    }

    @Override
    public Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long kernelEnd,
                                           long entry) throws PlanningException, ImageFormatException {
        return RiscvImagePlanner.placeBootData(alloc, layout, req, kernelEnd);
    }
}
