package org.kexeclab.engine.interp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.EngineUnavailableException;

/**
 * The pure-Java interpreter engine ({@code "java"}): no native code, instructions decoded from
 * guest memory by the {@link Isa} each architecture binds ({@code ArchSupport.binding(Isa.class)}).
 * An architecture is supported when it has one and its {@link Isa#selfTest} passes (checked once
 * per JVM). Found as a {@link CpuEngine} service, after Unicorn by rank.
 */
public final class InterpEngine implements CpuEngine {
    /** The engine's name and version, as {@link #name()} and {@link Cpu#engineName()} say it. */
    public static final String NAME = "java 1.0 (kexec-lab interpreter)";

    private static final InterpEngine INSTANCE = new InterpEngine();

    /** What each architecture's self-test found, once per JVM. */
    private static final Map<Arch, EngineSupport> SUPPORT = new ConcurrentHashMap<>();

    /** An engine object, as {@link java.util.ServiceLoader} creates it; all of them share one state. */
    public InterpEngine() {
    }

    /** The engine. */
    public static InterpEngine instance() {
        return INSTANCE;
    }

    /** Second to Unicorn: the default only where Unicorn cannot run the architecture. */
    @Override
    public int rank() {
        return 20;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSupport probe(Arch arch) {
        return SUPPORT.computeIfAbsent(arch, this::decide);
    }

    @Override
    public Cpu open(Arch arch) {
        EngineSupport s = probe(arch);
        if (!s.supported()) {
            throw new EngineUnavailableException(arch, s.reason());
        }
        return new InterpCpu(arch, Arches.support(arch).registers(), isaFor(arch), NAME);
    }

    private static Isa isaFor(Arch arch) {
        return Arches.find(arch).flatMap(s -> s.binding(Isa.class)).orElse(null);
    }

    private EngineSupport decide(Arch arch) {
        Isa isa = isaFor(arch);
        if (isa == null) {
            return EngineSupport.no("the Java engine has no " + arch + " instruction set yet: use --engine unicorn");
        }
        try (Cpu cpu = new InterpCpu(arch, Arches.support(arch).registers(), isa, NAME)) {
            String failure = isa.selfTest(arch, cpu);
            return failure.isEmpty() ? EngineSupport.yes()
                    : EngineSupport.no("the Java engine's " + isa.name() + " self-test on " + arch + " failed: " + failure);
        } catch (RuntimeException e) {
            return EngineSupport.no("the Java engine's " + isa.name() + " self-test on " + arch + " threw " + e);
        }
    }
}
