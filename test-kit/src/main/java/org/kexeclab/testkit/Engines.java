package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.kexeclab.Arch;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.EngineSupport;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.engine.unicorn.UnicornEngine;

/**
 * The engines as tests take them, and the one way a test skips when an engine cannot run here:
 * a JUnit assumption whose message is the engine's own sentence (libunicorn missing, a
 * target its probe refused).
 */
public final class Engines {
    private Engines() {
    }

    /** The Java engine (always here). */
    public static CpuEngine java() {
        return InterpEngine.instance();
    }

    /**
     * The Unicorn engine; the calling test is skipped if libunicorn cannot be loaded here (a
     * field initialiser may call it: the whole test class is then skipped).
     */
    public static UnicornEngine unicorn() {
        UnicornEngine.libraryProblem().ifPresent(reason -> assumeTrue(false, reason));
        return UnicornEngine.instance();
    }

    /**
     * The engine called {@code name} ({@code "java"} or {@code "unicorn"}, as parameterised tests
     * name them), skipping the calling test as {@link #unicorn()} does.
     */
    public static CpuEngine named(String name) {
        CpuEngine e = CpuEngines.byName(name);
        return e instanceof UnicornEngine ? unicorn() : e;
    }

    /** Skips the calling test unless {@code engine} runs {@code arch} here (with the engine's reason). */
    public static void assumeRuns(CpuEngine engine, Arch arch) {
        EngineSupport s = engine.probe(arch);
        assumeTrue(s.supported(), s.reason());
    }
}
