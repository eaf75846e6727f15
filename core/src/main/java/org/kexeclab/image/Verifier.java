package org.kexeclab.image;

import java.util.Arrays;
import org.kexeclab.engine.GuestMemory;

/**
 * Compares guest memory with a loaded image's {@link RelocationOracle}, a page at a time
 * with two reused buffers, and reports the first difference (address, expected and actual
 * bytes around it), never just "false". Not thread-safe.
 */
public final class Verifier {
    private final LoadedImage loaded;
    private final RelocationOracle oracle;
    private final int pageSize;
    private final byte[] expected;
    private final byte[] actual;

    /** A verifier for {@code loaded}. */
    public Verifier(LoadedImage loaded) {
        this.loaded = loaded;
        this.oracle = loaded.oracle();
        this.pageSize = loaded.image().pageSize();
        this.expected = new byte[pageSize];
        this.actual = new byte[pageSize];
    }

    /** Checks that every destination holds its segment's bytes, then zeros to memsz. */
    public VerificationResult verifyDestinations(GuestMemory memory) {
        long compared = 0;
        for (int i = 0; i < loaded.image().segments().size(); i++) {
            long mem = loaded.image().segments().get(i).mem();
            for (int k = 0, n = loaded.pageCount(i); k < n; k++) {
                long address = mem + (long) k * pageSize;
                oracle.expectedDestinationPage(i, k, expected);
                memory.read(address, actual, 0, pageSize);
                compared++;
                int at = Arrays.mismatch(expected, actual);
                if (at >= 0) {
                    return difference(compared, address, at,
                            String.format("destination of segment %d, page %d of %d", i, k, n));
                }
            }
        }
        return VerificationResult.pass(compared, "the destinations");
    }

    /**
     * Checks that after a swap-style (preserve-context) relocation every source page holds
     * what its destination held before ({@code before}).
     */
    public VerificationResult verifySwappedSources(GuestMemory memory, DestinationSnapshot before) {
        long compared = 0;
        for (int i = 0; i < loaded.image().segments().size(); i++) {
            for (int k = 0, n = loaded.pageCount(i); k < n; k++) {
                long address = loaded.sourcePage(i, k);
                oracle.expectedSwappedSourcePage(i, k, before, expected);
                memory.read(address, actual, 0, pageSize);
                compared++;
                int at = Arrays.mismatch(expected, actual);
                if (at >= 0) {
                    return difference(compared, address, at,
                            String.format("source page of segment %d, page %d of %d, after the swap", i, k, n));
                }
            }
        }
        return VerificationResult.pass(compared, "the swapped source pages");
    }

    private VerificationResult difference(long compared, long pageAddress, int at, String where) {
        int window = at & -VerificationResult.WINDOW;
        return VerificationResult.fail(compared, pageAddress + at, pageAddress + window,
                Arrays.copyOfRange(expected, window, window + VerificationResult.WINDOW),
                Arrays.copyOfRange(actual, window, window + VerificationResult.WINDOW), where);
    }
}
