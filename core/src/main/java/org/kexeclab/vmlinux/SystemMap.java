package org.kexeclab.vmlinux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code System.map} (or {@code /proc/kallsyms} text): one {@code address type name}
 * line per symbol, the address in hex, an optional fourth {@code [module]} column ignored.
 * Debian's {@code linux-image} packages ship only a stub that points at the {@code -dbg}
 * package; it is refused by name rather than read as zero symbols.
 */
public final class SystemMap {
    private SystemMap() {
    }

    /** Reads the file at {@code path}. */
    public static SymbolTable read(Path path) throws IOException, VmlinuxException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return read(r, path.getFileName().toString());
        }
    }

    /** Reads {@code text} ({@code source} names it in errors). */
    public static SymbolTable parse(String text, String source) throws VmlinuxException {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader cannot fail", e);
        }
    }

    private static SymbolTable read(Reader reader, String source) throws IOException, VmlinuxException {
        BufferedReader in = new BufferedReader(reader);
        List<KernelSymbol> out = new ArrayList<>();
        int lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            out.add(parseLine(line.trim(), source, lineNo));
        }
        if (out.isEmpty()) {
            throw new VmlinuxException(source + " holds no symbols");
        }
        return SymbolTable.of(out);
    }

    private static KernelSymbol parseLine(String line, String source, int lineNo) throws VmlinuxException {
        if (line.contains("real System.map is in")) {
            throw new VmlinuxException(source + " is Debian's stub System.map; the real one is in the "
                    + "linux-image-<version>-dbg package (or leave it out and the kernel's kallsyms are read)");
        }
        String[] f = line.split("\\s+");
        if (f.length < 3 || f.length > 4 || f[1].length() != 1 || !f[0].matches("[0-9a-fA-F]{1,16}")) {
            throw new VmlinuxException(String.format("%s line %d is not 'address type name': %s", source, lineNo,
                    line.length() > 80 ? line.substring(0, 80) + "..." : line));
        }
        return new KernelSymbol(f[2], f[1].charAt(0), Long.parseUnsignedLong(f[0], 16));
    }
}
