package org.kexeclab.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits GNU-as style source into {@link Statement}s: strips C comments ({@code /* *}{@code /}),
 * {@code //} comments and the encoder's line-comment marker (never inside string or character
 * literals), splits lines at the encoder's statement separator, peels off {@code name:}
 * labels, and splits operands at top-level commas.
 */
public final class SourceParser {

    private static final Set<String> PREFIXES = Set.of("rep", "repe", "repz", "repne", "repnz", "lock");

    private final String lineComment;
    private final String separator;

    /** A parser using {@code encoder}'s comment marker and statement separator. */
    public SourceParser(InstructionEncoder encoder) {
        this.lineComment = encoder.lineComment();
        this.separator = encoder.statementSeparator();
    }

    /** Parses a whole source file. */
    public List<Statement> parse(String fileName, String source) throws AssemblyException {
        List<Statement> out = new ArrayList<>();
        String[] lines = stripComments(fileName, source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parseLine(fileName, i + 1, lines[i], out);
        }
        return out;
    }

    /**
     * Replaces every comment by spaces, keeping newlines so line and column numbers stay
     * true; string and character literals are left alone.
     */
    String stripComments(String fileName, String src) throws AssemblyException {
        StringBuilder b = new StringBuilder(src.length());
        int line = 1;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'' && isCharLiteral(src, i)) {
                int end = literalEnd(src, i);
                b.append(src, i, end);
                i = end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new AssemblyException(new SourceLocation(fileName, line, 1), "unterminated /* comment", "");
                }
                for (int k = i; k < end + 2; k++) {
                    b.append(src.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end + 2;
            } else if (src.startsWith("//", i) || lineComment != null && src.startsWith(lineComment, i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    b.append(' ');
                    i++;
                }
            } else {
                b.append(c);
                i++;
            }
            if (c == '\n') {
                line++;
            }
        }
        return b.toString();
    }

    private static boolean isCharLiteral(String s, int i) {
        return i + 2 < s.length() && (s.charAt(i + 2) == '\'' || s.charAt(i + 1) == '\\' && i + 3 < s.length() && s.charAt(i + 3) == '\'');
    }

    private static int literalEnd(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }

    private void parseLine(String file, int lineNo, String line, List<Statement> out) throws AssemblyException {
        int start = 0;
        for (int end : separatorPositions(line)) {
            parseStatement(file, lineNo, line, start, end, out);
            start = end + separator.length();
        }
        parseStatement(file, lineNo, line, start, line.length(), out);
    }

    private List<Integer> separatorPositions(String line) {
        List<Integer> positions = new ArrayList<>();
        if (separator == null) {
            return positions;
        }
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '\'' && isCharLiteral(line, i)) {
                i = literalEnd(line, i);
            } else if (line.startsWith(separator, i)) {
                positions.add(i);
                i += separator.length();
            } else {
                i++;
            }
        }
        return positions;
    }

    private static boolean fitsInt(String digits) {
        try {
            Integer.parseInt(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void parseStatement(String file, int lineNo, String line, int from, int to, List<Statement> out)
            throws AssemblyException {
        int i = skipSpace(line, from, to);
        while (i < to) {
            int nameEnd = symbolEnd(line, i, to);
            if (nameEnd > i && nameEnd < to && line.charAt(nameEnd) == ':') {
                String name = line.substring(i, nameEnd);
                SourceLocation loc = new SourceLocation(file, lineNo, i + 1);
                if (Character.isDigit(name.charAt(0)) && !name.chars().allMatch(Character::isDigit)) {
                    throw new AssemblyException(loc, "a label must not start with a digit unless it is a numeric local label", name);
                }
                if (Character.isDigit(name.charAt(0)) && !fitsInt(name)) {
                    throw new AssemblyException(loc, "a numeric local label must be at most " + Integer.MAX_VALUE, name);
                }
                out.add(new Statement(Statement.Kind.LABEL, name, List.of(), name + ":", loc));
                i = skipSpace(line, nameEnd + 1, to);
            } else {
                out.add(operation(file, lineNo, line.substring(i, to).strip(), i + 1));
                return;
            }
        }
    }

    private static Statement operation(String file, int lineNo, String text, int column) {
        SourceLocation loc = new SourceLocation(file, lineNo, column);
        int sp = firstSpace(text, 0);
        String name = text.substring(0, sp).toLowerCase();
        String rest = text.substring(sp).strip();
        if (PREFIXES.contains(name) && !rest.isEmpty()) {
            int sp2 = firstSpace(rest, 0);
            name = name + " " + rest.substring(0, sp2).toLowerCase();
            rest = rest.substring(sp2).strip();
        }
        Statement.Kind kind = name.startsWith(".") ? Statement.Kind.DIRECTIVE : Statement.Kind.INSTRUCTION;
        return new Statement(kind, name, splitOperands(rest), text, loc);
    }

    /** Splits at commas outside brackets, parentheses, braces and literals; trims each part. */
    public static List<String> splitOperands(String s) {
        List<String> parts = new ArrayList<>();
        if (s.isBlank()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' && isCharLiteral(s, i)) {
                i = literalEnd(s, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i).strip());
                start = i + 1;
            }
            i++;
        }
        parts.add(s.substring(start).strip());
        return parts;
    }

    private static int firstSpace(String s, int from) {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int i, int to) {
        while (i < to && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int symbolEnd(String s, int i, int to) {
        while (i < to && isSymbolChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Characters GNU as allows in symbol names. */
    static boolean isSymbolChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }
}
