package org.kexeclab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.bootcheck.BootCheck;
import org.kexeclab.bootcheck.BootCheckReport;
import org.kexeclab.bootcheck.PageCorruption;
import org.kexeclab.bootcheck.QemuMachines;
import org.kexeclab.bootcheck.QemuUnavailableException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.loader.KernelFormats;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code boot-check}: relocates a real kernel in the emulator on the memory map of the
 * architecture's QEMU machine, hands exactly the destination memory and the entry registers
 * the emulator produced to that {@code qemu-system-*}, and watches the serial console for the
 * kernel's banner. Exit 0 only when the banner appears within the timeout.
 */
@Command(name = "boot-check", mixinStandardHelpOptions = true,
        description = {"Prove it boots: relocate a real kernel in the emulator, hand the relocated memory and the "
                + "entry registers to QEMU (no -kernel) and watch the console for the kernel's banner.",
            "The load is planned on the QEMU machine's memory map with its own device tree, relocated by the stub and "
                + "followed through the purgatory to the kernel entry, both verified; then every destination is read "
                + "back out of the emulated memory and QEMU starts at a small trampoline that sets the entry registers "
                + "the emulated CPU held. Exit status 0 only when 'Linux version ...' appears within --timeout. "
                + "QEMU machines: ${bundle:kexeclab.bootCheckArches}."})
final class BootCheckCommand implements Callable<Integer> {
    /** RAM of the QEMU machine without {@code --mem}: 1 GiB, room for a distribution kernel and its initrd. */
    static final long DEFAULT_RAM = 1L << 30;

    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "ARCH",
            description = "The architecture (default: the kernel file's).")
    Arch arch;

    @Option(names = "--kernel", required = true, paramLabel = "FILE",
            description = "A kernel file: ${bundle:kexeclab.kernelFormats}.")
    Path kernel;

    @Option(names = "--initrd", paramLabel = "FILE", description = "An initrd to load with the kernel.")
    Path initrd;

    @Option(names = "--cmdline", paramLabel = "TEXT",
            description = "More kernel command line, after the machine's console arguments.")
    String cmdline;

    @Option(names = "--mem", paramLabel = "SIZE", description = "RAM of the QEMU machine, whole MiB (default: 1G).")
    String mem;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "CPU engine that relocates (default: the first engine that runs the architecture).")
    String engine;

    @Option(names = "--relocate-with", paramLabel = "stub|kernel", defaultValue = "stub",
            description = "What relocates in the emulator: kexec-lab's stub (default) or the kernel's own code.")
    String relocateWith;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long QEMU may take to print the banner (default: ${DEFAULT-VALUE}).")
    double timeout;

    @Option(names = "--console", paramLabel = "FILE", description = "Save everything QEMU's serial console printed.")
    Path console;

    @Option(names = "--corrupt-page", paramLabel = "ADDR|entry",
            description = "Negative control: invert the 4 KiB destination page holding ADDR (entry: the kernel "
                    + "entry's page) in what is handed to QEMU, after the emulator's checks; the kernel must not boot.")
    String corruptPage;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BootCheck.Request req = request();
        BootCheckReport report;
        StatusLine progress = KexecLab.progress(spec, common);
        try {
            if (progress != null) {
                progress.show("boot-check: relocating on " + req.engine().name() + ":" + req.arch() + ", then QEMU ...");
            }
            report = BootCheck.run(req);
        } catch (QemuUnavailableException e) {
            throw new KexecFailedException("boot-check cannot run here: " + e.getMessage());
        } catch (IllegalArgumentException corruptOutside) {
            if (corruptPage == null) {
                throw corruptOutside;
            }
            throw new UsageException("--corrupt-page " + corruptPage + ": " + corruptOutside.getMessage());
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        if (console != null && report.verdict() != null) {
            saveConsole(report.verdict().console());
        }
        print(BootCheckText.of(report, kernel.getFileName().toString()));
        return status(report.failure());
    }

    private BootCheck.Request request() {
        if (!relocateWith.equals("stub")) {
            throw new UsageException("--relocate-with " + relocateWith + ": only 'stub' relocates in this build (the "
                    + "kernel's own relocation code cannot be run yet)");
        }
        if (!(timeout > 0) || timeout > 3600) {
            throw new UsageException("--timeout " + timeout + " is not a number of seconds between 0 and 3600");
        }
        long ram = mem == null ? DEFAULT_RAM : KernelOptions.parseRam(mem);
        if (ram % (1 << 20) != 0) {
            throw new UsageException("--mem " + mem + " is not a whole number of MiB, as QEMU's -m needs");
        }
        LoadRequest load = LoadRequest.of(KernelOptions.read(kernel, "--kernel"));
        if (initrd != null) {
            load = load.withInitrd(KernelOptions.read(initrd, "--initrd"));
        }
        if (cmdline != null) {
            load = load.withCmdline(cmdline);
        }
        Arch a = arch != null ? arch : detectedArch(load);
        return new BootCheck.Request(a, load, ram, ImageOptions.cpuEngine(engine, a), LoadOptions.defaults(),
                KexecOptions.defaults(),
                Duration.ofMillis(Math.round(timeout * 1000)), corruption());
    }

    private Arch detectedArch(LoadRequest load) {
        try {
            return KernelFormats.parseAny(load.kernel(), load.maxDecompressed()).arch();
        } catch (ImageFormatException e) {
            throw new UsageException("cannot load '" + kernel + "': " + e.getMessage());
        }
    }

    private PageCorruption corruption() {
        if (corruptPage == null) {
            return null;
        }
        if (corruptPage.trim().toLowerCase(Locale.ROOT).equals("entry")) {
            return PageCorruption.entryPage();
        }
        return PageCorruption.at(Numbers.parse(corruptPage, "--corrupt-page"));
    }

    private void saveConsole(byte[] bytes) {
        try (OutputFile out = OutputFile.open(console, spec.commandLine().getOut())) {
            out.writer().write(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
            out.commit();
        } catch (IOException e) {
            throw new OutputFailedException("cannot write the console log to '" + console + "': " + e.getMessage(), e);
        }
    }

    /** 0 when booted; else the failure goes to stderr too and the status is 1. */
    private int status(String failure) {
        if (failure == null) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("kexec-lab: " + failure);
        err.flush();
        return KexecLab.EXIT_FAILED;
    }

    private void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }

    /** The architectures with a QEMU machine, for the help text. */
    static String arches() {
        return String.join(", ", QemuMachines.arches().stream().map(Arch::name).toList());
    }
}
