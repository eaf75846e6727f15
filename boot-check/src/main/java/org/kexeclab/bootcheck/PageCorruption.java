package org.kexeclab.bootcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * The negative control of a boot check: one 4 KiB page of the handed-over destination memory
 * inverted (every bit flipped) after the emulator's run and its oracle, so QEMU is given
 * memory the relocation did not produce. A check that still "boots" would prove nothing; a
 * control whose page is executed before the banner (the entry page) must not boot.
 *
 * @param atEntry true for the page holding the kernel entry
 * @param address otherwise, an address in the page to invert
 */
public record PageCorruption(boolean atEntry, long address) {
    /** The page size corrupted. */
    public static final int PAGE = 4096;

    /** The page holding the kernel entry. */
    public static PageCorruption entryPage() {
        return new PageCorruption(true, -1);
    }

    /** The page holding {@code address}. */
    public static PageCorruption at(long address) {
        return new PageCorruption(false, address);
    }

    /**
     * {@code memory} with the page inverted, and the sentence saying which ({@code page
     * 0x40200000 of the kernel, the entry's, inverted}).
     *
     * @throws IllegalArgumentException if no destination holds the page's address (one sentence)
     */
    public Applied apply(List<MemoryRegion> memory, long entry) {
        long target = atEntry ? entry : address;
        long page = target & -(long) PAGE;
        List<MemoryRegion> out = new ArrayList<>();
        String what = null;
        for (MemoryRegion r : memory) {
            if (what == null && r.overlaps(target, target + 1)) {
                byte[] b = r.bytes().clone();
                int from = (int) (Math.max(page, r.address()) - r.address());
                int to = (int) (Math.min(page + PAGE, r.end()) - r.address());
                for (int i = from; i < to; i++) {
                    b[i] = (byte) ~b[i];
                }
                what = String.format("page 0x%x of the %s%s inverted (%d bytes)", page, r.label(),
                        atEntry ? ", the kernel entry's," : "", to - from);
                out.add(new MemoryRegion(r.address(), b, r.label()));
            } else {
                out.add(r);
            }
        }
        if (what == null) {
            throw new IllegalArgumentException(String.format("no destination of the load holds 0x%x, so there is no "
                    + "page of it to corrupt", target));
        }
        return new Applied(out, what);
    }

    /**
     * Memory with a page corrupted.
     *
     * @param memory    the regions, one of them with the page inverted
     * @param described which page, in words
     */
    public record Applied(List<MemoryRegion> memory, String described) {
    }
}
