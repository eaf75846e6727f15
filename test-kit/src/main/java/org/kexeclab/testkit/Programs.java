package org.kexeclab.testkit;

import java.nio.ByteBuffer;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * Test programs written as assembly text: the project's own assembler with the architecture's
 * encoder ({@link org.kexeclab.arch.ArchSupport#encoder()}) turns them into the bytes a test
 * loads, so a test reads as the instructions it runs instead of their encodings. Labels and
 * {@code .} work as in the stubs; a source that does not assemble fails the test with the
 * assembler's sentence.
 */
public final class Programs {
    private Programs() {
    }

    /** {@code source} assembled for {@code arch} to run at {@code origin}. */
    public static Stub assemble(Arch arch, long origin, String source) {
        Assembler asm = new Assembler(Arches.support(arch).encoder(), arch.byteOrder());
        try {
            return asm.assemble("test.S", source.endsWith("\n") ? source : source + "\n", origin, Map.of());
        } catch (AssemblyException e) {
            throw new IllegalArgumentException("the test program does not assemble: " + e.getMessage(), e);
        }
    }

    /** The bytes of {@code source} assembled for {@code arch} at {@code origin}. */
    public static byte[] bytes(Arch arch, long origin, String source) {
        return assemble(arch, origin, source).bytes();
    }

    /**
     * The 32-bit instruction words of {@code source} assembled for {@code arch} at
     * {@code origin}, in the architecture's byte order (for fixed-width instruction sets).
     */
    public static int[] words(Arch arch, long origin, String source) {
        byte[] b = bytes(arch, origin, source);
        if (b.length % 4 != 0) {
            throw new IllegalArgumentException("the program is " + b.length + " bytes, not whole 32-bit words");
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(arch.byteOrder());
        int[] out = new int[b.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.getInt();
        }
        return out;
    }
}
