package org.kexeclab.loader.plan;

import java.util.Map;
import java.util.Objects;
import org.kexeclab.Arch;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.asm.Stub;

/**
 * A {@link Purgatory} assembled from a {@code .S} resource next to its class with the
 * project's assembler and the architecture's encoder, in the architecture's byte order.
 * Arch modules subclass it with a public no-argument constructor for {@link java.util.ServiceLoader}.
 */
public abstract class SourcePurgatory implements Purgatory {
    private final Arch arch;
    private final String resource;
    private final Assembler assembler;

    /**
     * @param arch     the architecture
     * @param encoder  the architecture's instruction encoder
     * @param resource the source's resource name, relative to the subclass
     */
    protected SourcePurgatory(Arch arch, InstructionEncoder encoder, String resource) {
        this.arch = Objects.requireNonNull(arch, "arch");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.assembler = new Assembler(encoder, arch.byteOrder());
    }

    @Override
    public Arch arch() {
        return arch;
    }

    @Override
    public String sourceName() {
        return resource;
    }

    @Override
    public Stub assemble(long origin) {
        try {
            return assembler.assembleResource(getClass(), resource, origin, Map.of());
        } catch (AssemblyException e) {
            throw new IllegalStateException("the shipped " + arch + " purgatory does not assemble: " + e.getMessage(), e);
        }
    }
}
