package org.kexeclab.arm.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.dt.DeviceTreeBootData;
import org.kexeclab.loader.format.ElfBoot;
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

    private DeviceTreeElfBoot(Arch arch, Map<String, Long> fixed, String dtbRegister) {
        this.arch = arch;
        this.fixed = fixed;
        this.dtbRegister = dtbRegister;
    }

    /** arm64: {@code x0} = DTB. */
    public static DeviceTreeElfBoot arm64(Arch arch) {
        return new DeviceTreeElfBoot(arch, Map.of(), "x0");
    }

    /** arm: {@code r0} = 0, {@code r1} = 0xffffffff, {@code r2} = DTB. */
    public static DeviceTreeElfBoot arm(Arch arch) {
        Map<String, Long> regs = new LinkedHashMap<>();
        regs.put("r0", 0L);
        regs.put("r1", 0xffffffffL);
        return new DeviceTreeElfBoot(arch, regs, "r2");
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
