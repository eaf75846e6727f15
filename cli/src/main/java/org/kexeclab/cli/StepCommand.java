package org.kexeclab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code step}: walk the relocation stub instruction by instruction, reading commands from stdin. */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = {"Step through the relocation stub, for teaching.",
            "Commands come from standard input (type help): step, next, continue, break, watch, rwatch, regs, "
                + "x/8gx, list, entry, quit. Works in a plain terminal and from a pipe. The default image is small (5 pages); "
                + "with --crash it is the demo image; --kernel and --kexec-log load as run does, and with --kernel "
                + "the session steps on from the stub into the purgatory, to the kernel's entry."})
final class StepCommand implements Callable<Integer> {
    static final String HELP = String.join("\n",
            "step [N]             execute N instructions (default 1), showing each",
            "next                 run on until the stub loads the next list entry (over a page copy)",
            "continue [LABEL|ADDR] run until a breakpoint, LABEL/ADDR, or the entry point",
            "break LABEL|ADDR     stop there on continue (with --kernel also: break purgatory, break kernel)",
            "watch ADDR[,LEN]     stop after the instruction that writes any of LEN bytes (default: a word)",
            "rwatch ADDR[,LEN]    stop after the instruction that reads any of them",
            "regs                 the registers",
            "x/NFx ADDR|LABEL     N units of memory, F = b (1 byte), h (2), w (4) or g (8), e.g. x/8gx 0x1000000",
            "list                 the stub's source around the next instruction",
            "entry                the list entry being processed, in plain words",
            "help                 this text",
            "quit                 leave");
    private static final Pattern EXAMINE = Pattern.compile("x/(\\d*)([bhwg])x");

