package org.kexeclab.testkit;

import java.util.List;

/**
 * The kallsyms name compression, written from its description in scripts/kallsyms.c for
 * {@link KallsymsBuilder}: every character some name uses keeps its own index; each free
 * index, from 255 down, takes the most frequent pair of adjacent tokens, which is then
 * replaced by that index in every name. Names are rewritten in place.
 */
final class TokenCompressor {
    private TokenCompressor() {
    }

    /** Compresses {@code names} (arrays of token indices, initially characters); returns the 256 tokens. */
    static String[] compress(List<int[]> names) {
        String[] tokens = new String[256];
        for (int[] n : names) {
            for (int c : n) {
                tokens[c] = String.valueOf((char) c);
            }
        }
        for (int slot = 255; slot >= 0; slot--) {
            if (tokens[slot] != null) {
                continue;
            }
            int best = bestPair(names);
            if (best < 0) {
                break;
            }
            int a = best >> 8;
            int b = best & 0xff;
            tokens[slot] = tokens[a] + tokens[b];
            for (int i = 0; i < names.size(); i++) {
                names.set(i, replace(names.get(i), a, b, slot));
            }
        }
        for (int i = 0; i < 256; i++) {
            tokens[i] = tokens[i] == null ? "" : tokens[i];
        }
        return tokens;
    }

    private static int bestPair(List<int[]> names) {
        int[] count = new int[1 << 16];
        for (int[] n : names) {
            for (int i = 0; i + 1 < n.length; i++) {
                count[n[i] << 8 | n[i + 1]]++;
            }
        }
        int best = -1;
        for (int p = 0; p < count.length; p++) {
            if (count[p] > 1 && (best < 0 || count[p] > count[best])) {
                best = p;
            }
        }
        return best;
    }

    private static int[] replace(int[] n, int a, int b, int slot) {
        int[] out = new int[n.length];
        int o = 0;
        for (int i = 0; i < n.length; i++) {
            if (i + 1 < n.length && n[i] == a && n[i + 1] == b) {
                out[o++] = slot;
                i++;
            } else {
                out[o++] = n[i];
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }
}
