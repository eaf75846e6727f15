package org.kexeclab.gdb;

import java.nio.charset.StandardCharsets;

/** The remote protocol's encodings: hex bytes and numbers, and the binary escape of {@code X} and {@code vFile} data. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code len} bytes of {@code b} from {@code off} as two hex digits each. */
    static String bytes(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(2 * len);
        for (int i = off; i < off + len; i++) {
            s.append(DIGITS[(b[i] >> 4) & 0xf]).append(DIGITS[b[i] & 0xf]);
        }
        return s.toString();
    }

    /** The text's bytes (UTF-8) in hex: how {@code O} packets and {@code qRcmd} carry text. */
    static String text(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return bytes(b, 0, b.length);
    }

    /** Hex digits (an even number of them) back to bytes. */
    static byte[] parseBytes(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex: " + hex.substring(2 * i, 2 * i + 2));
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return b;
    }

    /** An unsigned hex number of at most 16 digits. */
    static long parse(String hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("not a hex number: '" + hex + "'");
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    /** {@code bytes} with {@code #}, {@code $}, {@code }} and {@code *} escaped, as ISO-8859-1 characters. */
    static String escape(byte[] bytes, int off, int len) {
        StringBuilder s = new StringBuilder(len + 16);
        for (int i = off; i < off + len; i++) {
            int c = bytes[i] & 0xff;
            if (c == '#' || c == '$' || c == '}' || c == '*') {
                s.append('}').append((char) (c ^ 0x20));
            } else {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    /** Escaped binary data (ISO-8859-1 characters) back to bytes. */
    static byte[] unescape(String data) {
        byte[] out = new byte[data.length()];
        int n = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '}') {
                if (++i == data.length()) {
                    throw new IllegalArgumentException("escape character at the end of binary data");
                }
                out[n++] = (byte) (data.charAt(i) ^ 0x20);
            } else {
                out[n++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
