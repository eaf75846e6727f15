package org.kexeclab.ppc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.image.LoadedImage;

/**
 * The first {@value #SIZE} bytes of physical memory after a 64-bit PowerPC kexec: both the
 * kernel's {@code kexec_sequence} and kexec-lab's copy there the first {@value #SIZE} bytes of
 * the new image at {@code start} (the secondary CPUs, released from {@code kexec_wait}, jump
 * to physical 0x60 in it). Defined as the bytes the image holds at {@code start}.
 */
public final class LowVectors {
    /** Bytes copied to physical 0. */
    public static final int SIZE = 0x100;

    private LowVectors() {
    }

    /** One sentence if physical [0, {@value #SIZE}) does not hold the image's bytes at start, else empty. */
    public static Optional<String> failure(LoadedImage loaded, GuestMemory memory) {
        long start = loaded.image().entry();
        byte[] expected = new byte[SIZE];
        try {
            loaded.oracle().expectedBytes(start, expected, 0, SIZE);
        } catch (IllegalArgumentException e) {
            return Optional.of(String.format("the 0x%x bytes at start 0x%x are not inside one segment, so the "
                    + "low vectors copied to physical 0 are undefined", SIZE, start));
        }
        byte[] actual = memory.read(0, SIZE);
        int i = Arrays.mismatch(expected, actual);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "physical 0x%x holds 0x%02x, but the new image's byte at "
                + "start + 0x%x is 0x%02x: the first 0x%x bytes at start were not copied to physical 0",
                i, actual[i], i, expected[i], SIZE));
    }
}
