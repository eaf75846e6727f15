package org.kexeclab.asm;

import java.io.ByteArrayOutputStream;

/** Decodes GNU-as string literals ({@code "text\n"}) for {@code .ascii} and {@code .asciz}. */
final class StringLiteral {

    private StringLiteral() {
    }

    /** The value of a one-character escape such as {@code \n}; the character itself otherwise. */
    static char escape(char c) {
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'b': return '\b';
            case 'f': return '\f';
            case '0': return '\0';
            default: return c;
        }
    }

    /** Decodes one quoted operand into bytes (ISO-8859-1), with octal {@code \123} and hex {@code \x41} escapes. */
    static byte[] decode(String operand, Statement where) throws AssemblyException {
        String s = operand.strip();
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            throw where.error("expected a string in double quotes, got `" + operand + "`");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            char c = s.charAt(i++);
            if (c != '\\' || i >= end) {
                out.write(c);
            } else if (s.charAt(i) == 'x') {
                int j = i + 1;
                while (j < end && Character.digit(s.charAt(j), 16) >= 0) {
                    j++;
                }
                out.write(Integer.parseInt(s.substring(i + 1, j), 16));
                i = j;
            } else if (Character.digit(s.charAt(i), 8) >= 0) {
                int j = i;
                while (j < end && j < i + 3 && Character.digit(s.charAt(j), 8) >= 0) {
                    j++;
                }
                out.write(Integer.parseInt(s.substring(i, j), 8));
                i = j;
            } else {
                out.write(escape(s.charAt(i++)));
            }
        }
        return out.toByteArray();
    }
}
