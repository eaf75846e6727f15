package org.kexeclab.engine.interp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.EngineUnavailableException;

/**
 * The pure-Java interpreter engine ({@code "java"}): no native code, instructions decoded from
 * guest memory by {@link Isa} plug-ins found with {@link java.util.ServiceLoader}. An
 * architecture is supported when a plug-in claims it and its {@link Isa#selfTest} passes
 * (checked once per JVM).
 */
public final class InterpEngine implements CpuEngine {
    /** The engine's name and version, as {@link #name()} and {@link Cpu#engineName()} say it. */
    public static final String NAME = "java 1.0 (kexec-lab interpreter)";

    private static final InterpEngine INSTANCE = new InterpEngine();

    private final List<Isa> isas = new ArrayList<>();
    private final Map<Arch, EngineSupport> support = new ConcurrentHashMap<>();

    /** The engine as {@link java.util.ServiceLoader} creates it; prefer {@link #instance()}. */
    public InterpEngine() {
        for (Isa isa : ServiceLoader.load(Isa.class, InterpEngine.class.getClassLoader())) {
            isas.add(isa);
        }
    }

    /** The shared engine object. */
    public static InterpEngine instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSupport probe(Arch arch) {
        return support.computeIfAbsent(arch, this::decide);
    }

    @Override
    public Cpu open(Arch arch) {
        EngineSupport s = probe(arch);
        if (!s.supported()) {
            throw new EngineUnavailableException(arch, s.reason());
        }
        return new InterpCpu(arch, isaFor(arch), NAME);
    }

    private Isa isaFor(Arch arch) {
        for (Isa isa : isas) {
            if (isa.supports(arch)) {
                return isa;
            }
        }
        return null;
    }

    private EngineSupport decide(Arch arch) {
        Isa isa = isaFor(arch);
        if (isa == null) {
            return EngineSupport.no("the Java engine has no " + arch + " instruction set yet: use --engine unicorn");
        }
        try (Cpu cpu = new InterpCpu(arch, isa, NAME)) {
            String failure = isa.selfTest(arch, cpu);
            return failure.isEmpty() ? EngineSupport.yes()
                    : EngineSupport.no("the Java engine's " + isa.name() + " self-test on " + arch + " failed: " + failure);
        } catch (RuntimeException e) {
            return EngineSupport.no("the Java engine's " + isa.name() + " self-test on " + arch + " threw " + e);
        }
    }
}
