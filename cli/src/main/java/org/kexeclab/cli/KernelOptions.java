package org.kexeclab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kexeclab.Arch;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.ImageFormatException;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.LoadPlan;
import org.kexeclab.loader.LoadRequest;
import org.kexeclab.loader.PlanningException;
import picocli.CommandLine.Option;

/**
 * A real kernel to load the way kexec-tools would: the kernel file, an optional initrd,
 * command line and device tree, and the machine's RAM size. Planned with
 * {@link KernelLoader} and given the architecture's purgatory.
 */
final class KernelOptions {
    @Option(names = "--kernel", paramLabel = "FILE",
            description = "A kernel file: x86_64 bzImage, arm64 Image (or gzipped), arm zImage, or ELF vmlinux.")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE", description = "An initrd to load with --kernel (opaque bytes).")
    Path initrd;

    @Option(names = "--cmdline", paramLabel = "TEXT", description = "The kernel command line (with --kernel).")
    String cmdline;

    @Option(names = "--dtb", paramLabel = "FILE",
            description = "A device tree to patch instead of the generated one (with --kernel; not x86_64).")
    Path dtb;

    @Option(names = "--mem", paramLabel = "SIZE",
            description = "RAM of the emulated machine, e.g. 512M or 2G (default: 128M; with --kexec-log: "
                    + "the smallest that holds the log's segments).")
    String mem;

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
        return mem == null ? fallback : Numbers.parse(mem, "--mem");
    }

    /**
     * The plan for the kernel on {@code arch}, purgatory included.
     *
     * @throws UsageException if a file cannot be loaded or the load cannot be planned (one sentence)
     */
    LoadPlan plan(Arch arch) {
        LoadRequest req = LoadRequest.of(read(kernel, "--kernel")).withRam(ramSize(StandardMachine.DEFAULT_RAM));
        if (initrd != null) {
            req = req.withInitrd(read(initrd, "--initrd"));
        }
        if (cmdline != null) {
            req = req.withCmdline(cmdline);
        }
        if (dtb != null) {
            req = req.withDtb(read(dtb, "--dtb"));
        }
        try {
            return KernelLoader.plan(arch, req).withPurgatory();
        } catch (ImageFormatException e) {
            Path file = e.format().equals("DTB") && dtb != null ? dtb : kernel;
            throw new UsageException("cannot load '" + file + "' for " + arch.cliName() + ": " + e.getMessage());
        } catch (PlanningException e) {
            throw new UsageException("cannot plan the load of '" + kernel + "' on " + arch.cliName()
                    + ": " + e.getMessage());
        }
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
