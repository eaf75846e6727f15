package org.kexeclab.asm;

/**
 * A position in an assembly source: file name, 1-based line and 1-based column.
 * Printed as {@code file:line:col}, the form compilers and editors understand.
 */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
