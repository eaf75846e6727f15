package org.kexeclab.asmtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.SourceLocation;

/**
 * One line of a committed golden file made by the repository's {@code scripts/golden-as}:
 * the instruction text and either the bytes GNU as produced or null when as rejected it.
 *
 * @param text     the instruction as given to as
 * @param expected the bytes in memory order, or null for an {@code ERROR} line
 * @param line     the 1-based line number in the golden file
 */
public record GoldenLine(String text, byte[] expected, int line) {

    /** True when GNU as rejected the instruction. */
    public boolean isError() {
        return expected == null;
    }

    /** The instruction as the assembler's parser would hand it to an encoder. */
    public Instruction instruction() {
        String t = text.trim();
        int space = t.indexOf(' ');
        String mnemonic = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        List<String> operands = space < 0 ? List.of() : splitOperands(t.substring(space + 1));
        return new Instruction(mnemonic, operands, t, new SourceLocation("golden", line, 1));
    }

    /** Reads every non-comment line of a golden resource. */
    public static List<GoldenLine> load(String resource) {
        InputStream in = GoldenLine.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        List<GoldenLine> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\t");
                byte[] bytes = f[0].equals("ERROR") ? null : HexFormat.of().parseHex(f[0]);
                out.add(new GoldenLine(f[1], bytes, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Splits at commas outside brackets, braces and parentheses. */
    static List<String> splitOperands(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(s.substring(start).trim());
        return out;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + text;
    }
}
