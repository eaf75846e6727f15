package org.kexeclab.asm;

/**
 * Where a listed statement came from: for an assembled program a position in its source
 * (file name, 1-based line and 1-based column, printed {@code file:line:col}, the form
 * compilers and editors understand); for code taken from a kernel a place in the kernel's
 * text named by its symbols ({@linkplain #symbolic symbolic}: {@code relocate_kernel+0x73},
 * line and column 0).
 */
public record SourceLocation(String file, int line, int column) {

    /** A place in a kernel's code named by symbol and offset ({@code identity_mapped+0x3}). */
    public static SourceLocation symbolic(String symbolAndOffset) {
        return new SourceLocation(symbolAndOffset, 0, 0);
    }

    /** True for a kernel symbol and offset rather than a source position. */
    public boolean isSymbolic() {
        return line == 0;
    }

    /** {@code file:line} for a source position, the symbol and offset for a kernel place: what traces show. */
    public String brief() {
        return isSymbolic() ? file : file + ":" + line;
    }

    @Override
    public String toString() {
        return isSymbolic() ? file : file + ":" + line + ":" + column;
    }
}
