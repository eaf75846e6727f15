package org.kexeclab.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates assembly source the way a careless edit or a corrupted file would: byte flips,
 * line deletions and duplications, token swaps, hostile numbers.
 */
final class SourceMutator {
    private static final String[] HOSTILE_NUMBERS = {"0", "-1", "0xffffffffffffffff", "0x10000000000000000",
        "99999999999999999999", "0x7fffffff", "0x80000000", "-0x8000000000000000", "1<<63", "0x1000000", "4096",
        "(", ")", "0b", "0x", "1f", "1b", "%", "$", "."};

    private SourceMutator() {
    }

    /** {@code source} after one to four random mutations. */
    static String mutate(String source, SplittableRandom r) {
        String s = source;
        for (int n = r.nextInt(1, 5); n > 0; n--) {
            s = switch (r.nextInt(6)) {
                case 0 -> flipByte(s, r);
                case 1 -> editLines(s, r, false);
                case 2 -> editLines(s, r, true);
                case 3 -> swapTokens(s, r);
                case 4 -> replaceToken(s, r, HOSTILE_NUMBERS[r.nextInt(HOSTILE_NUMBERS.length)]);
                default -> replaceToken(s, r, randomToken(s, r));
            };
        }
        return s;
    }

    private static String flipByte(String s, SplittableRandom r) {
        if (s.isEmpty()) {
            return s;
        }
        char[] c = s.toCharArray();
        int i = r.nextInt(c.length);
        c[i] = r.nextBoolean() ? (char) (c[i] ^ (1 << r.nextInt(8))) : (char) r.nextInt(0x20, 0x7f);
        return new String(c);
    }

    private static String editLines(String s, SplittableRandom r, boolean duplicate) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int i = r.nextInt(lines.size());
        if (duplicate) {
            lines.add(i, lines.get(i));
        } else {
            lines.remove(i);
        }
        return String.join("\n", lines);
    }

    private static String swapTokens(String s, SplittableRandom r) {
        List<int[]> tokens = tokens(s);
        if (tokens.size() < 2) {
            return s;
        }
        int[] a = tokens.get(r.nextInt(tokens.size()));
        int[] b = tokens.get(r.nextInt(tokens.size()));
        if (a[0] > b[0]) {
            int[] t = a;
            a = b;
            b = t;
        }
        if (a[0] == b[0] || a[1] > b[0]) {
            return s;
        }
        return s.substring(0, a[0]) + s.substring(b[0], b[1]) + s.substring(a[1], b[0]) + s.substring(a[0], a[1])
                + s.substring(b[1]);
    }

    private static String replaceToken(String s, SplittableRandom r, String with) {
        List<int[]> tokens = tokens(s);
        if (tokens.isEmpty()) {
            return s;
        }
        int[] t = tokens.get(r.nextInt(tokens.size()));
        return s.substring(0, t[0]) + with + s.substring(t[1]);
    }

    private static String randomToken(String s, SplittableRandom r) {
        List<int[]> tokens = tokens(s);
        if (tokens.isEmpty()) {
            return "x";
        }
        int[] t = tokens.get(r.nextInt(tokens.size()));
        return s.substring(t[0], t[1]);
    }

    /** [start, end) of every run of letters, digits, '.', '_' and '%'. */
    private static List<int[]> tokens(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (isTokenChar(s.charAt(i))) {
                int j = i;
                while (j < s.length() && isTokenChar(s.charAt(j))) {
                    j++;
                }
                out.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%';
    }
}
