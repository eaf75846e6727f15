package org.kexeclab.vmlinux;

import java.util.Optional;

/**
 * Where the kallsyms tables of a base-relative kernel (CONFIG_KALLSYMS_BASE_RELATIVE) lie in
 * the searched bytes. scripts/kallsyms.c emits them in this order, each label aligned to the
 * word size: {@code kallsyms_offsets} (one signed 32-bit word per symbol),
 * {@code kallsyms_relative_base} (one word), {@code kallsyms_num_syms} (32 bits),
 * {@code kallsyms_names} (per symbol a length, one byte or two as ULEB128, then that many
 * token indices), {@code kallsyms_markers} (32 bits per 256 symbols: the offset of every
 * 256th name), on some kernels {@code kallsyms_seqs_of_names} (3 or 4 bytes per symbol;
 * Debian's 6.1 has the 3-byte form), then the token table and its index.
 *
 * <p>Found backwards from the token table: every aligned word before it is tried as
 * {@code kallsyms_num_syms} = n; n fixes where the markers must start, the markers must
 * start with 0 and increase, and walking n names from just after n must pass every marker
 * and end where the markers begin.
 *
 * @param offsetsAt          {@code kallsyms_offsets}
 * @param relativeBaseAt     {@code kallsyms_relative_base}
 * @param numSymsAt          {@code kallsyms_num_syms}
 * @param count              the number of symbols
 * @param namesAt            {@code kallsyms_names}
 * @param markersAt          {@code kallsyms_markers}
 * @param seqBytesPerSymbol  bytes per symbol of {@code kallsyms_seqs_of_names}, 0 if absent
 * @param tokens             the token table and index
 */
public record KallsymsLayout(int offsetsAt, int relativeBaseAt, int numSymsAt, int count, int namesAt,
                             int markersAt, int seqBytesPerSymbol, KallsymsTokenTable tokens) {
    private static final int[] SEQ_FORMS = {0, 3, 4};

    /** The layout whose token table is {@code t}, if the words before it fit the description above. */
    static Optional<KallsymsLayout> find(ByteView v, int wordSize, KallsymsTokenTable t) {
        int table = t.tableOffset();
        for (long n0 = alignDown(table - 4L, wordSize); n0 >= wordSize; n0 -= wordSize) {
            int numAt = (int) n0;
            long n = v.u32(numAt);
            if (n == 0 || 2 * n > table - numAt) {
                continue;
            }
            for (int seq : SEQ_FORMS) {
                long afterMarkers = alignDown(table - seq * n, wordSize);
                long markersAt = alignDown(afterMarkers - 4 * ((n + 255) / 256), wordSize);
                if (markersAt > numAt + 4 && markersOk(v, (int) markersAt, (int) ((n + 255) / 256))
                        && namesEndAtMarkers(v, wordSize, numAt, (int) n, (int) markersAt)) {
                    int relAt = numAt - wordSize;
                    long offsetsAt = alignDown(relAt - 4 * n, wordSize);
                    if (offsetsAt < 0) {
                        return Optional.empty();
                    }
                    return Optional.of(new KallsymsLayout((int) offsetsAt, relAt, numAt, (int) n,
                            KallsymsTokenTable.align(numAt + 4, wordSize), (int) markersAt, seq, t));
                }
            }
        }
        return Optional.empty();
    }

    /** True if the {@code k} markers start with 0 and strictly increase. */
    private static boolean markersOk(ByteView v, int at, int k) {
        if (!v.fits(at, 4L * k) || v.u32(at) != 0) {
            return false;
        }
        for (int i = 1; i < k; i++) {
            if (v.u32(at + 4L * i) <= v.u32(at + 4L * (i - 1))) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code n} names from after {@code kallsyms_num_syms} pass every marker and end at the markers. */
    private static boolean namesEndAtMarkers(ByteView v, int wordSize, int numAt, int n, int markersAt) {
        int start = KallsymsTokenTable.align(numAt + 4, wordSize);
        int o = start;
        for (int s = 0; s < n; s++) {
            if ((s & 0xff) == 0 && o - start != v.u32(markersAt + 4L * (s >> 8))) {
                return false;
            }
            if (o >= markersAt) {
                return false;
            }
            int len = v.u8(o++);
            if ((len & 0x80) != 0) {
                len = (len & 0x7f) | (v.u8(o++) << 7);
            }
            if (len == 0) {
                return false;
            }
            o += len;
            if (o > markersAt) {
                return false;
            }
        }
        return KallsymsTokenTable.align(o, wordSize) == markersAt;
    }

    private static long alignDown(long x, int a) {
        return x & -a;
    }

    @Override
    public String toString() {
        return String.format("KallsymsLayout{%d symbols: offsets 0x%x, relative_base 0x%x, num_syms 0x%x, names 0x%x, "
                + "markers 0x%x, seqs_of_names %d bytes each, token_table 0x%x, token_index 0x%x}", count, offsetsAt,
                relativeBaseAt, numSymsAt, namesAt, markersAt, seqBytesPerSymbol, tokens.tableOffset(),
                tokens.indexOffset());
    }
}
