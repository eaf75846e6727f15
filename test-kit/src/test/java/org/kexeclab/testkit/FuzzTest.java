package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-run harness behind {@code scripts/fuzz}: a run in which cases failed must fail
 * itself (so the script exits non-zero), listing the failing seeds it also kept in the seed
 * file; a clean run returns its summary.
 */
class FuzzTest {
    private static final String NAME = "harness-check";
    /** Fails every case whose seed is a multiple of three. */
    private static final LongFunction<String> THIRD_FAILS = seed -> {
        if (Math.floorMod(seed, 3) == 0) {
            throw new IllegalStateException("seed " + seed + " is a multiple of three");
        }
        return "passed";
    };

    @TempDir
    Path seeds;

    @Test
    void longRun_someCasesFail_failsListingTheKeptSeeds() throws Exception {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Fuzz.longRun(NAME, THIRD_FAILS, Duration.ofMillis(300), seeds));
        List<String> kept = Files.readAllLines(seeds.resolve(NAME + ".seeds"));
        assertFalse(kept.isEmpty());
        String report = e.getMessage();
        assertTrue(report.startsWith("fuzzer " + NAME + ": " + kept.size() + " failures and 0 hangs in "), report);
        for (String line : kept.subList(0, Math.min(kept.size(), Fuzz.Summary.LISTED))) {
            long seed = Long.parseLong(line.split(" ")[0]);
            assertEquals(0, Math.floorMod(seed, 3), line);
            String why = "case " + seed + " threw " + IllegalStateException.class.getName() + ": seed " + seed
                    + " is a multiple of three";
            assertTrue((report + "\n").contains("\n  seed " + seed + ": " + why + "\n"), line);
        }
        assertEquals(kept.size() > Fuzz.Summary.LISTED,
                report.contains("... and " + (kept.size() - Fuzz.Summary.LISTED) + " more in the seed file"), report);
    }

    @Test
    void longRun_everyCasePasses_returnsTheSummaryAndKeepsNoSeed() {
        Fuzz.Summary s = Fuzz.longRun(NAME, seed -> "passed", Duration.ofMillis(100), seeds);
        assertEquals(0, s.failures + s.hangs);
        assertTrue(s.cases > 0);
        assertEquals(s.cases, s.outcomes.get("passed"));
        assertFalse(Files.exists(seeds.resolve(NAME + ".seeds")));
    }
}
