package org.kexeclab.loader.dt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialises an {@link Fdt} as a version-17 flattened device tree (Devicetree
 * Specification ch. 5): 40-byte header, memory reservation block (8-aligned, ending with a
 * zero entry), structure block (4-aligned tokens), strings block (each property name once).
 */
public final class FdtWriter {
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new LinkedHashMap<>();

    private FdtWriter() {
    }

    /** The DTB bytes of {@code fdt}. */
    public static byte[] write(Fdt fdt) {
        FdtWriter w = new FdtWriter();
        w.node(fdt.root());
        w.word(Fdt.FDT_END);
        return w.assemble(fdt);
    }

    private void node(FdtNode n) {
        word(Fdt.FDT_BEGIN_NODE);
        byte[] name = n.name().getBytes(StandardCharsets.UTF_8);
        struct.write(name, 0, name.length);
        struct.write(0);
        pad(struct, 4);
        for (Map.Entry<String, byte[]> p : n.properties().entrySet()) {
            word(Fdt.FDT_PROP);
            word(p.getValue().length);
            word(stringOffset(p.getKey()));
            struct.write(p.getValue(), 0, p.getValue().length);
            pad(struct, 4);
        }
        for (FdtNode c : n.children()) {
            node(c);
        }
        word(Fdt.FDT_END_NODE);
    }

    private int stringOffset(String name) {
        return stringOffsets.computeIfAbsent(name, k -> {
            int off = strings.size();
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            strings.write(b, 0, b.length);
            strings.write(0);
            return off;
        });
    }

    private byte[] assemble(Fdt fdt) {
        int rsvOff = Fdt.HEADER_SIZE;
        int rsvSize = (fdt.reservations().size() + 1) * 16;
        int structOff = rsvOff + rsvSize;
        int stringsOff = structOff + struct.size();
        int total = stringsOff + strings.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        long[] header = {Fdt.MAGIC, total, structOff, stringsOff, rsvOff, Fdt.VERSION, Fdt.LAST_COMP_VERSION,
                fdt.bootCpuId(), strings.size(), struct.size()};
        for (long h : header) {
            be(out, h, 4);
        }
        for (Fdt.Reservation r : fdt.reservations()) {
            be(out, r.address(), 8);
            be(out, r.size(), 8);
        }
        be(out, 0, 8);
        be(out, 0, 8);
        out.write(struct.toByteArray(), 0, struct.size());
        out.write(strings.toByteArray(), 0, strings.size());
        return out.toByteArray();
    }

    private void word(int v) {
        be(struct, v, 4);
    }

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void pad(ByteArrayOutputStream out, int align) {
        while (out.size() % align != 0) {
            out.write(0);
        }
    }
}
