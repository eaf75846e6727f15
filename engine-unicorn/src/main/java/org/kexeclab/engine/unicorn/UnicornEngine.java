package org.kexeclab.engine.unicorn;

import com.sun.jna.Pointer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.engine.Register;

/**
 * The Unicorn engine (libunicorn 2 through JNA), for every architecture that binds a
 * {@link UnicornTarget} ({@code ArchSupport.binding(UnicornTarget.class)}). Whether an
 * architecture really runs here is its target's probe, decided once per JVM, not assumed.
 * Found as a {@link CpuEngine} service, first by rank: the default engine wherever it runs.
 */
public final class UnicornEngine implements CpuEngine {
    private static final UnicornEngine INSTANCE = new UnicornEngine();
    /** What each architecture's probe found, once per JVM (the native library is shared by the whole JVM). */
    private static final Map<Arch, TargetSupport> SUPPORT = new ConcurrentHashMap<>();

    /** An engine object, as {@link java.util.ServiceLoader} creates it; all of them share one state. */
    public UnicornEngine() {
    }

    /** The engine. */
    public static UnicornEngine instance() {
        return INSTANCE;
    }

    /** Why libunicorn cannot be used here (one sentence), or empty when it loaded. */
    public static Optional<String> libraryProblem() {
        return UcLibrary.available() ? Optional.empty() : Optional.of(UcLibrary.failureSentence());
    }

    /**
     * Unicorn's own number for {@code register} of {@code arch} ({@code uc_reg_read}'s id). The
     * one sanctioned way a raw Unicorn number leaves the binding: for native harnesses that drive
     * the same libunicorn on a machine state dumped from Java (the benchmarks' C baseline).
     *
     * @return the number, or -1 if Unicorn reaches the register only in its own way (not by a number)
     * @throws IllegalArgumentException if Unicorn has no such register
     */
    public static int nativeRegisterId(Arch arch, Register register) {
        UcRegister r = target(arch).register(register);
        if (r == null) {
            throw new IllegalArgumentException("register " + register.name() + " is not one Unicorn knows");
        }
        return r.id();
    }

    /** The default engine where it runs. */
    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String name() {
        String v = UcLibrary.version();
        return v == null ? "unicorn (libunicorn not found)" : "unicorn " + v;
    }

    @Override
    public EngineSupport probe(Arch arch) {
        if (!UcLibrary.available()) {
            return EngineSupport.no(UcLibrary.failureSentence());
        }
        TargetSupport s = SUPPORT.computeIfAbsent(arch, this::decide);
        return s.supported() ? EngineSupport.yes() : EngineSupport.no(s.reason());
    }

    @Override
    public Cpu open(Arch arch) {
        UcLibrary.require();
        EngineSupport s = probe(arch);
        if (!s.supported()) {
            throw new EngineUnavailableException(arch, s.reason());
        }
        return openRaw(arch, target(arch), SUPPORT.get(arch).cpuModel());
    }

    private TargetSupport decide(Arch arch) {
        UnicornTarget target = Arches.find(arch).flatMap(a -> a.binding(UnicornTarget.class)).orElse(null);
        if (target == null) {
            return TargetSupport.no("Unicorn has no " + arch + " target here, so " + arch + " cannot run on "
                    + name() + ": use an engine that can");
        }
        return target.probe(new UnicornProbe() {
            @Override
            public Cpu open(int model) {
                return openRaw(arch, target, model);
            }

            @Override
            public String engineName() {
                return name();
            }

            @Override
            public String version() {
                return UcLibrary.version();
            }
        });
    }

    private static UnicornTarget target(Arch arch) {
        return Arches.support(arch).binding(UnicornTarget.class).orElseThrow(() -> new EngineUnavailableException(
                arch, "Unicorn has no " + arch + " target here"));
    }

    /** Opens a CPU without the support check; {@code model} >= 0 selects a Unicorn CPU model. */
    Cpu openRaw(Arch arch, UnicornTarget target, int model) {
        long scratch = NativeState.allocateScratch();
        long uc = 0;
        try {
            new Pointer(scratch).setLong(0, 0);
            int err = UcNative.uc_open(target.ucArch(), target.ucMode(), scratch);
            if (err != 0) {
                throw new EngineUnavailableException(arch, name() + " cannot open " + arch + ": "
                        + UcNative.uc_strerror(err) + " (" + UcError.of(err) + ")");
            }
            uc = new Pointer(scratch).getLong(0);
            if (model >= 0) {
                err = UcLibrary.variadic().uc_ctl(new Pointer(uc), UcConst.UC_CTL_WRITE_CPU_MODEL, model);
                if (err != 0) {
                    throw new EngineUnavailableException(arch, name() + " rejected CPU model " + model
                            + " for " + arch + ": " + UcNative.uc_strerror(err));
                }
            }
            return new UnicornCpu(arch, Arches.support(arch).registers(), target, uc, scratch, name());
        } catch (RuntimeException | Error e) {
            if (uc != 0) {
                UcNative.uc_close(uc);
            }
            com.sun.jna.Native.free(scratch);
            throw e;
        }
    }
}
