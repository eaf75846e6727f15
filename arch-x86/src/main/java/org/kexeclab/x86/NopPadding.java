package org.kexeclab.x86;

/**
 * The alignment filler GNU as 2.40 emits in x86 code: the longest multi-byte no-ops
 * followed by one shorter no-op for the rest; a gap of {@value #JUMP_THRESHOLD} bytes or more ({@value #JUMP_THRESHOLD_32} in
 * 32-bit code) starts with a {@code jmp} over the filler (rel8 when it reaches, else rel32). 64-bit code gets
 * the {@code 0f 1f} no-ops (11 bytes at most), 32-bit code ({@code --32}) the {@code lea esi}
 * forms (7 bytes at most, and 5 bytes as 4 + 1).
 */
final class NopPadding {

    /** Gaps at least this long are jumped over rather than executed, in 64-bit code. */
    static final int JUMP_THRESHOLD = 88;
    /** Gaps at least this long are jumped over in 32-bit code. */
    static final int JUMP_THRESHOLD_32 = 21;

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
    private static final int[][] NOPS32 = {
        {},
        {0x90},
        {0x66, 0x90},
        {0x8d, 0x76, 0x00},
        {0x8d, 0x74, 0x26, 0x00},
        {0x8d, 0x74, 0x26, 0x00, 0x90},
        {0x8d, 0xb6, 0x00, 0x00, 0x00, 0x00},
        {0x8d, 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00},
    };

    private NopPadding() {
    }

    /** Exactly {@code length} bytes of filler for code of {@code mode}. */
    static byte[] of(int length, X86Mode mode) {
        int[][] nops = mode.isLong() ? NOPS : NOPS32;
        int longest = nops.length - 1;
        byte[] b = new byte[length];
        int at = 0;
        if (length >= (mode.isLong() ? JUMP_THRESHOLD : JUMP_THRESHOLD_32)) {
            boolean rel8 = length - 2 <= 127;
            int skip = length - (rel8 ? 2 : 5);
            byte[] jump = rel8 ? new byte[] {(byte) 0xeb, (byte) skip} : concat((byte) 0xe9, X86Encoder.le(skip, 4));
            System.arraycopy(jump, 0, b, 0, jump.length);
            at = jump.length;
        }
        while (at < length) {
            int n = Math.min(longest, length - at);
            for (int v : nops[n]) {
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
