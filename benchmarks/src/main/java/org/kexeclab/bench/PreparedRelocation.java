package org.kexeclab.bench;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuContext;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecRun;

/**
 * A kexec prepared once and relocated many times: {@link KexecRun#prepare} builds the machine
 * (RAM, list, source pages, stub, registers); one untimed run then finds, page by page, every
 * page of RAM the relocation changes (destinations, the stub's own data, for swaps the sources).
 * {@link #restore} puts the register state and exactly those pages back (no allocation), so
 * every {@link #relocate} does the same work: the stub from its first instruction to the entry.
 */
public final class PreparedRelocation implements AutoCloseable {
    private static final int PAGE = 4096;
    private static final int CHUNK = 1 << 20;

    private final KexecRun run;
    private final Cpu cpu;
    private final CpuContext start;
    private final long begin;
    private final long entry;
    private final long[] changedAt;
    private final byte[][] changedBytes;
    private final List<long[]> initialRuns = new ArrayList<>();
    private final List<byte[]> initialBytes = new ArrayList<>();

    private PreparedRelocation(KexecRun run, boolean keepInitialMemory) {
        this.run = run;
        this.cpu = run.cpu();
        this.begin = run.launch().begin();
        this.entry = run.loaded().image().entry();
        this.start = cpu.saveContext();
        byte[][] before = snapshot(keepInitialMemory);
        RunResult first = cpu.run(begin, entry, RunLimits.NONE);
        if (!first.reachedUntil()) {
            throw new IllegalStateException("the prepared " + cpu.arch() + " stub did not reach the entry 0x"
                    + Long.toHexString(entry) + ": " + first.reason() + " " + first.message());
        }
        List<long[]> changed = diff(before);
        changedAt = new long[changed.size()];
        changedBytes = new byte[changed.size()][];
        for (int i = 0; i < changed.size(); i++) {
            long[] r = changed.get(i);
            changedAt[i] = r[0];
            changedBytes[i] = copyOf(before, r[0], (int) r[1]);
        }
        restore();
    }

    /**
     * Loads {@code image} and prepares it on {@code target}'s engine with counting and the probe off.
     *
     * @param keepInitialMemory also keep the prepared memory's non-zero runs ({@link #initialRuns}),
     *                          for handing the same machine to the C harness
     * @throws IllegalStateException if the target cannot run here (one sentence why)
     */
    public static PreparedRelocation prepare(BenchTarget target, KexecImage image, boolean swap,
                                             boolean keepInitialMemory) throws KexecLoadException {
        return prepare(target, image,
                KexecOptions.defaults().withCounting(false).withProbe(false).withPreserveContext(swap), keepInitialMemory);
    }

    /**
     * Loads {@code image} and prepares it on {@code target}'s engine with {@code options} (what
     * {@link KexecRun#execute()} then does: counting or not, the probe or not).
     *
     * @throws IllegalStateException if the target cannot run here (one sentence why)
     */
    public static PreparedRelocation prepare(BenchTarget target, KexecImage image, KexecOptions options,
                                             boolean keepInitialMemory) throws KexecLoadException {
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withSeed(42));
        KexecRun run = KexecRun.prepare(target.machine(), loaded, options, target.openableEngine());
        try {
            return new PreparedRelocation(run, keepInitialMemory);
        } catch (RuntimeException | Error e) {
            run.close();
            throw e;
        }
    }

    private long ramSize() {
        return run.loaded().image().layout().ram().get(0).end();
    }

    /** All RAM, 1 MiB per array (RAM starts at 0 on the standard machine). */
    private byte[][] snapshot(boolean keep) {
        byte[][] ram = new byte[(int) (ramSize() / CHUNK)][];
        for (int i = 0; i < ram.length; i++) {
            ram[i] = new byte[CHUNK];
            cpu.read((long) i * CHUNK, ram[i], 0, CHUNK);
            if (keep) {
                keepNonZeroRuns((long) i * CHUNK, ram[i]);
            }
        }
        return ram;
    }

    private void keepNonZeroRuns(long base, byte[] chunk) {
        for (int p = 0; p < CHUNK; p += PAGE) {
            if (!isZero(chunk, p)) {
                int q = p;
                while (q < CHUNK && !isZero(chunk, q)) {
                    q += PAGE;
                }
                initialRuns.add(new long[] {base + p, q - p});
                initialBytes.add(java.util.Arrays.copyOfRange(chunk, p, q));
                p = q;
            }
        }
    }

    private static boolean isZero(byte[] b, int off) {
        for (int i = off; i < off + PAGE; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs {address, length} of pages whose contents differ from {@code before}. */
    private List<long[]> diff(byte[][] before) {
        List<long[]> runs = new ArrayList<>();
        byte[] page = new byte[PAGE];
        long runStart = -1;
        for (long a = 0; a < ramSize(); a += PAGE) {
            cpu.read(a, page, 0, PAGE);
            boolean same = java.util.Arrays.equals(page, 0, PAGE, before[(int) (a / CHUNK)],
                    (int) (a % CHUNK), (int) (a % CHUNK) + PAGE);
            if (!same && runStart < 0) {
                runStart = a;
            } else if (same && runStart >= 0) {
                runs.add(new long[] {runStart, a - runStart});
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            runs.add(new long[] {runStart, ramSize() - runStart});
        }
        return runs;
    }

    private static byte[] copyOf(byte[][] ram, long at, int len) {
        byte[] out = new byte[len];
        for (int done = 0; done < len; ) {
            long a = at + done;
            int off = (int) (a % CHUNK);
            int n = Math.min(len - done, CHUNK - off);
            System.arraycopy(ram[(int) (a / CHUNK)], off, out, done, n);
            done += n;
        }
        return out;
    }

    /** Puts back the registers and every page the relocation changed. */
    public void restore() {
        cpu.restoreContext(start);
        for (int i = 0; i < changedAt.length; i++) {
            cpu.write(changedAt[i], changedBytes[i]);
        }
    }

    /** Runs the stub from its first instruction to the entry; returns the pc reached (the entry). */
    public long relocate() {
        return cpu.run(begin, entry, RunLimits.NONE).pc();
    }

    /** Runs as {@link #relocate} but counting every instruction (slow); returns the count. */
    public long countInstructions() {
        RunResult r = cpu.run(begin, entry, RunLimits.NONE.counted());
        restore();
        return r.instructions();
    }

    /** The CPU, for hooks. */
    public Cpu cpu() {
        return cpu;
    }

    /** The kexec run (loaded image, launch). */
    public KexecRun kexec() {
        return run;
    }

    /** Where the stub starts. */
    public long begin() {
        return begin;
    }

    /** The new kernel's entry, where every run stops. */
    public long entry() {
        return entry;
    }

    /** {address, length} runs of the pages the relocation changes, with {@link #changedContents}. */
    public long[][] changedRuns() {
        long[][] out = new long[changedAt.length][];
        for (int i = 0; i < changedAt.length; i++) {
            out[i] = new long[] {changedAt[i], changedBytes[i].length};
        }
        return out;
    }

    /** The original contents of {@link #changedRuns}, same order. */
    public byte[][] changedContents() {
        return changedBytes.clone();
    }

    /** Non-zero runs {address, length} of the prepared memory (only if kept at prepare). */
    public List<long[]> initialRuns() {
        return initialRuns;
    }

    /** Contents of {@link #initialRuns}, same order. */
    public List<byte[]> initialBytes() {
        return initialBytes;
    }

    @Override
    public void close() {
        start.close();
        run.close();
    }
}
