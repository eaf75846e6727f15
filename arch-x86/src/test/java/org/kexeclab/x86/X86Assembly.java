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

    /** Lower-case hex of {@code length} bytes of {@code b} from {@code from}. */
    static String hex2(byte[] b, int from, int length) {
        return HexFormat.of().formatHex(b, from, from + length);
    }

    /** Assembles one or more lines at origin 0 and returns the bytes as lower-case hex. */
    static String hex(String source) throws AssemblyException {
        return HexFormat.of().formatHex(ASSEMBLER.assemble("golden.S", source + "\n", 0, Map.of()).bytes());
    }

    /** {@link #hex} for 32-bit code. */
    static String hex32(String source) throws AssemblyException {
        return HexFormat.of().formatHex(ASSEMBLER32.assemble("golden.S", source + "\n", 0, Map.of()).bytes());
    }
}
