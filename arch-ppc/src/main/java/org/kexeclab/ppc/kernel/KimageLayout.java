package org.kexeclab.ppc.kernel;

import java.util.Map;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The parts of {@code struct kimage} and {@code struct kexec_segment} that ppc64le's
 * {@code kexec_copy_flush} reads, as one build lays them out: the offsets of {@code head},
 * {@code nr_segments} and {@code segment[]} in the kimage (decoded by the relocation-code
 * locator), the size of a segment entry and the offsets of its {@code mem} and {@code memsz},
 * and {@code KEXEC_SEGMENT_MAX} (the bytes of {@code segment[]} it copies, over the entry
 * size). {@link #bytes()} is how much of a kimage a caller must provide.
 *
 * @param head         offset of {@code head}
 * @param nrSegments   offset of {@code nr_segments}
 * @param segment      offset of {@code segment[0]}
 * @param segmentSize  bytes of one {@code struct kexec_segment}
 * @param segmentMem   offset of {@code mem} in an entry
 * @param segmentMemsz offset of {@code memsz} in an entry
 * @param maxSegments  {@code KEXEC_SEGMENT_MAX}
 */
public record KimageLayout(int head, int nrSegments, int segment, int segmentSize, int segmentMem, int segmentMemsz,
                           int maxSegments) {

    /** The layout from the locator's kimage offsets and {@code kexec_copy_flush}'s segment loop. */
    static KimageLayout of(Map<String, Integer> offsets, CopyFlushShape flush) throws VmlinuxException {
        int head = offsets.get("head");
        int nr = offsets.get("nr_segments");
        int seg = offsets.get("segment");
        KimageLayout k = new KimageLayout(head, nr, seg, flush.segmentSize(), flush.segmentMem(),
                flush.segmentMemsz(), flush.segmentBytes() / flush.segmentSize());
        if (k.insideArray(head) || k.insideArray(nr)) {
            throw new VmlinuxException(String.format("kexec_copy_flush reads head at %d and nr_segments at %d, which "
                    + "overlap the segment array at %d..%d", head, nr, seg, seg + k.arrayBytes()));
        }
        return k;
    }

    /** True if the doubleword at {@code offset} is not wholly before or after {@code segment[]}. */
    private boolean insideArray(int offset) {
        return offset < 0 || offset + 8 > segment && offset < segment + arrayBytes();
    }

    /** Bytes of {@code segment[]}. */
    public int arrayBytes() {
        return segmentSize * maxSegments;
    }

    /** Bytes of the kimage up to the end of the last field read. */
    public int bytes() {
        return Math.max(Math.max(head, nrSegments) + 8, segment + arrayBytes());
    }

    /** Offset of entry {@code i}'s {@code mem}. */
    public int mem(int i) {
        return segment + i * segmentSize + segmentMem;
    }

    /** Offset of entry {@code i}'s {@code memsz}. */
    public int memsz(int i) {
        return segment + i * segmentSize + segmentMemsz;
    }
}
