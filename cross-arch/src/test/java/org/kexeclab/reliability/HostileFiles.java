package org.kexeclab.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.kexeclab.testkit.FuzzKernels;

/**
 * Hand-built hostile files no mutation of a valid one reaches easily: device trees nested
 * hundreds deep, with unterminated node or property names, or property lengths beyond the
 * block; and a gzip bomb (an arm64 Image padded with 64 MiB of zeros, 64 KiB compressed).
 */
final class HostileFiles {
    private static final int BEGIN_NODE = 1;
    private static final int END_NODE = 2;
    private static final int PROP = 3;
    private static final int END = 9;
    /** An arm64 Image header followed by 64 MiB of zeros, gzip-compressed. */
    static final byte[] GZIP_BOMB = bomb(64 << 20);

    private HostileFiles() {
    }

    /** A device tree of a random hostile shape; {@code log} gets its description. */
    static byte[] deviceTree(SplittableRandom r, StringBuilder log) {
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.writeBytes("compatible\0model\0".getBytes(StandardCharsets.US_ASCII));
        int shape = r.nextInt(4);
        int depth = r.nextInt(1, 400);
        node(st, "");
        switch (shape) {
            case 0 -> {
                log.append(" nested ").append(depth).append(" deep");
                for (int i = 0; i < depth; i++) {
                    node(st, "n" + i);
                }
                for (int i = 0; i < depth; i++) {
                    word(st, END_NODE);
                }
            }
            case 1 -> {
                log.append(" unterminated node name");
                word(st, BEGIN_NODE);
                st.writeBytes("x".repeat(r.nextInt(1, 64)).getBytes(StandardCharsets.US_ASCII));
            }
            case 2 -> {
                log.append(" unterminated property name");
                strings.writeBytes("no-nul".getBytes(StandardCharsets.US_ASCII));
                prop(st, 17, 4);
                word(st, 0);
            }
            default -> {
                long len = r.nextBoolean() ? 0xffff_ffffL : r.nextInt(0x40, 0x10000);
                log.append(String.format(" property length 0x%x", len));
                prop(st, 0, (int) len);
                word(st, 0);
            }
        }
        if (shape != 1) {
            word(st, END_NODE);
            word(st, END);
        }
        return blob(st.toByteArray(), strings.toByteArray());
    }

    private static byte[] blob(byte[] struct, byte[] strings) {
        int structOff = 40 + 16;
        int stringsOff = structOff + struct.length;
        int total = stringsOff + strings.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0, 0xd00dfeed).putInt(4, total).putInt(8, structOff).putInt(12, stringsOff).putInt(16, 40)
                .putInt(20, 17).putInt(24, 16).putInt(28, 0).putInt(32, strings.length).putInt(36, struct.length);
        b.put(structOff, struct).put(stringsOff, strings);
        return b.array();
    }

    private static void node(ByteArrayOutputStream st, String name) {
        word(st, BEGIN_NODE);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        st.writeBytes(n);
        for (int i = n.length; i < ((n.length + 4) & ~3); i++) {
            st.write(0);
        }
    }

    private static void prop(ByteArrayOutputStream st, int nameOff, int len) {
        word(st, PROP);
        word(st, len);
        word(st, nameOff);
    }

    private static void word(ByteArrayOutputStream st, int w) {
        st.write(w >>> 24);
        st.write(w >>> 16);
        st.write(w >>> 8);
        st.write(w);
    }

    private static byte[] bomb(int zeros) {
        byte[] image = FuzzKernels.arm64Image();
        byte[] padded = new byte[image.length + zeros];
        System.arraycopy(image, 0, padded, 0, image.length);
        return FuzzKernels.gzip(padded);
    }
}
