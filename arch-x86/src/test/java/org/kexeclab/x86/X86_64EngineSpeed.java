package org.kexeclab.x86;

import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.Engines;

/**
 * Measurement, not a test: demo-image relocation on x86_64 with counting off (no hooks), the
 * stub from {@code relocate_kernel} to the entry, best of 7, on Unicorn and on the Java engine.
 * Instructions are counted in a separate counted run (rep iterations each count once).
 * Run: {@code java -cp cli/target/kexec-lab.jar:arch-x86/target/test-classes
 * org.kexeclab.x86.X86_64EngineSpeed [swap]}.
 */
public final class X86_64EngineSpeed {
    private static final int RUNS = 7;

    private X86_64EngineSpeed() {
    }

    /** Prints one line per engine; any argument selects preserve context (swap). */
    public static void main(String[] args) throws Exception {
        MachineKexec m = new X86_64MachineKexec();
        KexecImage image = DemoImage.build(m, false);
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(m.controlPages()));
        KexecOptions options = KexecOptions.defaults().withPreserveContext(args.length > 0);
        for (CpuEngine e : new CpuEngine[] {Engines.unicorn(), InterpEngine.instance()}) {
            long best = Long.MAX_VALUE;
            RunResult r = null;
            for (int i = 0; i < RUNS; i++) {
                try (KexecRun run = KexecRun.prepare(m, loaded, options, e)) {
                    long t = System.nanoTime();
                    r = run.cpu().run(run.launch().begin(), image.entry(), RunLimits.NONE);
                    best = Math.min(best, System.nanoTime() - t);
                }
            }
            KexecOutcome o;
            try (KexecRun run = KexecRun.prepare(m, loaded, options, e)) {
                o = run.execute();
            }
            System.out.printf("%-34s %s %.3f ms, %d instructions, %.2f ns/instruction, %d pages, verified %s%n",
                    e.name(), r.reason(), best / 1e6, o.instructions(), (double) best / o.instructions(),
                    o.pagesCopied(), o.verified());
        }
    }
}
