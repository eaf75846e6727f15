package org.kexeclab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.gdb.DebuggedKexec;
import org.kexeclab.gdb.GdbServer;
import org.kexeclab.gdb.elf.CodePiece;
import org.kexeclab.gdb.elf.StubElf;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.loader.plan.LoadPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gdbserver}: GDB's remote protocol on the machine {@code run} would run, stopped at the stub's first instruction. */
@Command(name = "gdbserver", mixinStandardHelpOptions = true,
        description = {"Prepare the machine as run does, stop at the stub's first instruction and let GDB attach.",
            "Serves GDB's remote serial protocol on 127.0.0.1 (never another interface), or on standard input and "
                + "output with --stdio, until the debugger detaches or the stub reaches the new kernel's entry, "
                + "which is then verified (the verdict goes to GDB's console and to stderr). GDB gets the stub as an "
                + "ELF file with its source lines, breakpoints, watchpoints, and reverse execution (reverse-stepi, "
                + "reverse-continue, reverse-next). Connect with: gdb-multiarch -ex 'target remote :PORT'."})
final class GdbserverCommand implements Callable<Integer> {
    @Mixin
    ArchOption archOption;

    @Option(names = "--port", defaultValue = "1234", paramLabel = "N",
            description = "TCP port on 127.0.0.1; 0 picks a free one, which is printed (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--stdio", description = "Serve on standard input and output instead of a port "
            + "(gdb-multiarch -ex 'target remote | kexec-lab gdbserver --stdio ...').")
    boolean stdio;

    @Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS",
            description = "Give up when no debugger connects within this time (default: ${DEFAULT-VALUE}, for ever).")
    long waitSeconds;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "Debug the replay of a 'kexec -d -l ...' log's layout (contents are generated).")
    Path kexecLog;

    @Mixin
    ImageOptions image;

    @Mixin
    KernelOptions kernel;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.ParentCommand
    KexecLab parent;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port " + port + " is not a TCP port (0..65535)");
        }
        if (waitSeconds < 0) {
            throw new UsageException("--wait " + waitSeconds + " is not a number of seconds");
        }
        try (PreparedKexec p = PreparedKexec.prepare(archOption.arch, image, kernel, kexecLog, null)) {
            ArchSupport support = Arches.support(p.arch());
            if (support.gdbTarget().isEmpty()) {
                throw new UsageException(p.arch().name() + " has no GDB target description, so GDB cannot debug it");
            }
            Path dir = Files.createTempDirectory("kexec-lab-gdb-");
            try {
                return serve(p, support, dir);
            } finally {
                deleteTree(dir);
            }
        }
    }

    private int serve(PreparedKexec p, ArchSupport support, Path dir) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<CodePiece> pieces = StubPieces.of(p.arch(), p.run().launch().stub(), p.plan());
        String source = pieces.get(0).sourceName();
        Path elf = dir.resolve(source.replaceFirst("\\.S$", "") + ".elf");
        StubElf.write(support, pieces, elf);
        DebuggedKexec kexec = new DebuggedKexec(p.run(), p.options().instructionBudget(), after(p.plan()));
        String what = String.format(Locale.ROOT, "%s, %s on %s", p.arch().name(), source, p.run().cpu().engineName());
        GdbServer.Outcome o;
        if (stdio) {
            err.printf("kexec-lab gdbserver: serving %s on standard input and output; the stub's ELF file and "
                    + "source are in %s%n", what, dir);
            o = GdbServer.serveStreams(kexec, elf, parent.in, System.out, err);
        } else {
            try (GdbServer server = GdbServer.listen(port)) {
                err.printf("kexec-lab gdbserver: listening on 127.0.0.1:%d for %s; the stub's ELF file and source "
                        + "are in %s%nkexec-lab gdbserver: in another terminal: gdb-multiarch -ex 'target remote :%d'%n",
                        server.port(), what, dir, server.port());
                err.flush();
                o = server.serveOne(kexec, elf, Duration.ofSeconds(waitSeconds), err);
            }
        }
        return switch (o) {
            case VERIFIED, DETACHED, DISCONNECTED -> {
                err.println("kexec-lab gdbserver: " + (o == GdbServer.Outcome.VERIFIED ? "done"
                        : "the debugger " + (o == GdbServer.Outcome.DETACHED ? "detached" : "went away")));
                yield 0;
            }
            case FAILED -> throw new KexecFailedException("the kexec under the debugger failed (see above)");
            case NO_DEBUGGER -> throw new KexecFailedException("no debugger connected within " + waitSeconds
                    + " seconds");
        };
    }

    /** For a real kernel: the purgatory's leg to the kernel entry, checked as run checks it. */
    private static DebuggedKexec.AfterEntry after(LoadPlan plan) {
        if (plan == null) {
            return null;
        }
        return run -> {
            KernelEntryLeg.Outcome leg = KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters());
            return leg.verified()
                    ? new DebuggedKexec.Verdict(true, String.format("kexec-lab: the purgatory reached the kernel entry "
                            + "0x%x with the boot registers the kernel expects.%n", plan.kernelEntry()))
                    : new DebuggedKexec.Verdict(false, "kexec-lab: the purgatory's leg FAILED: "
                            + String.join("; ", leg.failures()) + "\n");
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is not worth failing the session for
        }
    }
}
