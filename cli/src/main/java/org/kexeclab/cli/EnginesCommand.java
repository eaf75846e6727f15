package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.EngineSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code engines}: which CPU engines are here and which architectures each can run. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "Probe every CPU engine on every architecture and say what runs (and why not).")
final class EnginesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        print(spec.commandLine().getOut());
        return 0;
    }

    static void print(PrintWriter out) {
        for (CpuEngine e : CpuEngines.all()) {
            out.printf("engine %s%n", e.name());
            for (Arch a : Arches.all()) {
                EngineSupport s = e.probe(a);
                out.printf("  %-8s %s%n", a, s.supported() ? "runs" : "cannot run: " + s.reason());
            }
        }
        out.flush();
    }
}
