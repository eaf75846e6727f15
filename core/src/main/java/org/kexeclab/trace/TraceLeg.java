package org.kexeclab.trace;

import java.util.Objects;
import org.kexeclab.asm.Stub;

/**
 * One leg of a traced run: the code that runs it and the address where it hands over. A
 * relocation of a built-in image is one leg (the relocation stub, to the image's entry); a
 * real kernel's load is two, the relocation stub to the purgatory's entry and the purgatory to
 * the kernel's entry, because kexec-tools jumps to a purgatory and the purgatory to the kernel.
 *
 * @param name      the leg's name, as {@code step}'s {@code break} takes it ("stub", "purgatory")
 * @param code      the program that runs the leg (its listing and labels)
 * @param until     where the leg ends: the next leg's first instruction, or the kernel's entry
 * @param untilName where that is, in words ("the purgatory's entry", "the kernel's entry")
 */
public record TraceLeg(String name, Stub code, long until, String untilName) {
    /** Requires every part. */
    public TraceLeg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(untilName, "untilName");
    }

    /** The source file the leg's code was assembled from, or "?" for code without a listing. */
    public String file() {
        return code.listing().size() > 0 ? code.listing().location(0).file() : "?";
    }

    /** The leg in words: its name, source file, where its code runs and where it ends. */
    public String describe() {
        return String.format("%s (%s) at 0x%x to %s 0x%x", name, file(), code.origin(), untilName, until);
    }
}
