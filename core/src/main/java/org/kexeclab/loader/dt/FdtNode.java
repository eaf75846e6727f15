package org.kexeclab.loader.dt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mutable device-tree node: a name ({@code ""} for the root, {@code memory@0}, ...),
 * properties in insertion order (raw big-endian values) and child nodes. Written by
 * {@link FdtWriter}, read by {@link FdtParser}.
 */
public final class FdtNode {
    private final String name;
    private final Map<String, byte[]> properties = new LinkedHashMap<>();
    private final List<FdtNode> children = new ArrayList<>();

    /** A node called {@code name} with no properties or children. */
    public FdtNode(String name) {
        this.name = name;
    }

    /** The node's name, with its unit address if any. */
    public String name() {
        return name;
    }

    /** The properties, in order (read-only view; values are not copied). */
    public Map<String, byte[]> properties() {
        return Collections.unmodifiableMap(properties);
    }

    /** The children, in order (read-only view). */
    public List<FdtNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** The value of property {@code prop}, if present. */
    public Optional<byte[]> property(String prop) {
        return Optional.ofNullable(properties.get(prop));
    }

    /** Sets (or replaces, keeping its position) property {@code prop}. */
    public FdtNode set(String prop, byte[] value) {
        properties.put(prop, value.clone());
        return this;
    }

    /** Sets a NUL-terminated string property. */
    public FdtNode setString(String prop, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        byte[] v = new byte[s.length + 1];
        System.arraycopy(s, 0, v, 0, s.length);
        return set(prop, v);
    }

    /** Sets a property of big-endian cells: each value as {@code cells} 32-bit cells. */
    public FdtNode setCells(String prop, int cells, long... values) {
        byte[] v = new byte[values.length * cells * 4];
        for (int i = 0; i < values.length; i++) {
            for (int b = 0; b < cells * 4; b++) {
                int shift = 8 * (cells * 4 - 1 - b);
                v[i * cells * 4 + b] = shift >= 64 ? 0 : (byte) (values[i] >>> shift);
            }
        }
        return set(prop, v);
    }

    /** Removes property {@code prop} if present. */
    public FdtNode remove(String prop) {
        properties.remove(prop);
        return this;
    }

    /** Appends {@code child}. */
    public FdtNode add(FdtNode child) {
        children.add(child);
        return child;
    }

    /** Removes every child whose name matches {@code predicate}. */
    public void removeChildren(java.util.function.Predicate<String> predicate) {
        children.removeIf(c -> predicate.test(c.name()));
    }

    /** The first child called {@code childName}, if any. */
    public Optional<FdtNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The child called {@code childName}, created (appended) if absent. */
    public FdtNode childOrCreate(String childName) {
        return child(childName).orElseGet(() -> add(new FdtNode(childName)));
    }

    /** A big-endian cell property read as a number, if present and one or two cells long. */
    public Optional<Long> number(String prop) {
        byte[] v = properties.get(prop);
        if (v == null || (v.length != 4 && v.length != 8)) {
            return Optional.empty();
        }
        long x = 0;
        for (byte b : v) {
            x = (x << 8) | (b & 0xff);
        }
        return Optional.of(x);
    }

    @Override
    public String toString() {
        return "FdtNode{" + (name.isEmpty() ? "/" : name) + ", " + properties.size() + " properties, "
                + children.size() + " children}";
    }
}
