package org.kexeclab.arm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.kexeclab.Arch;
import org.kexeclab.vmlinux.ImageLinkAddress;
import org.kexeclab.vmlinux.Kallsyms;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Places a raw 32-bit arm {@code Image} (what a zImage decompresses to). Its kallsyms store
 * absolute addresses, but nothing in the Image says which address its first byte has: it
 * starts at {@code PAGE_OFFSET + TEXT_OFFSET}, and arm's head.S requires that to end in
 * 0x8000 (modulo 64 KiB). Among the addresses with that ending that keep the first symbol
 * inside the image, the right one is the one under which the Image's {@code bl}
 * instructions land on kallsyms text symbols: calls go to function starts, so the right
 * address gets most of them and every other gets almost none.
 */
public final class ArmImageLinkAddress implements ImageLinkAddress {
    private static final long ALIGN = 0x10000;
    private static final long LOW_BITS = 0x8000;
    private static final int MAX_SAMPLES = 4096;

    @Override
    public Arch arch() {
        return ArmArches.ARM;
    }

    @Override
    public Link link(byte[] image, Kallsyms kallsyms) throws VmlinuxException {
        long base = kallsyms.relativeBase();
        if (base == 0) {
            throw new VmlinuxException("the arm Image stores kallsyms_relative_base as 0, so its symbols' absolute "
                    + "addresses are not known");
        }
        long[] text = textAddresses(kallsyms);
        long[] targets = sampledCallTargets(image);
        if (targets.length == 0) {
            throw new VmlinuxException("the arm Image has no bl instruction to place it by");
        }
        long best = -1;
        int bestHits = -1;
        int secondHits = 0;
        for (long start = firstCandidate(base - image.length + 1); start <= base; start += ALIGN) {
            int hits = hits(targets, start, text);
            if (hits > bestHits) {
                secondHits = Math.max(secondHits, bestHits);
                bestHits = hits;
                best = start;
            } else {
                secondHits = Math.max(secondHits, hits);
            }
        }
        if (best < 0 || bestHits * 2 <= targets.length || secondHits * 4 >= bestHits) {
            throw new VmlinuxException(String.format("no address ending in 0x8000 makes most of the Image's bl "
                    + "instructions call kallsyms text symbols (best: %d of %d, next best %d)", Math.max(bestHits, 0),
                    targets.length, secondHits));
        }
        return new Link(best, base);
    }

    private static long firstCandidate(long lowest) {
        long c = (lowest & -ALIGN) + LOW_BITS;
        return c < lowest ? c + ALIGN : c;
    }

    private static int hits(long[] targets, long start, long[] text) {
        int n = 0;
        for (long t : targets) {
            if (Arrays.binarySearch(text, (start + t) & 0xffffffffL) >= 0) {
                n++;
            }
        }
        return n;
    }

    private static long[] textAddresses(Kallsyms k) {
        return k.symbols().stream().filter(s -> s.isText()).mapToLong(s -> s.address()).distinct().sorted()
                .toArray();
    }

    /** The file offsets that up to {@link #MAX_SAMPLES} {@code bl} words, evenly spread, call. */
    private static long[] sampledCallTargets(byte[] image) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        for (int p = 0; p + 4 <= image.length; p += 4) {
            count += A32Decoder.isBl(b.getInt(p)) ? 1 : 0;
        }
        int step = Math.max(1, count / MAX_SAMPLES);
        long[] out = new long[Math.min(count, MAX_SAMPLES)];
        int seen = 0;
        int n = 0;
        for (int p = 0; p + 4 <= image.length && n < out.length; p += 4) {
            int w = b.getInt(p);
            if (A32Decoder.isBl(w) && seen++ % step == 0) {
                out[n++] = A32Decoder.branchTarget(w, p);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
