package org.kexeclab.x86;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;

/** Reads the committed GNU as golden data under {@code /golden/x86_64} and assembles with the project's assembler. */
final class Golden {

    static final Assembler ASSEMBLER = new Assembler(new X86Encoder(), ByteOrder.LITTLE_ENDIAN);

    private Golden() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/x86_64/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /** Lower-case hex of {@code length} bytes of {@code b} from {@code from}. */
    static String hex2(byte[] b, int from, int length) {
        return HexFormat.of().formatHex(b, from, from + length);
    }

    /** Assembles one or more lines at origin 0 and returns the bytes as lower-case hex. */
    static String hex(String source) throws AssemblyException {
        return HexFormat.of().formatHex(ASSEMBLER.assemble("golden.S", source + "\n", 0, Map.of()).bytes());
    }
}
