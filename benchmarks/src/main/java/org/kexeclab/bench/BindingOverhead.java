package org.kexeclab.bench;

import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Java/C relocation ratio measured interleaved, so both sides see the same machine load
 * (separate JMH runs minutes apart do not on a shared machine): one process prepares the machine
 * in Java, hands the same machine to the C harness ({@link MachineDump}), then for each round
 * times {@code k} Java relocations and {@code k} C relocations back to back (restores untimed).
 * Prints a Markdown table row per target and size: median and best per-run time of each side
 * and their ratios. Usage: {@code BindingOverhead TARGETS PAGES ROUNDS} with comma lists.
 */
public final class BindingOverhead {
    private BindingOverhead() {
    }

    /** Prints the table for every target x page count. */
    public static void main(String[] args) throws Exception {
        NativeHarness.load();
        int rounds = Integer.parseInt(args[2]);
        System.out.println("| target | pages | Java median | C median | Java/C median | Java best | C best | Java/C best |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String target : args[0].split(",")) {
            for (String p : args[1].split(",")) {
                System.out.println(row(BenchTarget.parse(target), Integer.parseInt(p), rounds));
            }
        }
    }

    private static String row(BenchTarget t, int pages, int rounds) throws Exception {
        Path dump = Files.createTempFile("kexec-machine-", ".dmp");
        try (PreparedRelocation java = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), false, true)) {
            MachineDump.write(java, dump);
            byte[] err = new byte[256];
            Pointer c = NativeHarness.kh_open(dump.toString(), err, err.length);
            if (c == null) {
                throw new IllegalStateException("the C harness could not load the machine: " + new String(err).trim());
            }
            try {
                int k = Math.max(1, 2000 / pages);
                double[] j = new double[rounds];
                double[] n = new double[rounds];
                for (int r = -1; r < rounds; r++) {   // round -1 warms both up
                    double jt = timeJava(java, k);
                    double ct = timeC(c, k);
                    if (r >= 0) {
                        j[r] = jt;
                        n[r] = ct;
                    }
                }
                Arrays.sort(j);
                Arrays.sort(n);
                double jm = j[rounds / 2];
                double cm = n[rounds / 2];
                return String.format(Locale.ROOT, "| %s | %d | %s | %s | %.3f | %s | %s | %.3f |", t, pages,
                        BenchReport.time(jm), BenchReport.time(cm), jm / cm, BenchReport.time(j[0]), BenchReport.time(n[0]), j[0] / n[0]);
            } finally {
                NativeHarness.kh_close(c);
            }
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    private static double timeJava(PreparedRelocation m, int k) {
        long total = 0;
        for (int i = 0; i < k; i++) {
            m.restore();
            long t0 = System.nanoTime();
            m.relocate();
            total += System.nanoTime() - t0;
        }
        return (double) total / k;
    }

    private static double timeC(Pointer c, int k) {
        long total = 0;
        for (int i = 0; i < k; i++) {
            NativeHarness.kh_restore(c);
            long t0 = System.nanoTime();
            NativeHarness.kh_run(c);
            total += System.nanoTime() - t0;
        }
        return (double) total / k;
    }
}
