package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecImage;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.kexec.kernelcode.RelocateWith;
import org.kexeclab.loader.plan.LoadPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: the demo image on every architecture, side by side; with {@code --engines}
 * also every engine side by side, one row per engine:arch, and whether the engines agree.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Relocate one image on several architectures and compare them side by side.",
            "Columns: stub bytes, instructions, instructions per page, loads, stores and bytes written (counted "
                + "on a second, hooked run), engine time, verified; then each architecture's entry registers.",
            "With --engines unicorn,java: one row per engine:arch (a combination that cannot run says why in one "
                + "line), then per architecture whether the engines agree on " + EngineAgreement.COMPARED
                + "; a difference is named and the exit status is 1.",
            "With --relocate-with kernel,stub --arch ARCH [--kernel FILE]: the same image (the kernel file, or the "
                + "demo image with --code-from FILE) relocated by the kernel's own relocation code and by kexec-lab's "
                + "stub side by side: the columns above plus the SHA-256 of every destination byte, the entry "
                + "registers and where they differ, and why; the exit status is 1 unless both are verified and "
                + "leave identical destination memory.",
            "With --kernel-for ARCH=FILE... (or --debian: the kernels scripts/fetch-kernels fetched, or one --kernel "
                + "FILE): each kernel loaded as run --kernel loads it and followed to its entry, side by side: segments, "
                + "pages, instructions of the stub and of the purgatory, their loads and stores, and the boot registers "
                + "at the kernel's entry.",
            "With --kexec-log FILE... (repeatable): each 'kexec -d' log's segment layout replayed (contents generated) "
                + "on the architecture its flags name and counted as above, one row per log.",
            "--format html --out FILE writes one self-contained page instead: the architectures side by side, one "
                + "column each, lined up page copy by page copy (each stub line's count for the page, steps per page)."})
final class CompareCommand implements Callable<Integer> {
    enum Format { text, html }

    @Option(names = "--arch", defaultValue = "all", paramLabel = "all|A,B,...",
            description = "Architectures to compare (default: ${DEFAULT-VALUE}).")
    String archs;

