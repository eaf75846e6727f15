package org.kexeclab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.arch.Arches;
import org.kexeclab.viewer.ComparisonPage;

/**
 * {@code compare --format html}: every selected architecture (on each of {@code --engines},
 * if given) runs the image with its page copies counted, and {@link ComparisonPage} writes them
 * side by side into one self-contained page.
 */
final class CompareHtml {
    private final ImageOptions image;
    private final StatusLine progress;

    CompareHtml(ImageOptions image, StatusLine progress) {
        this.image = image;
        this.progress = progress;
    }

    /**
     * Runs every column and writes the page; returns the exit status (1 if a runnable
     * combination did not verify).
     *
     * @param engines the engines of {@code --engines}, or null for each architecture's default
     */
    int write(OutputFile out, List<Arch> archs, List<String> engines, String command) throws KexecLoadException {
        ComparisonPage page = new ComparisonPage();
        boolean allVerified = true;
        for (Arch arch : archs) {
            for (String engine : engines == null ? java.util.Collections.<String>singletonList(null) : engines) {
                String label = engine == null ? arch.name() : shortName(engine) + ":" + arch.name();
                KexecOutcome o = column(page, arch, engine, label);
                allVerified &= o == null || o.verified();
            }
        }
        String words = TraceTarget.imageWords(image, "demo");
        try {
            page.write(out.writer(), "kexec-lab compare: " + words, words, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.commit();
        return allVerified ? 0 : KexecLab.EXIT_FAILED;
    }

    /** The engine's first word ({@code unicorn}, {@code java}), as compare's table names it. */
    private static String shortName(String engine) {
        String name = ImageOptions.engineNamed(engine).name();
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /** Runs one column; null if the engine cannot run the architecture (the column says why). */
    private KexecOutcome column(ComparisonPage page, Arch arch, String engineName, String label)
            throws KexecLoadException {
        CpuEngine engine = ImageOptions.cpuEngine(engineName != null ? engineName : image.engine, arch);
        EngineSupport support = engine.probe(arch);
        if (!support.supported()) {
            page.addUnrunnable(label, "not runnable on " + engine.name() + ": " + support.reason());
            return null;
        }
        MachineKexec machine = Arches.support(arch).machineKexec();
        LoadedImage loaded = DemoRunner.load(machine, image, "demo");
        try (KexecRun run = KexecRun.prepare(machine, loaded, image.kexecOptions(), engine);
             ProgressBar bar = ProgressBar.attach(run, arch, progress, "counting each page's steps on")) {
            return page.addRun(label, run, TraceCommand::sentence);
        }
    }
}
