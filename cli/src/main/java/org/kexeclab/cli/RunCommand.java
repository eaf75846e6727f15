package org.kexeclab.cli;

import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run}: one kexec of the chosen image on one architecture, verified. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Relocate an image on one architecture and verify it.",
            "The image is the built-in demo image, --image small|one-page, or your own --segment FILE@ADDR... "
                + "--entry ADDR. Every destination byte, the entry registers and the entry probe are checked; "
                + "exit status 0 only when verified."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--arch", required = true, converter = ArchConverter.class, paramLabel = "ARCH",
            description = "x86_64, arm64, arm, ppc32, ppc64 or ppc64le.")
    Arch arch;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    ImageOptions image;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        KexecOutcome o = DemoRunner.run(arch, image, common.quiet ? null : spec.commandLine().getErr());
        if (json) {
            spec.commandLine().getOut().println(OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(OutcomeJson.of(o)));
        } else {
            spec.commandLine().getOut().print(Text.summary(o, MachineKexecs.forArch(arch).stubName()));
        }
        spec.commandLine().getOut().flush();
        return o.verified() ? 0 : KexecLab.EXIT_FAILED;
    }
}
