package org.kexeclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.kexec.MachineKexec;

/**
 * One benchmark target, written {@code engine:arch} in a JMH {@code @Param} (e.g.
 * {@code unicorn:ARCH}, {@code java:ARCH}): the engine and architecture are one parameter so
 * that a run never asks an engine for an architecture it cannot execute. {@link #main} prints the
 * runnable targets (the {@code scripts/bench} driver passes them to JMH) and says on stderr, one
 * sentence each, why the others are skipped.
 *
 * @param engine the engine name prefix given to {@link CpuEngines#byName}
 * @param arch   the architecture
 */
public record BenchTarget(String engine, Arch arch) {
    /** Engines the benchmarks try, in order. */
    public static final List<String> ENGINES = List.of("unicorn", "java");

    /**
     * Parses {@code engine:arch}.
     *
     * @throws IllegalArgumentException if the text is not of that form or names no architecture
     */
    public static BenchTarget parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("benchmark target '" + text + "' is not engine:arch, e.g. unicorn:"
                    + (Arches.names().isEmpty() ? "ARCH" : Arches.names().get(0)));
        }
        return new BenchTarget(text.substring(0, colon).toLowerCase(Locale.ROOT), Arches.byName(text.substring(colon + 1)));
    }

    /** The {@link MachineKexec} of the architecture. */
    public MachineKexec machine() {
        return Arches.support(arch).machineKexec();
    }

    /**
     * The engine, checked to run the architecture.
     *
     * @throws IllegalStateException with one sentence saying why this target cannot run here
     */
    public CpuEngine openableEngine() {
        String why = whyNotRunnable();
        if (why != null) {
            throw new IllegalStateException("benchmark target " + this + " is skipped: " + why);
        }
        return CpuEngines.byName(engine);
    }

    /** Null if this target can run here, else one sentence why not. */
    public String whyNotRunnable() {
        try {
            Arches.support(arch).machineKexec();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        CpuEngine e;
        try {
            e = CpuEngines.byName(engine);
        } catch (IllegalArgumentException unknown) {
            return unknown.getMessage();
        } catch (RuntimeException | LinkageError unavailable) {
            return "engine " + engine + " cannot load: " + unavailable.getMessage();
        }
        EngineSupport support = e.probe(arch);
        return support.supported() ? null : support.reason();
    }

    @Override
    public String toString() {
        return engine + ":" + arch.name();
    }

    /**
     * One target per registered architecture that runs here, on the engine the architecture runs
     * on by default ({@link CpuEngines#forArch}): the targets a suite gets when no {@code -p
     * target=} is given.
     */
    public static List<String> defaults() {
        List<String> out = new ArrayList<>();
        for (Arch arch : Arches.all()) {
            String engine = CpuEngines.forArch(arch).name().split(" ")[0].toLowerCase(Locale.ROOT);
            BenchTarget t = new BenchTarget(engine, arch);
            if (t.whyNotRunnable() == null) {
                out.add(t.toString());
            }
        }
        return out;
    }

    /** Every {@code engine:arch} of {@code engine} that runs here. */
    public static List<String> runnable(String engine) {
        List<String> out = new ArrayList<>();
        for (Arch arch : Arches.all()) {
            BenchTarget t = new BenchTarget(engine, arch);
            if (t.whyNotRunnable() == null) {
                out.add(t.toString());
            }
        }
        return out;
    }

    /**
     * Prints the runnable targets as one comma-separated line (for {@code -p target=...});
     * {@code --engines unicorn,java} limits the engines tried. Skipped targets go to stderr.
     * {@code --archs} prints instead the architectures that have a MachineKexec (for AssembleBench).
     */
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--archs")) {
            System.out.println(String.join(",", Arches.names()));
            return;
        }
        List<String> engines = args.length == 2 && args[0].equals("--engines") ? List.of(args[1].split(",")) : ENGINES;
        List<String> runnable = new ArrayList<>();
        for (String engine : engines) {
            for (Arch arch : Arches.all()) {
                BenchTarget t = new BenchTarget(engine, arch);
                String why = t.whyNotRunnable();
                if (why == null) {
                    runnable.add(t.toString());
                } else {
                    System.err.println("skipped " + t + ": " + why);
                }
            }
        }
        System.out.println(String.join(",", runnable));
    }
}
