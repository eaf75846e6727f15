package org.kexeclab.x86;

/**
 * The alignment filler GNU as 2.40 emits in x86-64 code: the longest multi-byte no-ops
 * (11 bytes) followed by one shorter no-op for the rest; a gap of
 * {@value #JUMP_THRESHOLD} bytes or more starts with a {@code jmp} over the filler
 * (rel8 when it reaches, else rel32).
 */
final class NopPadding {

    /** Gaps at least this long are jumped over rather than executed. */
    static final int JUMP_THRESHOLD = 88;

    private static final int[][] NOPS = {
        {},
        {0x90},
        {0x66, 0x90},
        {0x0f, 0x1f, 0x00},
        {0x0f, 0x1f, 0x40, 0x00},
        {0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
        {0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };
    private static final int LONGEST = NOPS.length - 1;

    private NopPadding() {
    }

    /** Exactly {@code length} bytes of filler. */
    static byte[] of(int length) {
        byte[] b = new byte[length];
        int at = 0;
        if (length >= JUMP_THRESHOLD) {
            boolean rel8 = length - 2 <= 127;
            int skip = length - (rel8 ? 2 : 5);
            byte[] jump = rel8 ? new byte[] {(byte) 0xeb, (byte) skip} : concat((byte) 0xe9, X86Encoder.le(skip, 4));
            System.arraycopy(jump, 0, b, 0, jump.length);
            at = jump.length;
        }
        while (at < length) {
            int n = Math.min(LONGEST, length - at);
            for (int v : NOPS[n]) {
                b[at++] = (byte) v;
            }
        }
        return b;
    }

    private static byte[] concat(byte first, byte[] rest) {
        byte[] b = new byte[rest.length + 1];
        b[0] = first;
        System.arraycopy(rest, 0, b, 1, rest.length);
        return b;
    }
}