    @Mixin
    ArchOption archOption;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "Step the segment layout of a 'kexec -d -l ...' log (contents are generated).")
    java.nio.file.Path kexecLog;

    @Mixin
    ImageOptions image;

    @Mixin
    KernelOptions kernel;

    @Mixin
    RelocatorOptions relocator;

    @Mixin
    CommonOptions common;

    @ParentCommand
    KexecLab parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Arch given = kexecLog != null ? archOption.arch : archOption.resolve(kernel);
        TraceTarget target = TraceTarget.of(given, image, kernel, kexecLog, relocator);
        Arch arch = target.arch();
        MachineKexec machine = target.machine();
        LoadedImage loaded = target.loaded();
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
        try (KexecRun run = KexecRun.prepare(machine, loaded, target.options(), image.cpuEngine(arch));
             Stepper s = new Stepper(run, out, image.budget, target.legs(run.launch().stub()),
                     target.plan() == null ? java.util.Map.of() : target.plan().bootRegisters())) {
            out.printf("Stepping %s on %s: %d page%s in the image, %s. Type help for commands.%n",
                    machine.stubName(), arch.name(), loaded.totalPages(), loaded.totalPages() == 1 ? "" : "s",
                    loaded.description().describeHead());
            if (target.plan() != null) {
                out.printf("Loaded %s; then the purgatory runs to the kernel's entry 0x%x (break purgatory, break "
                        + "kernel).%n", target.image(), target.plan().kernelEntry());
            }
            s.where();
            while (true) {
                out.print("(kexec) ");
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    out.println();
                    break;
                }
                if (!dispatch(s, line.strip(), out)) {
                    break;
                }
                out.flush();
            }
            out.flush();
        } catch (IOException e) {
            throw new UsageException("cannot read commands from standard input: " + e.getMessage());
        }
        return 0;
    }

    /** Runs one command; false to leave. A command that cannot run says why in one sentence and the session goes on. */
    static boolean dispatch(Stepper s, String line, PrintWriter out) {
        if (line.isEmpty()) {
            return true;
        }
        String[] w = line.split("\\s+");
        String arg = w.length > 1 ? w[1] : null;
        try {
            switch (w[0]) {
                case "step", "s", "stepi", "si" -> s.step(arguments(w, 0, 1) == 0 ? 1 : positive(arg));
                case "next", "n" -> noArguments(w, s::next);
                case "continue", "c" -> s.resume(arguments(w, 0, 1) == 0 ? -1 : s.address(arg));
                case "break", "b" -> s.addBreakpoint(s.address(required(w, "an address or a label")));
                case "watch", "rwatch" -> watch(s, required(w, "an address or a label, and a length: ADDR[,LEN]"),
                        w[0].equals("rwatch"));
                case "regs", "registers" -> noArguments(w, s::registers);
                case "info" -> {
                    if (arguments(w, 0, 1) == 1 && !arg.startsWith("reg")) {
                        throw new UsageException("info shows the registers only (info registers); type help");
                    }
                    s.registers();
                }
                case "list", "l" -> noArguments(w, s::list);
                case "entry", "e" -> noArguments(w, s::entry);
                case "help", "h", "?" -> noArguments(w, () -> out.println(HELP));
                case "quit", "q", "exit" -> {
                    arguments(w, 0, 0);
                    return false;
                }
                default -> examineOrUnknown(s, w, out);
            }
        } catch (UsageException e) {
            out.println(e.getMessage());
        }
        return true;
    }

    /** The number of arguments after the command word, refused unless it is {@code min..max}. */
    private static int arguments(String[] w, int min, int max) {
        int n = w.length - 1;
        if (n > max) {
            String given = String.join(" ", java.util.Arrays.copyOfRange(w, 1, w.length));
            String allowed = max == 0 ? "no arguments" : min == max ? "one argument" : "one argument at most";
            throw new UsageException("'" + w[0] + "' takes " + allowed + ", not '" + given + "'; type help");
        }
        if (n < min) {
            throw new UsageException("'" + w[0] + "' needs " + min + " argument; type help");
        }
        return n;
    }

    private static void noArguments(String[] w, Runnable command) {
        arguments(w, 0, 0);
        command.run();
    }

    private static void examineOrUnknown(Stepper s, String[] w, PrintWriter out) {
        Matcher m = EXAMINE.matcher(w[0]);
        if (!m.matches()) {
            out.println("unknown command '" + w[0] + "'; type help");
            return;
        }
        int count = m.group(1).isEmpty() ? 1 : (int) Math.min(positive(m.group(1)), Integer.MAX_VALUE);
        if (count > 4096) {
            throw new UsageException("x/: at most 4096 units at a time");
        }
        int unit = switch (m.group(2)) {
            case "b" -> 1;
            case "h" -> 2;
            case "w" -> 4;
            default -> 8;
        };
        s.examine(memoryAddress(s.stub(), required(w, "an address or a label")), count, unit);
    }

    /** {@code watch ADDR|LABEL[,LEN]}: LEN bytes (default the architecture's word), at most a page. */
    private static void watch(Stepper s, String spec, boolean reads) {
        int comma = spec.indexOf(',');
        long address = memoryAddress(s.stub(), comma < 0 ? spec : spec.substring(0, comma));
        long length = comma < 0 ? s.wordSize() : positive(spec.substring(comma + 1));
        if (length > 4096) {
            throw new UsageException("watch: at most 4096 bytes at a time, not " + length);
        }
        s.addWatchpoint(address, length, reads);
    }

    private static long memoryAddress(Stub stub, String where) {
        return stub.hasSymbol(where) ? stub.symbol(where) : Numbers.parse(where, "address");
    }

    /** The one argument of {@code w[0]}, which needs {@code what}; none or more are refused. */
    private static String required(String[] w, String what) {
        if (w.length < 2) {
            throw new UsageException(w[0] + " needs " + what + "; type help");
        }
        arguments(w, 1, 1);
        return w[1];
    }

    private static long positive(String s) {
        long n = Numbers.parse(s, "count");
        if (n <= 0) {
            throw new UsageException("count: '" + s + "' must be a positive number");
        }
        return n;
    }
}
