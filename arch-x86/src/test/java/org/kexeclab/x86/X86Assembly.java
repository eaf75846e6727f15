package org.kexeclab.x86;

import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;

/** The project's x86 assemblers for tests (64-bit and 32-bit code), and hex of what they produce. */
final class X86Assembly {

    static final Assembler ASSEMBLER = new Assembler(new X86Encoder(), ByteOrder.LITTLE_ENDIAN);
    /** The assembler of 32-bit protected-mode code (i386). */
    static final Assembler ASSEMBLER32 = new Assembler(new X86Encoder(X86Mode.PROTECTED), ByteOrder.LITTLE_ENDIAN);

    private X86Assembly() {
    }

    /** Fails at the first byte where {@code actual} differs from {@code expected}, showing 16 bytes of each from there. */
    static void assertSameBytes(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i <= n; i++) {
            if (i == n ? expected.length != actual.length : expected[i] != actual[i]) {
                org.junit.jupiter.api.Assertions.fail(String.format("first difference at 0x%x of 0x%x/0x%x bytes: "
                        + "expected %s, got %s", i, expected.length, actual.length,
                        hex2(expected, i, Math.min(16, expected.length - i)), hex2(actual, i, Math.min(16, actual.length - i))));
            }
        }
    }

    /** Lower-case hex of {@code length} bytes of {@code b} from {@code from}. */
    static String hex2(byte[] b, int from, int length) {
        return HexFormat.of().formatHex(b, from, from + length);
    }

    /** Assembles one or more lines at origin 0 and returns the bytes as lower-case hex. */
    static String hex(String source) throws AssemblyException {
        return HexFormat.of().formatHex(ASSEMBLER.assemble("golden.S", source + "\n", 0, Map.of()).bytes());
    }

    /** {@link #hex} for 16-bit code: the lines after {@code .code16}. */
    static String hex16(String source) throws AssemblyException {
        return hex(".code16\n" + source);
    }

    /** {@link #hex} for 32-bit code. */
    static String hex32(String source) throws AssemblyException {
        return HexFormat.of().formatHex(ASSEMBLER32.assemble("golden.S", source + "\n", 0, Map.of()).bytes());
    }
}
