package org.kexeclab.bench;

import org.kexeclab.image.KexecLoadException;

/**
 * Prints, per runnable target, the stub's executed instructions for the handoff alone (crash
 * image) and per copied page (counted runs of 1 and 9 pages; a repeated string instruction's iterations count
 * one each), the figures the report explains throughput with. Usage:
 * {@code java -cp benchmarks.jar org.kexeclab.bench.StubProfile unicorn:ARCH,java:ARCH}.
 */
public final class StubProfile {
    private StubProfile() {
    }

    /** Prints one line per target given as a comma-separated list. */
    public static void main(String[] args) throws KexecLoadException {
        for (String name : args[0].split(",")) {
            BenchTarget t = BenchTarget.parse(name);
            long handoff;
            try (PreparedRelocation m = PreparedRelocation.prepare(t, BenchImages.crash(t.arch()), false, false)) {
                handoff = m.countInstructions();
            }
            long one = count(t, 1);
            long nine = count(t, 9);
            System.out.printf("%s: handoff %d instructions; 1 page %d, 9 pages %d: %.1f instructions per page%n",
                    t, handoff, one, nine, (nine - one) / 8.0);
        }
    }

    private static long count(BenchTarget t, int pages) throws KexecLoadException {
        try (PreparedRelocation m = PreparedRelocation.prepare(t, BenchImages.relocation(t.arch(), pages), false, false)) {
            return m.countInstructions();
        }
    }
}