    @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
            description = "Run every architecture on each of these engines (e.g. unicorn,java) side by side and "
                    + "check that they agree; not with --engine.")
    List<String> engines;

    @Option(names = "--json", description = "Print a JSON array instead of a table (with --engines each row "
            + "also has enginesAgree and, when false, differences).")
    boolean json;

    @Option(names = "--markdown", description = "Print a Markdown table.")
    boolean markdown;

    @Option(names = "--relocate-with", split = ",", paramLabel = "kernel,stub",
            description = "Compare relocators instead of architectures: the kernel's own relocation code (from the "
                    + "--kernel file or --code-from FILE) and kexec-lab's stub, on one --arch.")
    List<String> relocateWith;

    @Option(names = "--code-from", paramLabel = "FILE",
            description = "The kernel file whose relocation code --relocate-with kernel runs (default: the --kernel file).")
    Path codeFrom;

    @Option(names = "--system-map", paramLabel = "FILE",
            description = "A System.map for that kernel file, instead of the symbols its kallsyms table names.")
    Path systemMap;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--kernel-for", paramLabel = "ARCH=FILE",
            description = "Compare kernel files: ARCH's kernel FILE, loaded as run --kernel loads it (repeat for each "
                    + "architecture; --initrd, --cmdline and --mem apply to every one).")
    List<String> kernelFor;

    @Option(names = "--debian", description = "Compare the Debian kernels scripts/fetch-kernels fetched (in "
            + "$KEXECLAB_KERNELS, else ~/.cache/kexec-lab/kernels), one per architecture (--arch: only those).")
    boolean debian;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "Compare replays of 'kexec -d -l ...' / 'kexec -d -p ...' logs instead: each log's segment layout "
                    + "(contents generated) on its architecture (from the log's flags, or --arch with one log), one row per "
                    + "log (repeatable).")
    List<Path> kexecLogs;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|html",
            description = "text: the table (default; --json and --markdown change it); html: the side-by-side page, "
                    + "written to --out.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "With --format html: the page's file (- for standard "
            + "output); a regular file is replaced whole or not at all.")
    java.nio.file.Path out;

    @Mixin
    ImageOptions image;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (json && markdown) {
            throw new UsageException("--json and --markdown cannot be used together");
        }
        if (engines != null && image.engine != null) {
            throw new UsageException("--engine and --engines cannot be used together: list every engine in --engines");
        }
        if (kexecLogs != null) {
            return logs();
        }
        if (relocateWith != null) {
            if (kernelFor != null || debian) {
                throw new UsageException("--relocate-with compares relocators on one --kernel, not --kernel-for or --debian");
            }
            return relocators();
        }
        if (codeFrom != null || systemMap != null) {
            throw new UsageException("--code-from and --system-map go with --relocate-with in compare");
        }
        if (kernelFor != null || debian || kernel.given()) {
            return kernels();
        }
        DemoRunner.checkFlags(selected(), image);
        if (format == Format.html) {
            return html();
        }
        if (out != null) {
            throw new UsageException("--out goes with --format html: the table goes to standard output");
        }
        List<ComparisonRow> rows = engines == null ? perArch() : perEngine();
        List<EngineAgreement> agreement = engines == null ? List.of() : EngineAgreement.of(rows);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(rows, agreement)));
        } else {
            out.print(ComparisonRow.table(rows, markdown));
            if (engines != null) {
                out.print(EngineAgreement.section(agreement, markdown));
            }
            out.print(ComparisonRow.entryRegisters(rows, markdown));
        }
        out.flush();
        boolean allRunnableVerified = rows.stream().allMatch(r -> r.outcome() == null || r.outcome().verified());
        boolean enginesAgree = agreement.stream().allMatch(EngineAgreement::agree);
        return allRunnableVerified && enginesAgree ? 0 : KexecLab.EXIT_FAILED;
    }

    private int html() throws Exception {
        if (json || markdown) {
            throw new UsageException("--format html writes a page: leave out --json and --markdown");
        }
        HtmlTrace.requireOut(out);
        if (engines != null) {
            engines.forEach(ImageOptions::engineNamed);   // an unknown name fails here, before any run
        }
        try (OutputFile file = OutputFile.open(out, spec.commandLine().getOut())) {
            return new CompareHtml(image, out.toString().equals("-") ? null : progress())
                    .write(file, selected(), engines, "kexec-lab " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        }
    }

    /** The rows as a JSON array: outcomes, memory counts, reasons, and with --engines the agreement. */
    private static ArrayNode json(List<ComparisonRow> rows, List<EngineAgreement> agreement) {
        ArrayNode arr = OutcomeJson.MAPPER.createArrayNode();
        for (ComparisonRow r : rows) {
            ObjectNode n = r.json();
            if (r.engine() != null) {
                agreementJson(n, r, EngineAgreement.find(agreement, r.arch()));
            }
            arr.add(n);
        }
        return arr;
    }

    /** {@code --kernel-for}, {@code --debian} or {@code --kernel}: kernel files side by side, each run as run --kernel runs it. */
    private int kernels() throws Exception {
        if (format == Format.html || out != null) {
            throw new UsageException("compare on kernel files prints a table (text, --markdown or --json), not --format html");
        }
        if (engines != null) {
            throw new UsageException("compare on kernel files runs each on one engine: choose it with --engine");
        }
        List<KernelPicks.Pick> picks = KernelPicks.pick(kernel, kernelFor, debian, archs, selected());
        if (picks.size() > 1 && kernel.describesOneMachine()) {
            throw new UsageException("--dtb, --memory-map and --crashkernel describe one machine: give them with one kernel");
        }
        List<KernelComparison.Row> rows = new ArrayList<>();
        for (KernelPicks.Pick p : picks) {
            rows.add(KernelComparison.run(p.arch(), kernel.forKernel(p.file()), image, progress()));
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(json ? OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(KernelComparison.json(rows))
                + "\n" : KernelComparison.text(rows, markdown));
        w.flush();
        return rows.stream().allMatch(r -> r.outcome().verified()) ? 0 : KexecLab.EXIT_FAILED;
    }

    /** {@code --kexec-log FILE...}: each log's layout replayed and counted, one row per log. */
    private int logs() throws Exception {
        String other = kernelFor != null ? "--kernel-for" : debian ? "--debian" : kernel.given() ? "--kernel"
                : relocateWith != null ? "--relocate-with" : engines != null ? "--engines"
                : format == Format.html ? "--format html" : codeFrom != null ? "--code-from"
                : systemMap != null ? "--system-map" : out != null ? "--out" : null;
        if (other != null) {
            throw new UsageException("--kexec-log and " + other + " cannot be used together: compare --kexec-log "
                    + "prints one row per replayed log");
        }
        kernel.requireKernelForExtras();
        kernel.refuseImageOptions(image);
        Arch arch = null;
        if (!archs.equalsIgnoreCase("all")) {
            if (kexecLogs.size() != 1 || selected().size() != 1) {
                throw new UsageException("--arch with --kexec-log names one architecture for one log; leave it out to "
                        + "replay each log on the architecture its flags name");
            }
            arch = selected().get(0);
        }
        LogComparison c = LogComparison.run(kexecLogs, arch, kernel.mem, image, progress());
        PrintWriter w = spec.commandLine().getOut();
        w.print(json ? OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c.json()) + "\n"
                : c.text(markdown));
        w.flush();
        return c.verified() ? 0 : KexecLab.EXIT_FAILED;
    }

    /** {@code --relocate-with}: each relocator on the same image, architecture and engine. */
    private int relocators() throws Exception {
        if (format == Format.html || out != null) {
            throw new UsageException("--relocate-with prints a table (text, --markdown or --json), not --format html");
        }
        if (engines != null) {
            throw new UsageException("--relocate-with compares relocators on one engine: choose it with --engine");
        }
        if (archs.equalsIgnoreCase("all") || selected().size() != 1) {
            throw new UsageException("--relocate-with compares relocators on one architecture: give --arch ARCH");
        }
        Arch arch = selected().get(0);
        kernel.requireKernelForExtras();
        List<RelocateWith> withs = new ArrayList<>();
        for (String w : relocateWith) {
            RelocateWith r = Relocators.parse(w, "--relocate-with");
            if (withs.contains(r)) {
                throw new UsageException("--relocate-with names " + r.label() + " twice");
            }
            withs.add(r);
        }
        Path codeFile = codeFrom != null ? codeFrom : kernel.kernel;
        List<MachineKexec> machines = new ArrayList<>();
        for (RelocateWith w : withs) {
            machines.add(Relocators.machine(arch, w, codeFile, systemMap));
        }
        RelocatorComparison.Loader loader;
        if (kernel.given()) {
            kernel.refuseImageOptions(image);
            LoadPlan plan = kernel.plan(arch, machines);
            loader = m -> kernel.load(m, plan, image);
        } else {
            KexecImage built = ImageSource.build(Arches.support(arch).machineKexec(), image, "demo");
            loader = m -> KexecLoad.load(m, built, image.loadOptions(m.controlPages()), image.kexecOptions());
        }
        List<RelocatorComparison.Row> rows = new ArrayList<>();
        for (int i = 0; i < withs.size(); i++) {
            rows.add(RelocatorComparison.run(withs.get(i).label(), machines.get(i), loader, image.kexecOptions(),
                    image.cpuEngine(arch), progress()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(RelocatorComparison.json(rows)) + "\n"
                : RelocatorComparison.text(rows, markdown));
        out.flush();
        return RelocatorComparison.agree(rows) ? 0 : KexecLab.EXIT_FAILED;
    }

    /** One row per architecture, each on its default engine (or --engine). */
    private List<ComparisonRow> perArch() throws Exception {
        List<ComparisonRow> rows = new ArrayList<>();
        for (Arch a : selected()) {
            rows.add(ComparisonRow.of(a, image, progress(), true));
        }
        return rows;
    }

    /** One row per architecture and engine of --engines, architecture by architecture. */
    private List<ComparisonRow> perEngine() throws Exception {
        List<String> names = new ArrayList<>();
        for (String e : engines) {
            names.add(ImageOptions.engineNamed(e).name());   // an unknown name fails here, before any run
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (Arch a : selected()) {
            for (int i = 0; i < engines.size(); i++) {
                image.engine = engines.get(i);   // the rows' runs read the engine from the image options
                try {
                    rows.add(ComparisonRow.of(a, image, progress(), true).labelled(names.get(i)));
                } finally {
                    image.engine = null;
                }
            }
        }
        return rows;
    }

    private static void agreementJson(ObjectNode n, ComparisonRow r, EngineAgreement a) {
        n.put("engine", r.outcome() != null ? r.outcome().engine() : r.engine());
        if (r.outcome() != null && a.compared()) {
            n.put("enginesAgree", a.agree());
            if (!a.agree()) {
                ArrayNode d = n.putArray("differences");
                a.differences().forEach(d::add);
            }
        }
    }

    private StatusLine progress() {
        return KexecLab.progress(spec, common);
    }

    private List<Arch> selected() {
        List<Arch> out = new ArrayList<>();
        if (archs.equalsIgnoreCase("all")) {
            out.addAll(Arches.all());
        } else {
            for (String s : archs.split(",")) {
                try {
                    out.add(Arches.byName(s));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--arch: " + e.getMessage());
                }
            }
        }
        return out;
    }
}
