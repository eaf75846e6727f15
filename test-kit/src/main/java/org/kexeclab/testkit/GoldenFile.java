package org.kexeclab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.SourceLocation;

/**
 * The one reader of the committed golden files that GNU binutils produced
 * ({@code scripts/golden-as} and the generators beside the files): a line is
 * {@code HEXBYTES<TAB>INSTRUCTION}, or {@code ERROR<TAB>INSTRUCTION<TAB>MESSAGE} where GNU as
 * rejected the instruction; {@code #} lines are comments, blank lines are skipped, and a
 * {@code ## NAME} line starts a group (a program of the engine tests). Files with other
 * tab-separated columns are read as {@link #rows}.
 */
public final class GoldenFile {
    private GoldenFile() {
    }

    /**
     * One line of a golden file.
     *
     * @param text   the instruction as given to GNU as
     * @param bytes  the bytes in memory order, or null where GNU as rejected it
     * @param error  GNU as's message for a rejected instruction, else null
     * @param number the 1-based line number in the file
     * @param group  the name of the {@code ## NAME} group it is in, or "" before the first
     */
    public record Line(String text, byte[] bytes, String error, int number, String group) {
        /** True when GNU as rejected the instruction. */
        public boolean isError() {
            return bytes == null;
        }

        /** The bytes as lower-case hex ("" for an error line). */
        public String hex() {
            return bytes == null ? "" : HexFormat.of().formatHex(bytes);
        }

        /** The instruction as the assembler's parser would hand it to an encoder: mnemonic, then operands. */
        public Instruction instruction() {
            return GoldenFile.instruction(text, number);
        }

        @Override
        public String toString() {
            return "line " + number + ": " + text;
        }
    }

    /**
     * One data line of a golden file: its tab-separated fields.
     *
     * @param number the 1-based line number in the file
     * @param fields the fields, at least one
     */
    public record Row(int number, List<String> fields) {
        /** Copies the fields. */
        public Row {
            fields = List.copyOf(fields);
        }

        /** Field {@code i}. */
        public String field(int i) {
            return fields.get(i);
        }

        /** Field {@code i} read as hex bytes. */
        public byte[] bytes(int i) {
            return HexFormat.of().parseHex(fields.get(i));
        }
    }

    /** Every data line of {@code resource} split at tabs: no comment ({@code #}) or blank line. */
    public static List<Row> rows(String resource) {
        return rows(resource, '\t');
    }

    /** Every data line of {@code resource} split at {@code separator}, empty fields kept. */
    public static List<Row> rows(String resource, char separator) {
        List<Row> out = new ArrayList<>();
        int n = 0;
        for (String s : text(resource).split("\\R", -1)) {
            n++;
            if (!s.isBlank() && !s.startsWith("#")) {
                out.add(new Row(n, List.of(s.split(Pattern.quote(String.valueOf(separator)), -1))));
            }
        }
        return out;
    }

    /**
     * The bytes of a hex golden file (a stub or purgatory that GNU as built): its data lines,
     * hex digits in memory order, one after another.
     */
    public static byte[] hexBytes(String resource) {
        StringBuilder hex = new StringBuilder();
        for (String s : text(resource).split("\\R", -1)) {
            if (!s.isBlank() && !s.startsWith("#")) {
                hex.append(s.strip());
            }
        }
        if (hex.length() == 0) {
            throw new IllegalStateException("no hex line in " + resource);
        }
        return HexFormat.of().parseHex(hex);
    }

    /** Every instruction line of the golden resource {@code resource} (an absolute class-path name). */
    public static List<Line> read(String resource) {
        List<Line> out = new ArrayList<>();
        String group = "";
        int n = 0;
        for (String s : text(resource).split("\\R", -1)) {
            n++;
            if (s.startsWith("## ")) {
                group = s.substring(3).trim();
                continue;
            }
            if (s.isBlank() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\t");
            if (f[0].equals("ERROR")) {
                out.add(new Line(f[1], null, f.length > 2 ? f[2] : "", n, group));
            } else {
                out.add(new Line(f[1], HexFormat.of().parseHex(f[0]), null, n, group));
            }
        }
        return out;
    }

    /** The groups of {@code resource}: each {@code ## NAME}'s instructions, their bytes one after another. */
    public static Map<String, byte[]> groups(String resource) {
        Map<String, ByteArrayOutputStream> collected = new LinkedHashMap<>();
        for (Line l : read(resource)) {
            if (l.isError()) {
                throw new IllegalStateException(resource + " line " + l.number() + ": GNU as rejected " + l.text());
            }
            collected.computeIfAbsent(l.group(), g -> new ByteArrayOutputStream()).writeBytes(l.bytes());
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        collected.forEach((g, b) -> out.put(g, b.toByteArray()));
        return out;
    }

    /** The raw bytes of the golden resource {@code resource}. */
    public static byte[] bytes(String resource) {
        try (InputStream in = GoldenFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden resource {@code resource} as UTF-8 text. */
    public static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /**
     * {@code text} as the assembler's parser would hand it to an encoder: the mnemonic (lower
     * case), then the operands split at top-level commas; its location is line {@code line} of
     * "golden".
     */
    public static Instruction instruction(String text, int line) {
        String t = text.trim();
        int space = t.indexOf(' ');
        String mnemonic = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        List<String> operands = space < 0 ? List.of() : splitOperands(t.substring(space + 1));
        return new Instruction(mnemonic, operands, t, new SourceLocation("golden", line, 1));
    }

    /** Splits operands at commas outside brackets, braces and parentheses. */
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
}
