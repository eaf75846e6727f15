package org.kexeclab.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KernelFormats;
import org.kexeclab.loader.dt.DeviceTrees;
import org.kexeclab.loader.dt.FdtParser;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogException;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.Fuzz;

/**
 * Hostile inputs for the loader's parsers: the committed {@code kexec -d} logs (then turned
 * into an image and loaded), device trees and gzip streams, truncated, bit-flipped, with
 * lying length fields and inserted bytes, also offered to {@link KernelFormats#parseAny}.
 * Every case ends in a result or a typed exception ({@link ImageFormatException},
 * {@link KexecLogException}, {@link KexecLoadException}) with one sentence, within a time
 * bound, allocating no more than a bound independent of declared sizes.
 *
 * <p>Self-contained (core tests cannot see the cli module's harness): failing seeds found by
 * {@code scripts/fuzz formats MINUTES} go to {@code cross-arch/src/test/resources/reliability/formats.seeds}.
 */
class FormatFuzzTest {
    static final String NAME = "formats";
    static final long MAX_INFLATED = 16L << 20;
    static final long ALLOCATION_BOUND = 96L << 20;
    private static final List<String> LOGS = List.of(text("/kexec-logs/arm64-image.log"),
            text("/kexec-logs/x86_64-bzimage.log"), text("/kexec-logs/x86_64-debian-6.1-real.log"));
    private static final List<byte[]> BINARIES = binaries();
    private static final int[] HOSTILE_WORDS = {0xffffffff, 0x7fffffff, 0x80000000, 0, 1, 0x10000000, 0xfffffff0};

    @Property(tries = 1500)
    void parse_hostileLogDtbGzip_resultOrTypedError(@ForAll long seed) {
        Statistics.collect(Fuzz.bounded(seed, FormatFuzzTest::check));
    }

    @Example
    void parse_keptRegressionSeeds_resultOrTypedError() {
        Fuzz.replay(NAME, FormatFuzzTest::check);
    }

    @Test
    @EnabledIfSystemProperty(named = Fuzz.MINUTES_PROPERTY, matches = ".+")
    void longRun() {
        Fuzz.longRun(NAME, FormatFuzzTest::check);
    }

    /** One case; returns a label of its outcome. */
    static String check(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long before = allocated();
        String outcome;
        try {
            outcome = r.nextInt(3) == 0 ? checkBinary(r) : checkLog(r);
        } catch (ImageFormatException | KexecLogException | KexecLoadException e) {
            oneSentence(seed, e.getMessage());
            outcome = e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": unchecked " + e, e);
        }
        long grew = allocated() - before;
        if (grew > ALLOCATION_BOUND) {
            throw new AssertionError("seed " + seed + ": allocated " + grew + " bytes (" + outcome + ")");
        }
        return outcome;
    }

    private static String checkLog(SplittableRandom r) throws KexecLogException, KexecLoadException {
        String text = mutateText(LOGS.get(r.nextInt(LOGS.size())), r);
        KexecLog log = KexecLogParser.parse(text);
        Arch arch = log.archFromFlags().orElse(Arches.all().get(r.nextInt(Arches.all().size())));
        KexecImage image = log.toImage(arch);
        LoadedImage.load(image);
        return "log loaded";
    }

    private static String checkBinary(SplittableRandom r) throws ImageFormatException {
        byte[] data = mutateBytes(BINARIES.get(r.nextInt(BINARIES.size())), r);
        switch (r.nextInt(3)) {
            case 0 -> FdtParser.parse(data);
            case 1 -> Gzip.inflate(data, MAX_INFLATED, "the fuzzed file");
            default -> KernelFormats.parseAny(data, MAX_INFLATED);
        }
        return "binary parsed";
    }

    private static String mutateText(String text, SplittableRandom r) {
        StringBuilder b = new StringBuilder(text);
        for (int n = r.nextInt(1, 5); n > 0 && b.length() > 0; n--) {
            int i = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> b.setLength(i);
                case 1 -> b.setCharAt(i, (char) (b.charAt(i) ^ (1 << r.nextInt(7))));
                case 2 -> b.insert(i, List.of("0xffffffffffffffff", "0x", "-1", "99999999999999999999999", "\n",
                        "segment[0].memsz = 0x8000000000000000\n", "nr_segments = 4000000000\n").get(r.nextInt(7)));
                case 3 -> b.deleteCharAt(i);
                default -> {
                    int end = b.indexOf("\n", i);
                    int start = b.lastIndexOf("\n", i) + 1;
                    if (end > start) {
                        b.insert(start, b.substring(start, end + 1));
                    }
                }
            }
        }
        return b.toString();
    }

    private static byte[] mutateBytes(byte[] data, SplittableRandom r) {
        byte[] d = data.clone();
        for (int n = r.nextInt(1, 5); n > 0 && d.length > 4; n--) {
            int i = r.nextInt(d.length - 4);
            switch (r.nextInt(4)) {
                case 0 -> d = java.util.Arrays.copyOf(d, i);
                case 1 -> d[i] ^= (byte) (1 << r.nextInt(8));
                case 2 -> {
                    int w = HOSTILE_WORDS[r.nextInt(HOSTILE_WORDS.length)];
                    int at = i & ~3;
                    for (int k = 0; k < 4; k++) {
                        d[at + k] = (byte) (w >>> (8 * (r.nextBoolean() ? k : 3 - k)));
                    }
                }
                default -> {
                    byte[] e = new byte[d.length + 1];
                    System.arraycopy(d, 0, e, 0, i);
                    e[i] = (byte) r.nextInt(256);
                    System.arraycopy(d, i, e, i + 1, d.length - i);
                    d = e;
                }
            }
        }
        return d;
    }

    private static void oneSentence(long seed, String m) {
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("Exception") || m.length() > 600) {
            throw new AssertionError("seed " + seed + ": not one sentence: <" + m + ">");
        }
    }

    private static List<byte[]> binaries() {
        List<byte[]> out = new ArrayList<>();
        for (Arch a : new Arch[] {ArmArches.ARM64, ArmArches.ARM, PpcArches.PPC32, PpcArches.PPC64}) {
            out.add(FdtWriter.write(DeviceTrees.standard(a, StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())));
        }
        out.add(gzip(out.get(0)));
        byte[] zeros = new byte[1 << 20];
        out.add(gzip(zeros));
        return out;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String text(String resource) {
        try (InputStream in = FormatFuzzTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
