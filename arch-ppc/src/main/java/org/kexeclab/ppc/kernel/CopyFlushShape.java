package org.kexeclab.ppc.kernel;

import org.kexeclab.ppc.PpcDecoder;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * What ppc64le's compiled {@code kexec_copy_flush} says about one build, read from its own
 * instructions: the paca offset of the stack-protector canary (its first {@code ld} from r13),
 * how many bytes of {@code image->segment[]} it copies to its stack with {@code memcpy}
 * ({@code li r5, N} before the call, so {@code KEXEC_SEGMENT_MAX} times the entry size), the
 * layout of one {@code struct kexec_segment} (the loop that flushes each saved entry loads
 * {@code mem}, then {@code memsz}, from a cursor that starts where {@code memcpy} wrote and
 * advances by the entry size), and the page size (the {@code addis rD, rD, K} that advances
 * the destination after each {@code copy_page}).
 *
 * @param canary       the paca offset of the stack-protector canary
 * @param segmentBytes the bytes of {@code image->segment[]} copied
 * @param segmentSize  the size of one {@code struct kexec_segment}
 * @param segmentMem   the offset of {@code mem} in it
 * @param segmentMemsz the offset of {@code memsz} in it
 * @param pageSize     the destination advance per copied page
 */
public record CopyFlushShape(int canary, int segmentBytes, int segmentSize, int segmentMem, int segmentMemsz,
                             int pageSize) {

    /**
     * Decodes {@code code}, {@code kexec_copy_flush}, whose {@code bl} to {@code memcpy}
     * (at {@code memcpy} or its local entry, 8 bytes in) marks the segment copy.
     *
     * @throws VmlinuxException if a fact is missing or the facts do not fit together
     */
    public static CopyFlushShape read(KernelCode code, long memcpy) throws VmlinuxException {
        Scan s = new Scan();
        for (int i = 0; i + 4 <= code.size(); i += 4) {
            s.step(code.word(i), code.addressOf(i), memcpy);
        }
        return s.shape(code.name());
    }

    /** The state of one pass over the code. */
    private static final class Scan {
        private final int[] li = new int[32];
        private final int[] fromStack = new int[32];
        private int canary = -1;
        private int segmentBytes = -1;
        private int savedAt = -1;
        private int cursor = -1;
        private int mem = -1;
        private int memsz = -1;
        private int stride = -1;
        private int pageStep = -1;

        Scan() {
            java.util.Arrays.fill(li, -1);
            java.util.Arrays.fill(fromStack, -1);
        }

        void step(int w, long pc, long memcpy) {
            int rt = PpcDecoder.rt(w);
            int ra = PpcDecoder.ra(w);
            if (PpcDecoder.isLd(w) && ra == 13 && canary < 0) {
                canary = PpcDecoder.displacement(w);
            } else if (PpcDecoder.isLi(w)) {
                li[rt] = PpcDecoder.displacement(w);
            } else if (PpcDecoder.isAddi(w) && ra == 1) {
                fromStack[rt] = PpcDecoder.displacement(w);
                if (savedAt >= 0 && fromStack[rt] == savedAt && rt != 3) {
                    cursor = rt;
                }
            } else if (PpcDecoder.isBl(w) && segmentBytes < 0) {
                long t = PpcDecoder.branchTarget(w, pc);
                if (t == memcpy || t == memcpy + 8) {
                    segmentBytes = li[5];
                    savedAt = fromStack[3];
                }
            } else if (cursor >= 0 && PpcDecoder.isLd(w) && ra == cursor) {
                if (mem < 0) {
                    mem = PpcDecoder.displacement(w);
                } else if (memsz < 0) {
                    memsz = PpcDecoder.displacement(w);
                }
            } else if (cursor >= 0 && PpcDecoder.isAddi(w) && rt == cursor && ra == cursor && stride < 0) {
                stride = PpcDecoder.displacement(w);
            }
            if (PpcDecoder.isAddis(w) && rt == ra && rt != 2 && pageStep < 0) {
                pageStep = PpcDecoder.displacement(w) << 16;
            }
        }

        CopyFlushShape shape(String name) throws VmlinuxException {
            if (canary < 0) {
                throw new VmlinuxException(name + " never loads its stack-protector canary from the paca (an ld "
                        + "from r13)");
            }
            if (segmentBytes <= 0 || savedAt < 0) {
                throw new VmlinuxException(name + " does not copy the segment array to its stack with li r5, N; "
                        + "addi r3, r1, X; bl memcpy");
            }
            if (cursor < 0 || mem < 0 || memsz < 0 || stride <= 0) {
                throw new VmlinuxException(String.format("%s's flush loop does not read mem and memsz from the "
                        + "segments it saved at r1 + %d and step to the next one", name, savedAt));
            }
            if (Math.max(mem, memsz) + 8 > stride || segmentBytes % stride != 0) {
                throw new VmlinuxException(String.format("%s reads mem at %d and memsz at %d of a %d-byte segment "
                        + "entry and copies %d bytes of them, which do not fit together", name, mem, memsz, stride,
                        segmentBytes));
            }
            if (pageStep < 4096 || Integer.bitCount(pageStep) != 1) {
                throw new VmlinuxException(name + " does not advance its destination by a power-of-two page of at "
                        + "least 4 KiB (addis rD, rD, K) after each copy_page");
            }
            return new CopyFlushShape(canary, segmentBytes, stride, mem, memsz, pageStep);
        }
    }
}
