package org.kexeclab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.kexeclab.engine.unicorn.UnicornEngine;

/**
 * Finds CPU engines: the built-in Unicorn engine first, then any other {@link CpuEngine} listed in
 * {@code META-INF/services/org.kexeclab.engine.CpuEngine} (found with {@link ServiceLoader}).
 */
public final class CpuEngines {

    private CpuEngines() {
    }

    /** The default engine (Unicorn through JNA). Loading the native library happens on first use. */
    public static CpuEngine defaultEngine() {
        return UnicornEngine.instance();
    }

    /** Every known engine, the default first. */
    public static List<CpuEngine> all() {
        List<CpuEngine> engines = new ArrayList<>();
        engines.add(defaultEngine());
        for (CpuEngine e : ServiceLoader.load(CpuEngine.class)) {
            if (!(e instanceof UnicornEngine)) {
                engines.add(e);
            }
        }
        return engines;
    }

    /**
     * The engine whose {@link CpuEngine#name()} starts with {@code name} (case-insensitive),
     * e.g. {@code "unicorn"}.
     *
     * @throws IllegalArgumentException naming the known engines
     */
    public static CpuEngine byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (CpuEngine e : all()) {
            String n = e.name().toLowerCase(Locale.ROOT);
            if (n.startsWith(wanted)) {
                return e;
            }
            names.add(e.name());
        }
        throw new IllegalArgumentException("unknown engine '" + name + "': known engines are " + names);
    }

    /** The first engine that supports {@code arch}, else the default engine (whose open explains why not). */
    public static CpuEngine forArch(org.kexeclab.Arch arch) {
        for (CpuEngine e : all()) {
            if (e.probe(arch).supported()) {
                return e;
            }
        }
        return defaultEngine();
    }
}
