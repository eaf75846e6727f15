package org.kexeclab.testkit;

import java.util.Map;

/**
 * The engine test programs of one mode, read from {@code /golden/engine/LABEL.golden} with
 * {@link GoldenFile}: bytes that GNU as produced (see {@code regen.sh} next to them), grouped by
 * {@code ## name} lines. Each arch module's test resources hold its modes' files.
 */
public final class GoldenPrograms {
    private final Map<String, byte[]> programs;
    private final String resource;

    private GoldenPrograms(String resource) {
        this.resource = resource;
        this.programs = GoldenFile.groups(resource);
    }

    /** The programs of {@code mode}. */
    public static GoldenPrograms of(EngineMode mode) {
        return new GoldenPrograms("/golden/engine/" + mode.label() + ".golden");
    }

    /** The bytes of program {@code name}. */
    public byte[] get(String name) {
        byte[] b = programs.get(name);
        if (b == null) {
            throw new IllegalArgumentException(resource + " has no program '" + name + "'");
        }
        return b.clone();
    }
}
