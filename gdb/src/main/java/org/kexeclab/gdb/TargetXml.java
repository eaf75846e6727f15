package org.kexeclab.gdb;

import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;

/**
 * The target description GDB reads with {@code qXfer:features:read:target.xml}: the architecture
 * and every feature inline (no {@code xi:include}), each register with its name, size, number and
 * type, so GDB lays out the {@code g} packet and names registers as its own feature files do.
 */
final class TargetXml {
    private TargetXml() {
    }

    static String of(GdbTarget target) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                + "<target version=\"1.0\">\n<architecture>").append(target.architecture()).append("</architecture>\n");
        for (GdbFeature f : target.features()) {
            b.append("<feature name=\"").append(f.name()).append("\">\n");
            if (!f.types().isEmpty()) {
                b.append(f.types()).append('\n');
            }
            for (GdbRegister r : f.registers()) {
                b.append("<reg name=\"").append(r.name()).append("\" bitsize=\"").append(r.bits())
                        .append("\" regnum=\"").append(r.number()).append("\" type=\"").append(r.type()).append('"');
                if (r.group() != null) {
                    b.append(" group=\"").append(r.group()).append('"');
                }
                b.append("/>\n");
            }
            b.append("</feature>\n");
        }
        return b.append("</target>\n").toString();
    }
}
