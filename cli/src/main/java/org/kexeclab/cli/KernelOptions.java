package org.kexeclab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.kexec.kernelcode.KernelCodeKexec;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.loader.KernelFormats;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlanningException;
import picocli.CommandLine.Option;

/**
 * A real kernel to load the way kexec-tools would: the kernel file, an optional initrd,
 * command line and device tree, and the machine ({@code --mem} or {@code --memory-map}); with
 * {@code --crash}, loaded as {@code kexec -p} loads it into a crash kernel reservation
 * ({@link KernelMachine}). Planned with {@link KernelLoader} and given the architecture's purgatory.
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

    @Option(names = "--memory-map", paramLabel = "FILE",
            description = "The machine's memory map in /proc/iomem syntax (System RAM, Crash kernel, Kernel code..."
                    + "Kernel bss), instead of --mem (with --kernel).")
    Path memoryMap;

    @Option(names = "--crashkernel", paramLabel = "SIZE[@OFFSET]",
            description = "With --crash --kernel: the crash kernel reservation as crashkernel= takes it (default: the "
                    + "memory map's, else 256M); without @OFFSET the architecture's kernel places it.")
    String crashkernel;

    private boolean crash;
    private LoadRequest request;
    private KernelMachine machine;

    /**
     * These options for the kernel file {@code file} instead of {@code --kernel}: the same initrd,
     * command line, device tree, RAM, memory map and crash reservation, for a command that loads
     * several kernels ({@code compare --kernel-for}) each as {@code run --kernel} would.
     */
    KernelOptions forKernel(Path file) {
        KernelOptions k = new KernelOptions();
        k.kernel = file;
        k.initrd = initrd;
        k.cmdline = cmdline;
        k.dtb = dtb;
        k.mem = mem;
        k.memoryMap = memoryMap;
        k.crashkernel = crashkernel;
        return k;
    }

    /** True if one of the options that describe one machine's files was given: --dtb, --memory-map, --crashkernel. */
    boolean describesOneMachine() {
        return dtb != null || memoryMap != null || crashkernel != null;
    }

    /** Makes the load a crash load, as {@code kexec -p} loads a kernel ({@code run --crash --kernel}). */
    void crashLoad() {
        crash = true;
    }

    /** True if {@code --kernel} was given. */
    boolean given() {
        return kernel != null;
    }

    /** Refuses the kernel options that mean nothing without {@code --kernel}. */
    void requireKernelForExtras() {
        if (kernel == null && (initrd != null || cmdline != null || dtb != null || memoryMap != null
                || crashkernel != null)) {
            throw new UsageException("--initrd, --cmdline, --dtb, --memory-map and --crashkernel go with --kernel FILE");
        }
        if (memoryMap != null && mem != null) {
            throw new UsageException("--mem and --memory-map cannot be used together: the map says how much RAM");
        }
    }

    /**
     * Refuses the built-in and hand-made image options next to {@code --kernel}; {@code --crash}
     * stays: the kernel is then loaded as {@code kexec -p} loads it.
     */
    void refuseImageOptions(ImageOptions image) {
        if (image.image != null || !image.segments.isEmpty() || image.entry != null) {
            throw new UsageException("--kernel cannot be used with --image, --segment or --entry: "
                    + "the kernel file is the image");
        }
        crash = image.crash;
    }

    /**
     * The architecture to load the kernel for: {@code given}, else the one the kernel file is
     * for (its format says; a file for another architecture than {@code given} is refused when
     * planned, in one sentence).
     *
     * @throws UsageException if the file is no kernel kexec-lab knows
     */
    Arch arch(Arch given) {
        if (given != null) {
            return given;
        }
        try {
            return KernelFormats.parseAny(request().kernel(), request().maxDecompressed()).arch();
        } catch (ImageFormatException e) {
            throw new UsageException("cannot tell the architecture of '" + kernel + "': " + e.getMessage()
                    + "; pass --arch ARCH");
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
        KernelMachine m = machine(arch);
        KernelCodeKexec code = machines.stream().filter(KernelCodeKexec.class::isInstance)
                .map(KernelCodeKexec.class::cast).findFirst().orElse(null);
        if (code != null && !standardMachine()) {
            throw new UsageException("--relocate-with kernel runs on the machine the kernel's own relocation code "
                    + "needs, so it takes neither --crash nor --memory-map");
        }
        try {
            if (code != null) {
                return KernelLoader.withPurgatory(KernelLoader.plan(arch, req, code.layout(req.ramSize())));
            }
            if (standardMachine()) {
                return KernelLoader.withPurgatory(KernelLoader.plan(arch, req));
            }
            return KernelLoader.withPurgatory(KernelLoader.plan(arch, req.withCrash(m.crashed()), m.layout()));
        } catch (ImageFormatException e) {
            Path file = e.format().equals("DTB") && dtb != null ? dtb : kernel;
            throw new UsageException("cannot load '" + file + "' for " + arch.name() + ": " + e.getMessage());
        } catch (PlanningException e) {
            String hint = standardMachine() ? RamAdvice.hint(arch, req) : null;
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
        return load(machine, plan, image.loadOptions(machine.controlPages()), image.kexecOptions());
    }

    /** As {@link #load(MachineKexec, LoadPlan, ImageOptions)}, with the allocator's and the run's options given. */
    LoadedImage load(MachineKexec machine, LoadPlan plan, LoadOptions loadOptions, KexecOptions kexecOptions)
            throws KexecLoadException {
        Arch arch = plan.image().arch();
        try {
            return Relocators.refuseUnfit(machine, KexecLoad.load(machine, plan.image(), loadOptions, kexecOptions));
        } catch (KexecLoadException e) {
            String hint = standardMachine() ? RamAdvice.hint(arch, request()) : null;
            throw hint == null ? e : e.withHint(hint);
        }
    }

    /** True if the load is a default one on a standard machine of --mem bytes (where more --mem is advice). */
    private boolean standardMachine() {
        return !crash && memoryMap == null;
    }

    /** The machine the load is planned on (made once). */
    KernelMachine machine(Arch arch) {
        if (machine == null) {
            machine = KernelMachine.of(arch, ramSize(DEFAULT_KERNEL_RAM), memoryMap, crash, crashkernel);
        }
        return machine;
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
