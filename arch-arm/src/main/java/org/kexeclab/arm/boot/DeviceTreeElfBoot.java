package org.kexeclab.arm.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.arm64.boot.Arm64ImagePlanner;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.format.ElfBoot;
import org.kexeclab.loader.format.ElfKernel;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.HoleAllocator;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;

/**
 * How arm64 and arm boot an ELF vmlinux, after kexec-tools' {@code elf_exec_build_load()}: the
 * initrd and the device tree bottom-up above the kernel ({@link DeviceTreeBootData#place}); the
 * device tree's address goes in the architecture's boot register ({@code x0} on arm64; on arm
 * {@code r2}, with {@code r0} = 0 and {@code r1} = 0xffffffff, no machine number).
 */
public final class DeviceTreeElfBoot implements ElfBoot {
    private final Arch arch;
    private final Map<String, Long> fixed;
    private final String dtbRegister;
    private final int commandLineSize;

    private DeviceTreeElfBoot(Arch arch, Map<String, Long> fixed, String dtbRegister, int commandLineSize) {
        this.arch = arch;
        this.fixed = fixed;
        this.dtbRegister = dtbRegister;
        this.commandLineSize = commandLineSize;
    }

    /** arm64: {@code x0} = DTB; the command line of an arm64 Image. */
    public static DeviceTreeElfBoot arm64(Arch arch) {
        return new DeviceTreeElfBoot(arch, Map.of(), "x0", Arm64ImagePlanner.COMMAND_LINE_SIZE);
    }

    /** arm: {@code r0} = 0, {@code r1} = 0xffffffff, {@code r2} = DTB; the command line of a zImage. */
    public static DeviceTreeElfBoot arm(Arch arch) {
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("r0", 0L);
        regs.put("r1", 0xffffffffL);
        return new DeviceTreeElfBoot(arch, regs, "r2", ArmZImagePlanner.COMMAND_LINE_SIZE);
    }

    /** Refuses a command line longer than the kernel's {@code COMMAND_LINE_SIZE} holds. */
    @Override
    public void accept(ElfKernel elf, LoadRequest req) throws PlanningException {
        DeviceTreeBootData.checkCommandLine(arch, req.cmdline(), commandLineSize);
    }

    @Override
    public Map<String, Long> placeBootData(HoleAllocator alloc, MemoryLayout layout, LoadRequest req, long kernelEnd,
                                           long entry) throws PlanningException, ImageFormatException {
        long dtb = DeviceTreeBootData.place(alloc, arch, layout, req, kernelEnd, HoleAllocator.NO_MAX);
        Map<String, Long> regs = new LinkedHashMap<>(fixed);
        regs.put(dtbRegister, dtb);
        return regs;
    }
}
