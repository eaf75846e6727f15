package org.kexeclab.vmlinux;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The kallsyms token table: {@code kallsyms_token_table}, 256 NUL-terminated strings, and
 * {@code kallsyms_token_index}, 256 16-bit offsets of those strings, starting at the next
 * word-aligned offset after the table. Every byte of a compressed symbol name is an index
 * into it.
 *
 * <p>Found in raw bytes without symbols: scripts/kallsyms.c puts every character used in
 * some name back at its own index, so the ten digits sit at indices 0x30..0x39 as the twenty
 * bytes {@code "0\0" "1\0" ... "9\0"}. Each occurrence of those bytes is a candidate: the
 * 208 strings from '0' on end the table, the index must follow at the next aligned offset,
 * and the index must be the exact offsets of all 256 strings (so its entry 0x30 also says
 * where the table starts).
 *
 * @param tableOffset where {@code kallsyms_token_table} starts in the searched bytes
 * @param indexOffset where {@code kallsyms_token_index} starts
 * @param tokens      the 256 tokens
 */
public record KallsymsTokenTable(int tableOffset, int indexOffset, String[] tokens) {
    private static final byte[] DIGITS = digits();
    private static final int DIGIT_ZERO = 0x30;

    /** Copies {@code tokens}, which must hold 256 strings. */
    public KallsymsTokenTable {
        if (tokens.length != 256) {
            throw new IllegalArgumentException("a token table has 256 tokens, not " + tokens.length);
        }
        tokens = tokens.clone();
    }

    /** A copy of the 256 tokens. */
    @Override
    public String[] tokens() {
        return tokens.clone();
    }

    /** The offset just past {@code kallsyms_token_index}. */
    public int indexEnd() {
        return indexOffset + 512;
    }

    /** Token {@code i} (0..255). */
    public String token(int i) {
        return tokens[i];
    }

    /** The name spelled by {@code len} compressed bytes at {@code data[off]}. */
    public String expand(byte[] data, int off, int len) {
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            sb.append(tokens[data[off + i] & 0xff]);
        }
        return sb.toString();
    }

    /** The first token table in {@code v} whose index follows at a {@code wordSize}-aligned offset. */
    static Optional<KallsymsTokenTable> find(ByteView v, int wordSize) {
        byte[] d = v.data();
        for (int hit = indexOf(d, DIGITS, 1); hit >= 0; hit = indexOf(d, DIGITS, hit + 1)) {
            if (d[hit - 1] != 0) {
                continue;
            }
            Optional<KallsymsTokenTable> t = tryAt(v, hit, wordSize);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static Optional<KallsymsTokenTable> tryAt(ByteView v, int zero, int wordSize) {
        byte[] d = v.data();
        int end = zero;
        for (int i = DIGIT_ZERO; i < 256; i++) {
            end = nul(d, end);
            if (end < 0) {
                return Optional.empty();
            }
            end++;
        }
        int index = align(end, wordSize);
        if (!v.fits(index, 512)) {
            return Optional.empty();
        }
        int table = zero - v.u16(index + 2 * DIGIT_ZERO);
        if (table < 0 || v.u16(index) != 0) {
            return Optional.empty();
        }
        String[] tokens = new String[256];
        for (int i = 0; i < 256; i++) {
            int start = table + v.u16(index + 2 * i);
            int stop = i < 255 ? table + v.u16(index + 2 * i + 2) - 1 : end - 1;
            if (stop < start || stop >= end || d[stop] != 0 || nul(d, start) != stop) {
                return Optional.empty();
            }
            tokens[i] = new String(d, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        return Optional.of(new KallsymsTokenTable(table, index, tokens));
    }

    private static int nul(byte[] d, int from) {
        for (int i = from; i < d.length; i++) {
            if (d[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    static int align(int x, int a) {
        return (x + a - 1) & -a;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            if (hay[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] digits() {
        byte[] b = new byte[20];
        for (int i = 0; i < 10; i++) {
            b[2 * i] = (byte) ('0' + i);
        }
        return b;
    }

    @Override
    public String toString() {
        return String.format("KallsymsTokenTable{table 0x%x, index 0x%x}", tableOffset, indexOffset);
    }
}
