package org.kexeclab.asm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles GNU-as style {@code .S} sources into a {@link Stub} with one architecture's
 * {@link InstructionEncoder}. Runs passes until every label's address is the same in two
 * passes in a row (at most {@value #MAX_PASSES}), then a final pass whose output is kept
 * and in which every symbol must be defined. Thread-safe; one instance may serve many
 * assemblies.
 *
 * <p>Example: {@code new Assembler(new MyEncoder(), ByteOrder.LITTLE_ENDIAN)
 * .assembleResource(MyEncoder.class, "relocate_kernel_ARCH.S", controlPage, Map.of())}.
 */
public final class Assembler {

    /** Upper bound on passes before the assembly is declared non-convergent. */
    public static final int MAX_PASSES = 16;

    private final InstructionEncoder encoder;
    private final ByteOrder byteOrder;

    /** An assembler for {@code encoder}'s architecture writing data in {@code byteOrder}. */
    public Assembler(InstructionEncoder encoder, ByteOrder byteOrder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.byteOrder = Objects.requireNonNull(byteOrder, "byteOrder");
    }

    /**
     * Assembles {@code source} for loading at {@code origin}.
     *
     * @param fileName   name used in error messages and the listing
     * @param predefined constants visible to the source as symbols (may be empty)
     * @throws AssemblyException for any error in the source, with file:line:col
     */
    public Stub assemble(String fileName, String source, long origin, Map<String, Long> predefined)
            throws AssemblyException {
        List<Statement> statements = new SourceParser(encoder).parse(fileName, source);
        SymbolTable symbols = new SymbolTable(predefined);
        int[] sizes = null;
        int[] before = null;
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            AssemblyPass p = new AssemblyPass(statements, encoder, byteOrder, origin, symbols, sizes, false);
            p.run();
            boolean stable = pass > 1 && symbols.stable() && Arrays.equals(sizes, p.sizes());
            before = sizes;
            sizes = p.sizes();
            if (stable) {
                return finalPass(statements, origin, symbols, sizes).withSource(source);
            }
        }
        throw nonConvergence(fileName, statements, before, sizes);
    }

    /** Blames the first statement whose size still changed in the last pass. */
    private static AssemblyException nonConvergence(String fileName, List<Statement> statements, int[] before, int[] after) {
        String problem = "label addresses did not settle after " + MAX_PASSES + " passes";
        for (int i = 0; i < after.length; i++) {
            if (before[i] != after[i]) {
                return statements.get(i).error(problem + ": this statement keeps changing size ("
                        + before[i] + " then " + after[i] + " bytes)");
            }
        }
        return new AssemblyException(new SourceLocation(fileName, 1, 1), problem, "");
    }

    private Stub finalPass(List<Statement> statements, long origin, SymbolTable symbols, int[] sizes)
            throws AssemblyException {
        AssemblyPass last = new AssemblyPass(statements, encoder, byteOrder, origin, symbols, sizes, true);
        last.run();
        int[] finalSizes = last.sizes();
        for (int i = 0; i < finalSizes.length; i++) {
            if (finalSizes[i] != sizes[i]) {
                throw statements.get(i).error("size changed from " + sizes[i] + " to " + finalSizes[i]
                        + " bytes on the final pass; the encoder must size this instruction the same once labels are stable");
            }
        }
        return last.toStub();
    }

    /**
     * Assembles a classpath resource (UTF-8) found relative to {@code anchor}, as
     * {@link Class#getResourceAsStream} does.
     *
     * @throws IllegalArgumentException if the resource does not exist (a packaging mistake)
     */
    public Stub assembleResource(Class<?> anchor, String resource, long origin, Map<String, Long> predefined)
            throws AssemblyException {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource `" + resource + "` next to " + anchor.getName());
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            return assemble(name, text, origin, predefined);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /** The encoder this assembler uses. */
    public InstructionEncoder encoder() {
        return encoder;
    }
}
