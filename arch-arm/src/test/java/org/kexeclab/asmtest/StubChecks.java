package org.kexeclab.asmtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.kexeclab.asm.Stub;

/** Helpers for stub tests: the GNU as reference bytes and listing coverage. */
public final class StubChecks {

    private StubChecks() {
    }

    /** The bytes in a one-line hex resource written by a {@code regen-stub.sh}. */
    public static byte[] referenceBytes(String resource) {
        try (InputStream in = StubChecks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    return HexFormat.of().parseHex(line.trim());
                }
            }
            throw new IllegalStateException("no hex line in " + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first stub offset no listing entry covers, or -1 if every byte is covered. */
    public static int firstUnlistedOffset(Stub stub) {
        for (int off = 0; off < stub.size(); off++) {
            if (stub.listing().indexOf(stub.origin() + off) < 0) {
                return off;
            }
        }
        return -1;
    }
}
