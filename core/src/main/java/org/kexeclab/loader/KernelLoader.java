package org.kexeclab.loader;

import java.util.OptionalLong;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadChecks;
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
    private static final long MIB = 1L << 20;

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

    /**
     * The least RAM, in whole MiB, of a standard machine on which {@code req} plans with
     * {@code purgatory} (null: none) and passes kexec_load's checks ({@link LoadChecks}: half
     * of RAM, segments in RAM); empty if {@code maxRam} is not enough either. The search
     * doubles from the request's RAM, then halves the interval, parsing the kernel once.
     */
    public static OptionalLong smallestRam(Arch arch, LoadRequest req, Purgatory purgatory, long maxRam)
            throws ImageFormatException {
        KernelImage kernel = KernelFormats.parse(req.kernel(), arch, req.maxDecompressed());
        long max = maxRam / MIB;
        long tooSmall = StandardMachine.MIN_RAM / MIB;   // 1 MiB: all of it the machine's own
        long enough = Math.min(max, Math.max(tooSmall + 1, req.ramSize() / MIB));
        while (!fits(kernel, req, purgatory, enough * MIB)) {
            if (enough >= max) {
                return OptionalLong.empty();
            }
            tooSmall = enough;
            enough = Math.min(max, enough * 2);
        }
        while (enough - tooSmall > 1) {
            long mid = tooSmall + (enough - tooSmall) / 2;
            if (fits(kernel, req, purgatory, mid * MIB)) {
                enough = mid;
            } else {
                tooSmall = mid;
            }
        }
        return OptionalLong.of(enough * MIB);
    }

    private static boolean fits(KernelImage kernel, LoadRequest req, Purgatory purgatory, long ram) {
        try {
            LoadPlan plan = kernel.plan(req, StandardMachine.layout(ram).sparse().build());
            LoadChecks.check((purgatory == null ? plan : plan.withPurgatory(purgatory)).image());
            return true;
        } catch (PlanningException | ImageFormatException | KexecLoadException e) {
            return false;
        }
    }
}
