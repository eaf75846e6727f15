package org.kexeclab.cli;

/** Parses the numbers users type: decimal, {@code 0x} hex, with optional K/M/G suffix. */
final class Numbers {
    private Numbers() {
    }

    static long parse(String text, String what) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        long scale = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            char s = t.charAt(t.length() - 1);
            scale = s == 'k' ? 1L << 10 : s == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
            return Math.multiplyExact(v, scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(what + ": '" + text + "' is not a number (use decimal, 0x hex, or a K/M/G suffix)");
        }
    }
}
