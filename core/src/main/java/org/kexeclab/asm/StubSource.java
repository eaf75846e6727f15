package org.kexeclab.asm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code .S} source an architecture ships (a relocation stub, an entry probe, a purgatory),
 * with the assembler and the predefined symbols it is built with. The inventory every test,
 * fuzzer and document draws from: an architecture lists all of its sources, so nothing keeps a
 * hand-made list of them.
 *
 * @param name       the resource name next to {@code owner}, e.g. {@code relocate_kernel_ARCH.S}
 * @param owner      the class the resource is found relative to
 * @param assembler  the architecture's assembler (its encoder and byte order)
 * @param predefined constants the source expects as symbols (may be empty)
 */
public record StubSource(String name, Class<?> owner, Assembler assembler, Map<String, Long> predefined) {

    /** Copies the symbols. */
    public StubSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(assembler, "assembler");
        predefined = Map.copyOf(predefined);
    }

    /** The source text (UTF-8). */
    public String text() {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource `" + name + "` next to " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    /** Assembles {@code text} (this source or a changed copy of it) for loading at {@code origin}. */
    public Stub assemble(String text, long origin) throws AssemblyException {
        return assembler.assemble(name, text, origin, predefined);
    }

    /** Assembles the shipped source for loading at {@code origin}. */
    public Stub assemble(long origin) throws AssemblyException {
        return assemble(text(), origin);
    }
}
