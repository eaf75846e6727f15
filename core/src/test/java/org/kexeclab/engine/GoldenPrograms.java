package org.kexeclab.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The engine test programs of one mode, read from {@code /golden/engine/<mode>.golden}: bytes
 * that GNU as produced (see {@code regen.sh} next to them), grouped by {@code ## name} lines.
 */
public final class GoldenPrograms {
    private final Map<String, byte[]> programs = new HashMap<>();
    private final String resource;

    private GoldenPrograms(String resource) {
        this.resource = resource;
    }

    /** The programs of {@code mode}. */
    public static GoldenPrograms of(ExecutionMode mode) {
        String resource = "/golden/engine/" + mode.label() + ".golden";
        GoldenPrograms p = new GoldenPrograms(resource);
        try (InputStream in = GoldenPrograms.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test classpath");
            }
            p.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private void parse(BufferedReader r) throws IOException {
        String name = null;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("## ")) {
                if (name != null) {
                    programs.put(name, bytes.toByteArray());
                }
                name = line.substring(3).trim();
                bytes.reset();
            } else if (!line.isBlank() && !line.startsWith("#")) {
                bytes.writeBytes(HexFormat.of().parseHex(line.substring(0, line.indexOf('\t'))));
            }
        }
        if (name != null) {
            programs.put(name, bytes.toByteArray());
        }
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
