package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code compare}: the demo image on every architecture, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Relocate one image on several architectures and compare them side by side.",
            "Columns: stub bytes, instructions, instructions per page, loads, stores and bytes written (counted "
                + "on a second, hooked run), engine time, verified; then each architecture's entry registers."})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "all", paramLabel = "all|A,B,...",
            description = "Architectures to compare (default: ${DEFAULT-VALUE}).")
    String archs;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = "--markdown", description = "Print a Markdown table.")
    boolean markdown;

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
        List<ComparisonRow> rows = new ArrayList<>();
        for (Arch a : selected()) {
            rows.add(ComparisonRow.of(a, image, common.quiet ? null : spec.commandLine().getErr(), true));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = OutcomeJson.MAPPER.createArrayNode();
            for (ComparisonRow r : rows) {
                ObjectNode n = r.outcome() != null ? OutcomeJson.of(r.outcome()) : arr.objectNode();
                n.put("arch", r.arch().cliName());
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
            out.println(OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
        } else {
            out.print(ComparisonRow.table(rows, markdown));
            out.print(ComparisonRow.entryRegisters(rows, markdown));
        }
        out.flush();
        boolean allRunnableVerified = rows.stream().allMatch(r -> r.outcome() == null || r.outcome().verified());
        return allRunnableVerified ? 0 : KexecLab.EXIT_FAILED;
    }

    private List<Arch> selected() {
        List<Arch> out = new ArrayList<>();
        if (archs.equalsIgnoreCase("all")) {
            out.addAll(List.of(Arch.values()));
        } else {
            for (String s : archs.split(",")) {
                out.add(Arch.fromName(s));
            }
        }
        return out;
    }
}
