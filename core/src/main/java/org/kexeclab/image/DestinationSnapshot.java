package org.kexeclab.image;

import java.util.Arrays;
import org.kexeclab.engine.GuestMemory;

/**
 * What every destination page held before relocation, read from guest memory after the
 * load was written and before the stub runs: the "before" a swap-style (preserve-context)
 * relocation moves into the source pages. All-zero pages cost no memory.
 */
public final class DestinationSnapshot {
    private final byte[][][] pages;

    private DestinationSnapshot(byte[][][] pages) {
        this.pages = pages;
    }

    /** Reads every destination page of {@code loaded} from {@code memory}. */
    public static DestinationSnapshot capture(LoadedImage loaded, GuestMemory memory) {
        int size = loaded.image().pageSize();
        byte[] buf = new byte[size];
        byte[][][] pages = new byte[loaded.image().segments().size()][][];
        for (int i = 0; i < pages.length; i++) {
            long mem = loaded.image().segments().get(i).mem();
            pages[i] = new byte[loaded.pageCount(i)][];
            for (int k = 0; k < pages[i].length; k++) {
                memory.read(mem + (long) k * size, buf, 0, size);
                if (!isZero(buf)) {
                    pages[i][k] = buf.clone();
                }
            }
        }
        return new DestinationSnapshot(pages);
    }

    private static boolean isZero(byte[] buf) {
        for (byte b : buf) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@code buf} with what page {@code page} of {@code segment}'s destination held. */
    public void page(int segment, int page, byte[] buf) {
        byte[] p = pages[segment][page];
        if (p == null) {
            Arrays.fill(buf, (byte) 0);
        } else {
            System.arraycopy(p, 0, buf, 0, p.length);
        }
    }
}
