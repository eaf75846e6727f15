package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demo}: the built-in image relocated on every architecture, compared. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Relocate the built-in demo image on every architecture, verify each, and compare them.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    ImageOptions image;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DemoRunner.checkFlags(Arches.all(), image);
        PrintWriter out = spec.commandLine().getOut();
        out.println("The demo image: kernel (with an entry probe) at 0x1000000, boot data at 0x1800000,");
        out.println("a 4 MiB initrd at 0x2000000; source and indirection pages scattered across 128 MiB of RAM.");
        out.println();
        EnginesCommand.print(out);
        out.println();
        List<ComparisonRow> rows = new ArrayList<>();
        for (Arch a : Arches.all()) {
            rows.add(ComparisonRow.of(a, image, KexecLab.progress(spec, common), false));
        }
        out.print(ComparisonRow.table(rows, false));
        out.println("(compare adds loads, stores, bytes written and the entry registers; trace and step show every instruction)");
        DemoExcerpt.print(out, rows, image);
        out.flush();
        return rows.stream().allMatch(r -> r.outcome() == null || r.outcome().verified()) ? 0 : KexecLab.EXIT_FAILED;
    }
}
