package org.kexeclab.gdb.elf;

import java.util.Objects;
import org.kexeclab.asm.Stub;

/**
 * One assembled program to put in an ELF file: its section's name, its {@code .S} source (name and
 * text, written beside the ELF file so debuggers can show it) and the assembled {@link Stub}, whose
 * origin is the address it runs from and whose listing maps every address to a source line.
 *
 * @param section    the section's name, e.g. {@code .text}
 * @param sourceName the source's file name, as the listing names it
 * @param sourceText the source
 * @param stub       the program, assembled for the address it runs at
 */
public record CodePiece(String section, String sourceName, String sourceText, Stub stub) {

    /** Requires every part. */
    public CodePiece {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(stub, "stub");
        if (sourceName.contains("/") || sourceName.contains("\\")) {
            throw new IllegalArgumentException("a source name, not a path: " + sourceName);
        }
    }
}
