package org.kexeclab.vmlinux;

import java.util.Optional;

/**
 * Where the kallsyms tables of a base-relative kernel (CONFIG_KALLSYMS_BASE_RELATIVE) lie in
 * the searched bytes. Each label is aligned to the word size. The tables are
 * {@code kallsyms_offsets} (one signed 32-bit word per symbol),
 * {@code kallsyms_relative_base} (one word), {@code kallsyms_num_syms} (32 bits),
 * {@code kallsyms_names} (per symbol a length, one byte or two as ULEB128, then that many
 * token indices), {@code kallsyms_markers} (32 bits per 256 symbols: the offset of every
 * 256th name), on some kernels {@code kallsyms_seqs_of_names} (3 or 4 bytes per symbol;
 * Debian's 6.1 has the 3-byte form), and the token table and its index. scripts/kallsyms.c
 * emits them in one of two orders ({@link Order}): up to 6.3 in the order just listed; since
 * 6.4 num_syms, names, markers and the token table and index come first and the offsets, the
 * relative base and the sequences follow the token index. The names, markers and token table
 * are adjacent in both, so they are found the same way and the offsets are then tried in each
 * place ({@link KallsymsReader} keeps the one that decodes to ascending addresses).
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
 * @param order              which of the two orders this layout assumes
 */
public record KallsymsLayout(int offsetsAt, int relativeBaseAt, int numSymsAt, int count, int namesAt,
                             int markersAt, int seqBytesPerSymbol, KallsymsTokenTable tokens, Order order) {
    private static final int[] SEQ_FORMS = {0, 3, 4};

    /** The two orders in which scripts/kallsyms.c has emitted the tables. */
    public enum Order {
        /** Up to 6.3: offsets, relative base, num_syms, names, markers, sequences, token table, token index. */
        OFFSETS_FIRST("offsets before kallsyms_num_syms, as up to 6.3"),
        /** Since 6.4: num_syms, names, markers, token table, token index, offsets, relative base, sequences. */
        OFFSETS_AFTER_TOKENS("offsets after kallsyms_token_index, as since 6.4");

        private final String description;

        Order(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * The same names, markers and tokens with the offsets and relative base right after the
     * token index, as kernels since 6.4 emit them, if {@code count} offsets and a word fit in
     * {@code v}; the sequences (if any) follow the base there, not the markers.
     */
    Optional<KallsymsLayout> offsetsAfterTokens(ByteView v, int wordSize) {
        int offsets = KallsymsTokenTable.align(tokens.indexEnd(), wordSize);
        int base = KallsymsTokenTable.align(offsets + 4 * count, wordSize);
        if (!v.fits(base, wordSize)) {
            return Optional.empty();
        }
        return Optional.of(new KallsymsLayout(offsets, base, numSymsAt, count, namesAt, markersAt, 0, tokens,
                Order.OFFSETS_AFTER_TOKENS));
    }

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
                    long offsetsAt = Math.max(-1, alignDown(relAt - 4 * n, wordSize));
                    return Optional.of(new KallsymsLayout((int) offsetsAt, relAt, numAt, (int) n,
                            KallsymsTokenTable.align(numAt + 4, wordSize), (int) markersAt, seq, t,
                            Order.OFFSETS_FIRST));
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

    /** True if the offsets and the relative base lie inside the searched bytes. */
    boolean offsetsFit() {
        return offsetsAt >= 0;
    }

    @Override
    public String toString() {
        return String.format("KallsymsLayout{%s, %d symbols: offsets 0x%x, relative_base 0x%x, num_syms 0x%x, names 0x%x, "
                + "markers 0x%x, seqs_of_names %d bytes each, token_table 0x%x, token_index 0x%x}", order, count, offsetsAt,
                relativeBaseAt, numSymsAt, namesAt, markersAt, seqBytesPerSymbol, tokens.tableOffset(),
                tokens.indexOffset());
    }
}
