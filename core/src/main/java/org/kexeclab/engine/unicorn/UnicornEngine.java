package org.kexeclab.engine.unicorn;

import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.EngineUnavailableException;

/**
 * The Unicorn engine (libunicorn 2 through JNA): x86_64, arm64, arm (ARM and Thumb), ppc32 and
 * ppc64 big-endian. Whether ppc64 really runs 64-bit code is probed once per JVM, not assumed.
 */
public final class UnicornEngine implements CpuEngine {
    private static final UnicornEngine INSTANCE = new UnicornEngine();

    private final Map<Arch, EngineSupport> support = new ConcurrentHashMap<>();
    private volatile int ppc64Model = Integer.MIN_VALUE;

    private UnicornEngine() {
    }

    /** The one engine object (the native library is shared by the whole JVM). */
    /**
     * Unicorn's own number for {@code register} ({@code UC_X86_REG_RAX}, ...). The one sanctioned
     * way a raw Unicorn number leaves the binding: for native harnesses that drive the same
     * libunicorn on a machine state dumped from Java (the benchmarks' C baseline).
     *
     * @throws IllegalArgumentException if Unicorn has no such register
     */
    public static int nativeRegisterId(org.kexeclab.engine.Register register) {
        return UcRegisters.id(register);
    }

    public static UnicornEngine instance() {
        return INSTANCE;
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
        return support.computeIfAbsent(arch, this::decide);
    }

    @Override
    public Cpu open(Arch arch) {
        UcLibrary.require();
        EngineSupport s = probe(arch);
        if (!s.supported()) {
            throw new EngineUnavailableException(arch, s.reason());
        }
        return openRaw(arch, arch == Arch.PPC64 ? ppc64Model : -1);
    }

    private EngineSupport decide(Arch arch) {
        switch (arch) {
            case PPC64LE:
                return EngineSupport.no("Unicorn has no little-endian PowerPC, so ppc64le cannot run on "
                        + name() + ": use an engine that can");
            case PPC64:
                return probePpc64();
            default:
                return EngineSupport.yes();
        }
    }

    private EngineSupport probePpc64() {
        StringBuilder seen = new StringBuilder();
        for (int model : Ppc64Probe.MODELS) {
            Ppc64Probe.Outcome o = Ppc64Probe.run(() -> (UnicornCpu) openRaw(Arch.PPC64, model));
            if (o.works()) {
                ppc64Model = model;
                return EngineSupport.yes();
            }
            seen.append(seen.length() == 0 ? "" : " and ").append(o.observed())
                    .append(model < 0 ? " with the default CPU model" : " with CPU model " + model);
        }
        return EngineSupport.no("Unicorn " + UcLibrary.version() + " cannot run 64-bit PowerPC instructions (a probe `ld` " + seen
                + "; unicorn issue 1779: a 32-bit CPU model is built for UC_MODE_PPC64): use an engine that can");
    }

    /** Opens a CPU without the support check; {@code model} >= 0 selects a Unicorn CPU model. */
    Cpu openRaw(Arch arch, int model) {
        long scratch = NativeState.allocateScratch();
        long uc = 0;
        try {
            new Pointer(scratch).setLong(0, 0);
            int err = UcNative.uc_open(ucArch(arch), ucMode(arch), scratch);
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
            return new UnicornCpu(arch, uc, scratch, name());
        } catch (RuntimeException | Error e) {
            if (uc != 0) {
                UcNative.uc_close(uc);
            }
            com.sun.jna.Native.free(scratch);
            throw e;
        }
    }

    private static int ucArch(Arch arch) {
        switch (arch) {
            case X86_64: return UcConst.UC_ARCH_X86;
            case ARM64: return UcConst.UC_ARCH_ARM64;
            case ARM: return UcConst.UC_ARCH_ARM;
            default: return UcConst.UC_ARCH_PPC;
        }
    }

    private static int ucMode(Arch arch) {
        switch (arch) {
            case X86_64: return UcConst.UC_MODE_64;
            case ARM64: return UcConst.UC_MODE_LITTLE_ENDIAN;
            case ARM: return UcConst.UC_MODE_ARM;
            case PPC32: return UcConst.UC_MODE_PPC32 | UcConst.UC_MODE_BIG_ENDIAN;
            default: return UcConst.UC_MODE_PPC64 | UcConst.UC_MODE_BIG_ENDIAN;
        }
    }
}
