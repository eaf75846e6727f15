package org.kexeclab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.panic.EmulatedCrashKernel;
import org.kexeclab.panic.PanicConfig;
import org.kexeclab.panic.PanicConfigException;
import org.kexeclab.panic.PanicModel;
import org.kexeclab.panic.PanicNotifier;
import org.kexeclab.panic.PanicTimeline;
import org.kexeclab.panic.TimelineEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code panic}: the crash path step by step, from {@code panic()} to the crash kernel's first
 * instruction (run in the emulator), or to why it was never reached.
 */
@Command(name = "panic", mixinStandardHelpOptions = true,
        description = {"Model panic() in the kernel's order and run the crash kernel's jump in the emulator.",
            "__crash_kexec's machine_kexec runs on the crash image; exit status 0 only when the crash kernel was "
                + "entered and verified. The panic notifiers run in the OLD kernel, before the crash kernel starts; "
                + "it inherits no open files or connections.",
            "With --kernel FILE the crash image is that kernel, loaded as run --crash --kernel loads it (kexec -p: "
                + "into the crash reservation, --crashkernel), and the run follows its purgatory to the kernel's "
                + "entry; the architecture is read from the file when --arch is absent.",
            "With --kexec-log FILE the crash image is the segment layout of a 'kexec -d -p' log (contents generated), "
                + "replayed as run --kexec-log replays it, on the architecture the log's flags name; there is no "
                + "purgatory to follow, so the run ends at the logged entry."})
final class PanicCommand implements Callable<Integer> {
    @Mixin
    ArchOption archOption;

    @Option(names = "--post-notifiers", description = "Boot with crash_kexec_post_notifiers: notifiers and kmsg_dump "
            + "run before __crash_kexec.")
    boolean postNotifiers;

    @Option(names = "--notifier", paramLabel = "NAME:PRIORITY:ok|fail|hang|stop", converter = NotifierConverter.class,
            description = "Register a panic notifier (repeatable; higher priority is called first).")
    List<PanicNotifier> notifiers = new ArrayList<>();

    @Option(names = "--cpus", defaultValue = "4", paramLabel = "N", description = "Online CPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--panic-on-cpu", defaultValue = "0", paramLabel = "K", description = "The CPU that panics "
            + "(default: ${DEFAULT-VALUE}).")
    int panicCpu;

    @Option(names = "--concurrent-panic-cpu", defaultValue = "-1", paramLabel = "K",
            description = "A second CPU that panics at the same time (it loses the panic_cpu claim).")
    int concurrentPanicCpu;

    @Option(names = "--no-crash-image", description = "No crash kernel loaded (kexec -p was never run).")
    boolean noCrashImage;

    @Option(names = "--kexec-lock-held", description = "The kexec lock is held when panic comes (kexec_load in progress).")
    boolean kexecLockHeld;

    @Option(names = "--panic-timeout", defaultValue = "0", paramLabel = "S", description = "The panic= boot parameter: "
            + "0 spins for ever, >0 restarts after S seconds, <0 at once (default: ${DEFAULT-VALUE}).")
    int panicTimeout;

