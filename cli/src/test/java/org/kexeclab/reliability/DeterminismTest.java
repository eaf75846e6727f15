package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.Engines;

/**
 * Concurrency and determinism: eight kexec runs, each on its own engine, done in parallel give
 * the same destination memory, the same instruction and page counts and the same trace hash
 * (SHA-256 over the sequence of basic-block addresses the stub executed, then all of RAM) as the
 * same eight runs done one after another; and the same seed gives the same hash every time.
 */
class DeterminismTest {
    private static final int RUNS = 8;
    private static final int CHUNK = 1 << 20;

    /** What one run produced. */
    record Fingerprint(String arch, long seed, long instructions, long pagesCopied, boolean verified,
                       String destinationHash, String traceHash) {
    }

    @Test
    void eightRuns_parallelAndSequential_identicalMemoryCountsAndTraces() throws Exception {
        List<Fingerprint> sequential = sequential(1000);
        List<Fingerprint> parallel = parallel(1000);
        assertEquals(sequential, parallel);
        assertTrue(sequential.stream().allMatch(Fingerprint::verified), sequential.toString());
    }

    @Test
    void sameSeed_runTwice_sameTraceHash() {
        MachineKexec m = RunnableMachines.all().get(0);
        assertEquals(fingerprint(m, 42), fingerprint(m, 42));
    }

    @Test
    void disagreements_parallelRunDiffersOrUnverified_listsEachRun() {
        Fingerprint a = new Fingerprint("x86_64", 8, 100, 2, true, "d", "t");
        Fingerprint b = new Fingerprint("arm64", 9, 90, 2, true, "d", "t");
        Fingerprint bDiffers = new Fingerprint("arm64", 9, 90, 2, true, "d", "u");
        Fingerprint bUnverified = new Fingerprint("arm64", 9, 90, 2, false, "d", "t");
        assertEquals(List.of(), disagreements(List.of(a, b), List.of(a, b)));
        assertEquals(List.of("seed 9 (arm64): parallel " + bDiffers + " but sequential " + b),
                disagreements(List.of(a, b), List.of(a, bDiffers)));
        assertEquals(List.of("seed 9 (arm64): not verified: " + bUnverified),
                disagreements(List.of(a, bUnverified), List.of(a, bUnverified)));
    }

    @Test
    @EnabledIfSystemProperty(named = "reliability.determinism.seeds", matches = "\\d+")
    void longRun() throws Exception {
        int batches = Integer.parseInt(System.getProperty("reliability.determinism.seeds"));
        List<String> disagreements = new ArrayList<>();
        int mismatches = 0;
        long unverified = 0;
        for (int b = 0; b < batches; b++) {
            List<Fingerprint> sequential = sequential(b * RUNS);
            List<Fingerprint> parallel = parallel(b * RUNS);
            mismatches += sequential.equals(parallel) ? 0 : 1;
            unverified += sequential.stream().filter(f -> !f.verified()).count();
            disagreements.addAll(disagreements(sequential, parallel));
        }
        System.out.printf("RELIABILITY determinism batches=%d runsPerBatch=%d parallelVsSequentialMismatches=%d"
                + " unverifiedRuns=%d%n", batches, RUNS, mismatches, unverified);
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + batches * RUNS + " runs disagree or did not verify:\n  "
                    + String.join("\n  ", disagreements));
        }
    }

    /**
     * The runs of one batch whose parallel fingerprint differs from its sequential twin, or that
     * did not verify, one line each.
     */
    static List<String> disagreements(List<Fingerprint> sequential, List<Fingerprint> parallel) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sequential.size(); i++) {
            Fingerprint s = sequential.get(i);
            Fingerprint p = parallel.get(i);
            String run = "seed " + s.seed() + " (" + s.arch() + "): ";
            if (!s.equals(p)) {
                out.add(run + "parallel " + p + " but sequential " + s);
            } else if (!s.verified()) {
                out.add(run + "not verified: " + s);
            }
        }
        return out;
    }

    private static List<Fingerprint> sequential(long firstSeed) {
        List<Fingerprint> out = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            out.add(fingerprint(machine(i), firstSeed + i));
        }
        return out;
    }

    private static List<Fingerprint> parallel(long firstSeed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            List<Future<Fingerprint>> futures = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                MachineKexec m = machine(i);
                long seed = firstSeed + i;
                futures.add(pool.submit(() -> fingerprint(m, seed)));
            }
            List<Fingerprint> out = new ArrayList<>();
            for (Future<Fingerprint> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static MachineKexec machine(int i) {
        List<MachineKexec> all = RunnableMachines.all();
        return all.get(i % all.size());
    }

    /** Runs the small image of {@code seed} on {@code m} and hashes what it did. */
    static Fingerprint fingerprint(MachineKexec m, long seed) {
        LoadedImage loaded = RunnableMachines.load(m, seed, new SplittableRandom(seed));
        MessageDigest trace = sha256();
        try (KexecRun run = KexecRun.prepare(m, loaded, KexecOptions.defaults(), Engines.unicorn())) {
            long lo = run.launch().stub().origin();
            ByteBuffer word = ByteBuffer.allocate(8);
            run.cpu().onBlock((address, size) -> {
                word.clear();
                trace.update(word.putLong(address).array());
            }, lo, lo + run.launch().stub().size() - 1);
            KexecOutcome o = run.execute();
            MessageDigest dest = sha256();
            for (AddressRange r : loaded.oracle().destinations()) {
                dest.update(run.cpu().read(r.start(), (int) r.size()));
            }
            for (long a = 0; a < RunnableMachines.RAM; a += CHUNK) {
                trace.update(run.cpu().read(a, CHUNK));
            }
            return new Fingerprint(m.arch().toString(), seed, o.instructions(), o.pagesCopied(), o.verified(),
                    HexFormat.of().formatHex(dest.digest()), HexFormat.of().formatHex(trace.digest()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
