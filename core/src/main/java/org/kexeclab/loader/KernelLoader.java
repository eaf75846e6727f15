package org.kexeclab.loader;

import org.kexeclab.Arch;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;

/**
 * The entry point for loading a real kernel: parses the kernel file, checks it is for the
 * architecture, and plans its segments (kernel, initrd, command line, boot params or
 * device tree) on the {@link StandardMachine} the way kexec-tools would.
 *
 * <pre>{@code
 * LoadPlan plan = KernelLoader.plan(Arch.ARM64, LoadRequest.of(kernel).withInitrd(initrd).withCmdline("quiet"));
 * KexecImage image = plan.image();
 * }</pre>
 */
public final class KernelLoader {
    private KernelLoader() {
    }

    /**
     * The plan for {@code req} on {@code arch}, on a standard machine of {@code req.ramSize()} bytes.
     * The machine is {@linkplain MemoryLayout#sparse() sparse}: a run maps the machine area, the
     * planned segments and the allocator's pool, not all of RAM, so {@code --mem 64G} costs what
     * the kernel, initrd and boot data cost.
     */
    public static LoadPlan plan(Arch arch, LoadRequest req) throws ImageFormatException, PlanningException {
        String problem = StandardMachine.ramSizeProblem(req.ramSize());
        if (problem != null) {
            throw new PlanningException(String.format("a RAM size of %d bytes %s", req.ramSize(), problem));
        }
        return plan(arch, req, StandardMachine.layout(req.ramSize()).sparse().build());
    }

    /** The plan for {@code req} on {@code arch} in {@code layout}. */
    public static LoadPlan plan(Arch arch, LoadRequest req, MemoryLayout layout)
            throws ImageFormatException, PlanningException {
        KernelImage kernel = KernelFormats.parse(req.kernel(), arch, req.maxDecompressed());
        if (kernel instanceof BzImage bz) {
            return X86BzImagePlanner.plan(bz, req, layout);
        } else if (kernel instanceof Arm64Image img) {
            return Arm64ImagePlanner.plan(img, req, layout);
        } else if (kernel instanceof ZImage z) {
            return ArmZImagePlanner.plan(z, req, layout);
        }
        return ElfPlanner.plan((ElfKernel) kernel, req, layout);
    }
}