    @Option(names = "--notifier-budget-ms", defaultValue = "10000", paramLabel = "MS",
            description = "How long one notifier may run before the model calls it hung (default: ${DEFAULT-VALUE}).")
    long notifierBudget;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "CPU engine the crash kernel's jump runs on (default: the first engine that runs the "
                    + "architecture: unicorn, else java).")
    String engine;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "The crash image is the segment layout of a 'kexec -d -p ...' log (contents generated; its "
                    + "flags must say KEXEC_ON_CRASH), replayed as run --kexec-log replays it.")
    Path kexecLog;

    @Mixin
    KernelOptions kernel;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PanicConfig config = config();
        kernel.requireKernelForExtras();
        EmulatedCrashKernel crashKernel;
        if (kexecLog != null) {
            crashKernel = replayedCrashKernel();
        } else {
            Arch arch = archOption.resolve(kernel);
            MachineKexec machine = Arches.support(arch).machineKexec();
            CpuEngine cpuEngine = ImageOptions.cpuEngine(engine, arch);
            crashKernel = kernel.given() ? crashKernel(machine, cpuEngine) : EmulatedCrashKernel.demo(machine, cpuEngine);
        }
        PanicTimeline timeline = new PanicModel(config, crashKernel).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(timeline.asMap()));
        } else {
            out.print(text(timeline, config));
        }
        out.flush();
        return timeline.crashKernelVerified() ? 0 : KexecLab.EXIT_FAILED;
    }

    /**
     * The {@code --kernel} file as the pre-loaded crash image, loaded as {@code run --crash --kernel}
     * loads it ({@code kexec -p}: into the crash reservation, with the architecture's crash segments).
     */
    private EmulatedCrashKernel crashKernel(MachineKexec machine, CpuEngine cpuEngine) throws Exception {
        if (noCrashImage) {
            throw new UsageException("--kernel and --no-crash-image cannot be used together: --kernel is the crash "
                    + "image kexec -p loaded");
        }
        kernel.crashLoad();
        LoadPlan plan = kernel.plan(machine.arch(), List.of(machine));
        KexecOptions options = KexecOptions.defaults();
        LoadedImage loaded = kernel.load(machine, plan, LoadOptions.defaults().withControlPages(machine.controlPages()),
                options);
        return EmulatedCrashKernel.kernel(machine, loaded, cpuEngine, options, plan.kernelEntry(), plan.bootRegisters());
    }

    /**
     * The {@code --kexec-log} layout as the pre-loaded crash image, replayed as {@code run --kexec-log}
     * replays a {@code kexec -p} log; a replayed log has no purgatory to follow, so the run ends
     * at the logged entry.
     */
    private EmulatedCrashKernel replayedCrashKernel() throws Exception {
        if (kernel.given()) {
            throw new UsageException("--kexec-log and --kernel cannot be used together: the log is the crash image");
        }
        if (noCrashImage) {
            throw new UsageException("--kexec-log and --no-crash-image cannot be used together: the log is the crash "
                    + "image kexec -p loaded");
        }
        LogReplay replay = LogReplay.loadCrash(kexecLog, archOption.arch, kernel.mem, new ImageOptions());
        MachineKexec machine = Arches.support(replay.arch()).machineKexec();
        return new EmulatedCrashKernel(machine, replay.loaded(), ImageOptions.cpuEngine(engine, replay.arch()),
                replay.options());
    }

    private PanicConfig config() {
        PanicConfig.Builder b = PanicConfig.builder().cpus(cpus).panicCpu(panicCpu).concurrentPanicCpu(concurrentPanicCpu)
                .postNotifiers(postNotifiers).crashImageLoaded(!noCrashImage).kexecLockHeld(kexecLockHeld)
                .panicTimeoutSeconds(panicTimeout).notifierBudgetMillis(notifierBudget);
        notifiers.forEach(b::notifier);
        try {
            return b.build();
        } catch (PanicConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String text(PanicTimeline t, PanicConfig config) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("panic() on %s, %d CPU(s), crash_kexec_post_notifiers=%d%n", t.arch().name(),
                config.cpus(), t.postNotifiers() ? 1 : 0));
        for (TimelineEvent e : t.events()) {
            b.append(e).append('\n');
        }
        if (!config.notifiers().isEmpty() && t.all("panic notifier").isEmpty()) {
            b.append("not run: the ").append(config.notifiers().size()).append(" notifier(s) and kmsg_dump; the old kernel "
                    + "never got that far\n");
        }
        b.append(t.crashKernelVerified() ? "result: " : "result: FAILED: ").append(t.summary()).append('\n');
        b.append("note: ").append(PanicTimeline.NOTE).append('\n');
        return b.toString();
    }

    /** Parses {@code --notifier NAME:PRIORITY:BEHAVIOUR}; a malformed one is a usage error (exit 2). */
    static final class NotifierConverter implements CommandLine.ITypeConverter<PanicNotifier> {
        @Override
        public PanicNotifier convert(String value) {
            try {
                return PanicNotifier.parse(value);
            } catch (PanicConfigException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
