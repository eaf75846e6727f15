package org.kexeclab.loader;

import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import org.kexeclab.loader.plan.Purgatory;

/**
 * The entry point for loading a real kernel: parses the kernel file, checks it is for the
 * architecture, and plans its segments (kernel, initrd, command line, boot params or
 * device tree) on the {@link StandardMachine} the way kexec-tools would; the format that
 * parsed the file plans it ({@link KernelImage#plan}).
 *
 * <pre>{@code
 * LoadPlan plan = KernelLoader.plan(arch, LoadRequest.of(kernel).withInitrd(initrd).withCmdline("quiet"));
 * KexecImage image = KernelLoader.withPurgatory(plan).image();
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
        if (req.ramSize() <= StandardMachine.MACHINE_AREA_SIZE || (req.ramSize() & 0xfff) != 0) {
            throw new PlanningException(String.format("a RAM size of 0x%x bytes is not a whole number of pages above "
                    + "the machine's first MiB", req.ramSize()));
        }
        return plan(arch, req, StandardMachine.layout(req.ramSize()).sparse().build());
    }

    /** The plan for {@code req} on {@code arch} in {@code layout}. */
    public static LoadPlan plan(Arch arch, LoadRequest req, MemoryLayout layout)
            throws ImageFormatException, PlanningException {
        return KernelFormats.parse(req.kernel(), arch, req.maxDecompressed()).plan(req, layout);
    }

    /**
     * The purgatory of {@code arch}.
     *
     * @throws PlanningException if no module on the class path provides one
     */
    public static Purgatory purgatory(Arch arch) throws PlanningException {
        return Arches.find(arch).flatMap(ArchSupport::purgatory).orElseThrow(() -> new PlanningException(
                "no purgatory for " + arch + " is on the class path: add the architecture's module"));
    }

    /** {@code plan} with its architecture's purgatory added ({@link LoadPlan#withPurgatory(Purgatory)}). */
    public static LoadPlan withPurgatory(LoadPlan plan) throws PlanningException {
        return plan.withPurgatory(purgatory(plan.image().arch()));
    }
}
