package org.kexeclab.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.vmlinux.KernelSymbol;

/**
 * Builds a kallsyms table the way scripts/kallsyms.c lays it out, for tests that need no
 * download: names compressed with a token table (every used character at its own index,
 * free indices filled with the most frequent adjacent token pair, repeatedly), base-relative
 * offsets (optionally with the absolute-per-CPU encoding), the markers, an optional
 * {@code kallsyms_seqs_of_names}, the token table and its index, each label aligned to the
 * word size. Symbols must be given in ascending address order. The tables come in 6.1's order
 * (offsets and relative base first) or, with {@link #orderSince64()}, in the order kernels emit
 * since 6.4 (names, markers and tokens first; offsets, relative base and sequences after the
 * token index).
 */
public final class KallsymsBuilder {
    private final int wordSize;
    private final ByteOrder order;
    private boolean absolutePercpu;
    private int seqBytes;
    private boolean since64;
    private long storedBase = -1;
    private final Map<String, Integer> positions = new HashMap<>();
    private int longest;

    /** A builder for a kernel with {@code wordSize}-byte words in {@code order}. */
    public KallsymsBuilder(int wordSize, ByteOrder order) {
        this.wordSize = wordSize;
        this.order = order;
    }

    /** Encodes symbols of type 'A' as absolute per-CPU offsets (CONFIG_KALLSYMS_ABSOLUTE_PERCPU). */
    public KallsymsBuilder absolutePercpu() {
        absolutePercpu = true;
        return this;
    }

    /** Adds {@code kallsyms_seqs_of_names} with {@code bytes} bytes per symbol. */
    public KallsymsBuilder seqsOfNames(int bytes) {
        seqBytes = bytes;
        return this;
    }

    /** Emits the tables in the order kernels use since 6.4: the offsets after the token index. */
    public KallsymsBuilder orderSince64() {
        since64 = true;
        return this;
    }

    /** Stores {@code base} as kallsyms_relative_base instead of the real one (arm64 stores 0). */
    public KallsymsBuilder storedBase(long base) {
        storedBase = base;
        return this;
    }

    /** Where the last build put {@code label} ("kallsyms_names", ...), relative to the blob's start. */
    public int position(String label) {
        return positions.get(label);
    }

    /** The longest compressed name of the last build, in tokens. */
    public int longestCompressedName() {
        return longest;
    }

    /** The tables for {@code symbols}, starting at a word-aligned offset of the blob. */
    public byte[] build(List<KernelSymbol> symbols) {
        List<int[]> names = new ArrayList<>();
        for (KernelSymbol s : symbols) {
            byte[] b = (s.type() + s.name()).getBytes(StandardCharsets.ISO_8859_1);
            int[] t = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                t[i] = b[i] & 0xff;
            }
            names.add(t);
        }
        String[] tokens = TokenCompressor.compress(names);
        Out out = new Out();
        long base = relativeBase(symbols);
        if (!since64) {
            offsets(out, symbols, base);
        }
        label(out, "kallsyms_num_syms");
        out.u32(symbols.size());
        names(out, names);
        if (!since64) {
            sequences(out, symbols.size());
        }
        tokens(out, tokens);
        if (since64) {
            offsets(out, symbols, base);
            sequences(out, symbols.size());
        }
        return out.toByteArray();
    }

    private void offsets(Out out, List<KernelSymbol> symbols, long base) {
        label(out, "kallsyms_offsets");
        for (KernelSymbol s : symbols) {
            out.u32(offset(s, base));
        }
        label(out, "kallsyms_relative_base");
        out.word(storedBase >= 0 ? storedBase : base, wordSize);
    }

    private void names(Out out, List<int[]> names) {
        label(out, "kallsyms_names");
        int namesStart = out.size();
        int[] markers = new int[(names.size() + 255) / 256];
        for (int i = 0; i < names.size(); i++) {
            if ((i & 0xff) == 0) {
                markers[i >> 8] = out.size() - namesStart;
            }
            int[] n = names.get(i);
            longest = Math.max(longest, n.length);
            if (n.length > 0x7f) {
                out.u8((n.length & 0x7f) | 0x80);
                out.u8(n.length >> 7);
            } else {
                out.u8(n.length);
            }
            for (int t : n) {
                out.u8(t);
            }
        }
        label(out, "kallsyms_markers");
        for (int m : markers) {
            out.u32(m);
        }
    }

    private void sequences(Out out, int count) {
        if (seqBytes > 0) {
            label(out, "kallsyms_seqs_of_names");
            for (int i = 0; i < count; i++) {
                out.word(i, seqBytes);
            }
        }
    }

    private void tokens(Out out, String[] tokens) {
        label(out, "kallsyms_token_table");
        int[] index = new int[256];
        int tableStart = out.size();
        for (int i = 0; i < 256; i++) {
            index[i] = out.size() - tableStart;
            for (byte b : tokens[i].getBytes(StandardCharsets.ISO_8859_1)) {
                out.u8(b & 0xff);
            }
            out.u8(0);
        }
        label(out, "kallsyms_token_index");
        for (int i : index) {
            out.word(i, 2);
        }
    }

    private long relativeBase(List<KernelSymbol> symbols) {
        for (KernelSymbol s : symbols) {
            if (!(absolutePercpu && s.type() == 'A')) {
                return s.address();
            }
        }
        throw new IllegalArgumentException("no relative symbol");
    }

    private long offset(KernelSymbol s, long base) {
        if (!absolutePercpu) {
            return s.address() - base;
        }
        return s.type() == 'A' ? s.address() : base - s.address() - 1;
    }

    private void label(Out out, String name) {
        while (out.size() % wordSize != 0) {
            out.u8(0);
        }
        positions.put(name, out.size());
    }

    /** Little byte sink in the builder's byte order. */
    private final class Out extends ByteArrayOutputStream {
        void u8(int b) {
            write(b);
        }

        void u32(long v) {
            word(v, 4);
        }

        void word(long v, int size) {
            ByteBuffer b = ByteBuffer.allocate(8).order(order).putLong(0, order == ByteOrder.LITTLE_ENDIAN ? v
                    : v << (64 - 8 * size));
            write(b.array(), 0, size);
        }
    }
}
