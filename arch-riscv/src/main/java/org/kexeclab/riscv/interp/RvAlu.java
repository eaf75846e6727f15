package org.kexeclab.riscv.interp;

/**
 * The integer arithmetic of RV64I and the M extension, as pure functions: the OP and OP-IMM
 * operations (selected by funct3 and the "alternate" bit 30), their 32-bit {@code W} forms
 * (which sign-extend their 32-bit result), and multiply, divide and remainder with the
 * specification's results for division by zero (quotient all ones, remainder the dividend) and
 * overflow (quotient the dividend, remainder 0).
 */
final class RvAlu {
    private RvAlu() {
    }

    /** OP / OP-IMM: {@code funct3} with {@code alt} (sub, sra, srai). */
    static long op(int funct3, boolean alt, long a, long b) {
        switch (funct3) {
            case 0: return alt ? a - b : a + b;
            case 1: return a << (b & 63);
            case 2: return a < b ? 1 : 0;
            case 3: return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case 4: return a ^ b;
            case 5: return alt ? a >> (b & 63) : a >>> (b & 63);
            case 6: return a | b;
            default: return a & b;
        }
    }

    /** OP-32 / OP-IMM-32 (funct3 0, 1, 5): the 32-bit operation, sign-extended. */
    static long opW(int funct3, boolean alt, long a, long b) {
        int x = (int) a;
        int s = (int) b & 31;
        switch (funct3) {
            case 0: return alt ? x - (int) b : x + (int) b;
            case 1: return x << s;
            default: return alt ? x >> s : x >>> s;
        }
    }

    /** The M extension's OP forms (funct7 = 1). */
    static long mul(int funct3, long a, long b) {
        switch (funct3) {
            case 0: return a * b;
            case 1: return Math.multiplyHigh(a, b);
            case 2: return Math.multiplyHigh(a, b) + (b < 0 ? a : 0);
            case 3: return Math.multiplyHigh(a, b) + (a >> 63 & b) + (b >> 63 & a);
            case 4: return b == 0 ? -1 : a == Long.MIN_VALUE && b == -1 ? a : a / b;
            case 5: return b == 0 ? -1 : Long.divideUnsigned(a, b);
            case 6: return b == 0 ? a : a == Long.MIN_VALUE && b == -1 ? 0 : a % b;
            default: return b == 0 ? a : Long.remainderUnsigned(a, b);
        }
    }

    /** The M extension's OP-32 forms (funct3 0, 4, 5, 6, 7), sign-extended; -1 marks an invalid funct3. */
    static long mulW(int funct3, long a, long b) {
        int x = (int) a;
        int y = (int) b;
        switch (funct3) {
            case 0: return x * y;
            case 4: return y == 0 ? -1 : x == Integer.MIN_VALUE && y == -1 ? x : x / y;
            case 5: return y == 0 ? -1 : Integer.divideUnsigned(x, y);
            case 6: return y == 0 ? x : x == Integer.MIN_VALUE && y == -1 ? 0 : x % y;
            default: return y == 0 ? x : Integer.remainderUnsigned(x, y);
        }
    }
}
