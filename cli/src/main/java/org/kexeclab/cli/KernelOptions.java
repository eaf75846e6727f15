package org.kexeclab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import picocli.CommandLine.Option;

/**
 * A real kernel to load the way kexec-tools would: the kernel file, an optional initrd,
 * command line and device tree, and the machine's RAM size. Planned with
 * {@link KernelLoader} and given the architecture's purgatory.
 */
final class KernelOptions {
    /**
     * RAM of a {@code --kernel} machine without {@code --mem}: 1 GiB. kexec_load takes no
     * segment, nor all together, larger than half of RAM, and a distribution kernel alone
     * needs more than half of 128 MiB (Debian 6.1's 64-bit PC kernel: 64 MiB); 1 GiB leaves half a
     * GiB for kernel and initrd, and costs nothing on the sparse machine (only the segments and
     * the allocator's pool are mapped).
     */
    static final long DEFAULT_KERNEL_RAM = 1L << 30;

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "A kernel file: ${bundle:kexeclab.kernelFormats}.")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE", description = "An initrd to load with --kernel (opaque bytes).")
    Path initrd;

    @Option(names = "--cmdline", paramLabel = "TEXT", description = "The kernel command line (with --kernel).")
    String cmdline;

    @Option(names = "--dtb", paramLabel = "FILE",
            description = "A device tree to patch instead of the generated one (with --kernel, on an architecture that "
                    + "boots with one).")
    Path dtb;

    @Option(names = "--mem", paramLabel = "SIZE",
            description = "RAM of the emulated machine, e.g. 512M or 2G (default with --kernel: 1G, room for a "
                    + "distribution kernel and its initrd; with --kexec-log: the log's memory map, else the smallest "
                    + "that holds the log's segments).")
    String mem;

    private LoadRequest request;

    /** True if {@code --kernel} was given. */
    boolean given() {
        return kernel != null;
    }

    /** Refuses the kernel options that mean nothing without {@code --kernel}. */
    void requireKernelForExtras() {
        if (kernel == null && (initrd != null || cmdline != null || dtb != null)) {
            throw new UsageException("--initrd, --cmdline and --dtb go with --kernel FILE");
        }
    }

    /** Refuses the built-in and hand-made image options next to {@code --kernel}. */
    void refuseImageOptions(ImageOptions image) {
        if (image.image != null || !image.segments.isEmpty() || image.entry != null || image.crash) {
            throw new UsageException("--kernel cannot be used with --image, --segment, --entry or --crash: "
                    + "the kernel file is the image");
        }
    }

    /** The RAM size {@code --mem} names, or {@code fallback}. */
    long ramSize(long fallback) {
        return mem == null ? fallback : parseRam(mem);
    }

    /**
     * {@code --mem}'s value in bytes.
     *
     * @throws UsageException if it is no number, negative, too small (naming the least) or not whole pages
     */
    static long parseRam(String text) {
        long size = Numbers.parse(text, "--mem");
        String problem = StandardMachine.ramSizeProblem(size);
        if (problem != null) {
            throw new UsageException("--mem " + text.trim() + " " + problem);
        }
        return size;
    }

    /**
     * The plan for the kernel on {@code arch}, purgatory included.
     *
     * @throws UsageException if a file cannot be loaded or the load cannot be planned (one
     *                        sentence; when more RAM would plan it, which {@code --mem} would)
     */
    LoadPlan plan(Arch arch) {
        return plan(arch, List.of());
    }

    /**
     * The plan for the kernel on {@code arch}, purgatory included, on the machine the first
     * kernel's own relocation code among {@code machines} needs ({@link KernelCodeKexec#layout}:
     * its page size, its old kernel kept in RAM), else on the standard machine.
     *
     * @throws UsageException as {@link #plan(Arch)}
     */
    LoadPlan plan(Arch arch, List<MachineKexec> machines) {
        LoadRequest req = request();
        KernelCodeKexec code = machines.stream().filter(KernelCodeKexec.class::isInstance)
                .map(KernelCodeKexec.class::cast).findFirst().orElse(null);
        try {
            return KernelLoader.withPurgatory(code == null ? KernelLoader.plan(arch, req)
                    : KernelLoader.plan(arch, req, code.layout(req.ramSize())));
        } catch (ImageFormatException e) {
            Path file = e.format().equals("DTB") && dtb != null ? dtb : kernel;
            throw new UsageException("cannot load '" + file + "' for " + arch.name() + ": " + e.getMessage());
        } catch (PlanningException e) {
            String hint = RamAdvice.hint(arch, req);
            throw new UsageException("cannot plan the load of '" + kernel + "' on " + arch.name()
                    + ": " + e.getMessage() + (hint == null ? "" : "; " + hint));
        }
    }

    /**
     * {@code plan} loaded as {@code run} loads it ({@link KexecLoad}: the architecture's flags,
     * the kernel's checks, the entry), so {@code segments} refuses what {@code run} refuses.
     *
     * @throws KexecLoadException if the kernel would refuse it; when more RAM would make it
     *                            accept it, the sentence says which {@code --mem} would
     */
    LoadedImage load(LoadPlan plan, ImageOptions image) throws KexecLoadException {
        return load(Arches.support(plan.image().arch()).machineKexec(), plan, image);
    }

    /** As {@link #load(LoadPlan, ImageOptions)}, for {@code machine} (its flags and control pages). */
    LoadedImage load(MachineKexec machine, LoadPlan plan, ImageOptions image) throws KexecLoadException {
        Arch arch = plan.image().arch();
        try {
            return Relocators.refuseUnfit(machine, KexecLoad.load(machine, plan.image(),
                    image.loadOptions(machine.controlPages()), image.kexecOptions()));
        } catch (KexecLoadException e) {
            String hint = RamAdvice.hint(arch, request());
            throw hint == null ? e : e.withHint(hint);
        }
    }

    /** What the options ask to load: the files (read once), the command line and the RAM size. */
    private LoadRequest request() {
        if (request == null) {
            LoadRequest req = LoadRequest.of(read(kernel, "--kernel")).withRam(ramSize(DEFAULT_KERNEL_RAM));
            if (initrd != null) {
                req = req.withInitrd(read(initrd, "--initrd"));
            }
            if (cmdline != null) {
                req = req.withCmdline(cmdline);
            }
            if (dtb != null) {
                req = req.withDtb(read(dtb, "--dtb"));
            }
            request = req;
        }
        return request;
    }

    /** The bytes of {@code file}; an unreadable file is a usage error naming {@code option}. */
    static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            throw new UsageException(option + ": cannot read '" + file + "' (" + ImageSource.reason(e) + ")");
        }
    }
}
