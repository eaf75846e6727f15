package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngines;
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
            ObjectNode n = r.outcome() != null ? OutcomeJson.of(r.outcome()) : arr.objectNode();
            n.put("arch", r.arch().name());
            if (r.engine() != null) {
                agreementJson(n, r, EngineAgreement.find(agreement, r.arch()));
            }
            if (r.memory() != null) {
                n.put("loads", r.memory().loads);
                n.put("stores", r.memory().stores);
                n.put("bytesWritten", r.memory().bytesWritten);
            }
            if (r.outcome() == null) {
                n.put("runnable", false);
                n.put("reason", r.reason());
            }
            arr.add(n);
        }
        return arr;
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
