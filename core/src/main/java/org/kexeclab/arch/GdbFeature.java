package org.kexeclab.arch;

import java.util.List;
import java.util.Objects;

/**
 * One feature of a GDB target description: its name (GDB recognises an architecture's standard
 * features by name, e.g. the core register set), the types its registers use beyond GDB's
 * predefined ones (flag and vector types, as target-description XML) and its registers in their
 * numbering order.
 *
 * @param name      the feature's name, e.g. {@code org.gnu.gdb.<family>.core}
 * @param types     {@code <flags>}, {@code <vector>} and {@code <union>} elements its registers' types need, or ""
 * @param registers its registers
 */
public record GdbFeature(String name, String types, List<GdbRegister> registers) {

    /** Copies the registers. */
    public GdbFeature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(types, "types");
        registers = List.copyOf(registers);
    }

    /** A feature whose registers use only GDB's predefined types. */
    public GdbFeature(String name, List<GdbRegister> registers) {
        this(name, "", registers);
    }

    /**
     * A {@code <flags>} type of {@code size} bytes: {@code fields} alternate a field's name and its
     * bit ({@code "CF", 0, "PF", 2}) or name, first and last bit ({@code "EL", 2, 3} as {@code "EL", "2-3"}).
     */
    public static String flags(String id, int size, Object... fields) {
        StringBuilder b = new StringBuilder().append("<flags id=\"").append(id).append("\" size=\"").append(size)
                .append("\">");
        for (int i = 0; i < fields.length; i += 2) {
            String bits = String.valueOf(fields[i + 1]);
            String start = bits.contains("-") ? bits.substring(0, bits.indexOf('-')) : bits;
            String end = bits.contains("-") ? bits.substring(bits.indexOf('-') + 1) : bits;
            b.append("<field name=\"").append(fields[i]).append("\" start=\"").append(start).append("\" end=\"")
                    .append(end).append("\"/>");
        }
        return b.append("</flags>").toString();
    }
}
