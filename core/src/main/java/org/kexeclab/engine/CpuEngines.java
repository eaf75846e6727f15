package org.kexeclab.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.kexeclab.Arch;

/**
 * Finds CPU engines: every {@link CpuEngine} listed in
 * {@code META-INF/services/org.kexeclab.engine.CpuEngine} on the class path, in
 * {@link CpuEngine#rank()} order (found once).
 */
public final class CpuEngines {
    private static final List<CpuEngine> ALL = load();

    private CpuEngines() {
    }

    private static List<CpuEngine> load() {
        List<CpuEngine> engines = new ArrayList<>();
        ServiceLoader.load(CpuEngine.class, CpuEngines.class.getClassLoader()).forEach(engines::add);
        engines.sort(Comparator.comparingInt(CpuEngine::rank));
        return List.copyOf(engines);
    }

    /**
     * The default engine: the first by rank.
     *
     * @throws EngineUnavailableException if no engine module is on the class path
     */
    public static CpuEngine defaultEngine() {
        if (ALL.isEmpty()) {
            throw new EngineUnavailableException(null, "no CPU engine is on the class path: add an engine module");
        }
        return ALL.get(0);
    }

    /** Every engine on the class path, by rank. */
    public static List<CpuEngine> all() {
        return ALL;
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
    public static CpuEngine forArch(Arch arch) {
        for (CpuEngine e : all()) {
            if (e.probe(arch).supported()) {
                return e;
            }
        }
        return defaultEngine();
    }
}
