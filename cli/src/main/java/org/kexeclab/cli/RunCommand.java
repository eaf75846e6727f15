package org.kexeclab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.engine.EngineException;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: one kexec of the chosen image on one architecture, verified. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Relocate an image on one architecture and verify it.",
            "The image is the built-in demo image, --image small|one-page, your own --segment FILE@ADDR... "
                + "--entry ADDR, a real kernel (--kernel FILE [--initrd FILE] [--cmdline TEXT] [--dtb FILE]), "
                + "loaded as kexec-tools would with the project's purgatory, or the layout of a "
                + "'kexec -d' log (--kexec-log FILE, contents generated). Every destination byte, the entry "
                + "registers and the entry probe are checked; with --kernel the purgatory must also reach the "
                + "kernel entry with the boot registers. Exit status 0 only when verified."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "ARCH",
            description = "${bundle:kexeclab.archOneOf} (with --kexec-log: default from the log's flags).")
    Arch arch;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "Replay the segment layout of a 'kexec -d -l ...' log (contents are generated).")
    Path kexecLog;

    @Mixin
    ImageOptions image;

    @Mixin
    KernelOptions kernel;

    @Mixin
    RelocatorOptions relocator;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        kernel.requireKernelForExtras();
        if (kexecLog != null) {
            return replay();
        }
        if (kernel.given()) {
            return runKernel();
        }
        if (kernel.mem != null) {
            throw new UsageException("--mem goes with --kernel or --kexec-log");
        }
        MachineKexec machine = relocator.machine(requireArch(), null);
        KexecOutcome o = DemoRunner.run(machine, image, progress(), null);
        if (json) {
            print(OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(OutcomeJson.of(o)));
        } else {
            print(Text.summary(o, machine.stubName()));
        }
        return status(o.failure());
    }

    private int runKernel() throws Exception {
        kernel.refuseImageOptions(image);
        arch = kernel.arch(arch);
        MachineKexec machine = relocator.machine(arch, kernel.kernel);
        LoadPlan plan = kernel.plan(arch, List.of(machine));
        KernelRunner.Outcome o = KernelRunner.run(machine, plan, kernel.load(machine, plan, image), image, progress());
        print(json ? OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(KernelReport.json(plan, o))
                : KernelReport.text(plan, o, machine.stubName()));
        return status(o.failure());
    }

    private int replay() throws Exception {
        if (kernel.given()) {
            throw new UsageException("--kexec-log and --kernel cannot be used together: the log is the layout");
        }
        kernel.refuseImageOptions(image);
        LogReplay replay = LogReplay.load(kexecLog, arch, kernel.mem, image);
        MachineKexec machine = relocator.machine(replay.arch(), null);
        Relocators.refuseUnfit(machine, replay.loaded());
        KexecOutcome o;
        try {
            o = KernelRunner.replay(machine, replay, image, progress());
        } catch (EngineException e) {
            throw new KexecFailedException(String.format("the replay of '%s' maps %s in %d windows and the CPU "
                    + "engine could not provide them: %s", kexecLog, LogReplay.mib(replay.loaded().mappedBytes()),
                    replay.loaded().mappedWindows().size(), e.getMessage()));
        }
        print(json
                ? OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(KernelReport.replayJson(replay, o))
                : KernelReport.replayText(replay, o, machine.stubName()));
        return status(o.failure());
    }

    /**
     * 0 if {@code failure} is null; else the failure's sentence also goes to stderr (the report
     * on stdout may be piped away or be JSON) and the status is 1.
     */
    private int status(String failure) {
        if (failure == null) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("kexec-lab: " + failure);
        err.flush();
        return KexecLab.EXIT_FAILED;
    }

    private Arch requireArch() {
        if (arch == null) {
            throw new UsageException("--arch ARCH is required (" + HelpTexts.archOneOf() + ")");
        }
        return arch;
    }

    private StatusLine progress() {
        return KexecLab.progress(spec, common);
    }

    private void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
