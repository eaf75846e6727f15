package org.kexeclab.loader;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.arm64.boot.Arm64Image;
import org.kexeclab.loader.format.Gzip;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.format.KernelImage;
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.testkit.SyntheticKernels;

/**
 * Every fetched distribution kernel ({@link RealKernels}; skipped when none is) cut short is
 * refused, never planned: at 64 and 100 bytes, 4 KiB, 1 MiB, 30 MiB and half its length (each
 * that is shorter than the file), plain and, for the arm64 Image, gzip-compressed. Once the
 * header is whole the refusal says the file is truncated.
 */
class TruncatedKernelsTest {
    private static final List<Integer> CUTS = List.of(64, 100, 4096, 1 << 20, 30 << 20);

    @Test
    void parse_everyFetchedKernelCutShort_refused() throws Exception {
        List<Path> files = RealKernels.all();
        assumeTrue(!files.isEmpty(), "no kernels fetched (scripts/fetch-kernels, or set " + RealKernels.ENV + ")");
        for (Path p : files) {
            byte[] whole = Files.readAllBytes(p);
            KernelImage k = KernelFormats.parseAny(whole, Gzip.DEFAULT_MAX_SIZE);
            byte[] image = k instanceof Arm64Image a ? a.image() : whole;
            for (int cut : cutsOf(image.length)) {
                byte[] part = Arrays.copyOf(image, cut);
                ImageFormatException e = assertThrows(ImageFormatException.class,
                        () -> KernelFormats.parseAny(part, Gzip.DEFAULT_MAX_SIZE), p + " cut at " + cut);
                if (cut >= 4096) {
                    assertTrue(e.getMessage().contains("truncated"), p + " cut at " + cut + ": " + e.getMessage());
                }
                if (k instanceof Arm64Image) {
                    ImageFormatException z = assertThrows(ImageFormatException.class,
                            () -> KernelFormats.parseAny(SyntheticKernels.gzip(part), Gzip.DEFAULT_MAX_SIZE),
                            p + " cut at " + cut + ", gzip-compressed");
                    assertTrue(z.getMessage().startsWith("gzip-compressed arm64 Image: the file is truncated"),
                            z.getMessage());
                }
            }
        }
    }

    private static List<Integer> cutsOf(int length) {
        List<Integer> out = new java.util.ArrayList<>(CUTS.stream().filter(c -> c < length).toList());
        out.add(length / 2);
        return out;
    }
}
