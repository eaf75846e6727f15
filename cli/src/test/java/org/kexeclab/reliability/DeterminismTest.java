package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;

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
    @EnabledIfSystemProperty(named = "reliability.determinism.seeds", matches = "\\d+")
    void longRun() throws Exception {
        int batches = Integer.parseInt(System.getProperty("reliability.determinism.seeds"));
        int mismatches = 0;
        for (int b = 0; b < batches; b++) {
            if (!sequential(b * RUNS).equals(parallel(b * RUNS))) {
                mismatches++;
            }
        }
        System.out.printf("RELIABILITY determinism batches=%d runsPerBatch=%d parallelVsSequentialMismatches=%d%n",
                batches, RUNS, mismatches);
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
        try (KexecRun run = KexecRun.prepare(m, loaded, KexecOptions.defaults(), CpuEngines.defaultEngine())) {
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
