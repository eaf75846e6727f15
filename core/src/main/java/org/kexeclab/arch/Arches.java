package org.kexeclab.arch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.kexeclab.Arch;

/**
 * The registry of architectures: every {@link ArchSupport} on the class path (found once with
 * {@link ServiceLoader}), in {@link ArchSupport#rank()} order.
 */
public final class Arches {
    private static final Registry REGISTRY = new Registry();

    private Arches() {
    }

    /** Every registered architecture, in rank order. */
    public static List<Arch> all() {
        return REGISTRY.arches;
    }

    /** Every registered architecture's support, in rank order. */
    public static List<ArchSupport> supports() {
        return REGISTRY.supports;
    }

    /** The names of {@link #all()}, in order. */
    public static List<String> names() {
        return REGISTRY.names;
    }

    /** The support of {@code arch}, if a module on the class path registers it. */
    public static Optional<ArchSupport> find(Arch arch) {
        return Optional.ofNullable(REGISTRY.byArch.get(arch));
    }

    /**
     * The support of {@code arch}.
     *
     * @throws UnknownArchitectureException if no module on the class path registers it
     */
    public static ArchSupport support(Arch arch) {
        ArchSupport s = REGISTRY.byArch.get(arch);
        if (s == null) {
            throw new UnknownArchitectureException("no architecture module on the class path supports " + arch
                    + ": the registered architectures are " + String.join(", ", names()));
        }
        return s;
    }

    /**
     * The architecture called {@code name} or one of its aliases, ignoring case and surrounding
     * blanks; empty when no plug-in on the class path answers to it.
     */
    public static Optional<Arch> findByName(String name) {
        return Optional.ofNullable(REGISTRY.byName.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The architecture called {@code name} or one of its aliases, ignoring case and surrounding
     * blanks.
     *
     * @throws UnknownArchitectureException naming every accepted name ({@link #acceptedNames()})
     */
    public static Arch byName(String name) {
        return findByName(name).orElseThrow(() -> new UnknownArchitectureException(
                "unknown architecture '" + name + "': expected one of " + acceptedNames()));
    }

    /**
     * Every name {@link #byName} accepts, for messages: the names in order, then the aliases in
     * parentheses ("A, B, C (or A2, B2)").
     */
    public static String acceptedNames() {
        List<String> aliases = new ArrayList<>();
        supports().forEach(s -> aliases.addAll(s.aliases()));
        return String.join(", ", names()) + (aliases.isEmpty() ? "" : " (or " + String.join(", ", aliases) + ")");
    }

    /** The registry, built once. */
    private static final class Registry {
        final List<ArchSupport> supports;
        final List<Arch> arches;
        final List<String> names;
        final Map<Arch, ArchSupport> byArch = new HashMap<>();
        final Map<String, Arch> byName = new HashMap<>();

        Registry() {
            List<ArchSupport> found = new ArrayList<>();
            ServiceLoader.load(ArchSupport.class, Arches.class.getClassLoader()).forEach(found::add);
            found.sort(Comparator.comparingInt(ArchSupport::rank));
            List<Arch> a = new ArrayList<>();
            List<String> n = new ArrayList<>();
            for (ArchSupport s : found) {
                if (byArch.putIfAbsent(s.arch(), s) != null) {
                    throw new IllegalStateException("two modules register the architecture " + s.arch());
                }
                a.add(s.arch());
                n.add(s.arch().toString());
                name(s.arch().toString(), s.arch());
                s.aliases().forEach(alias -> name(alias, s.arch()));
            }
            supports = List.copyOf(found);
            arches = List.copyOf(a);
            names = List.copyOf(n);
        }

        private void name(String name, Arch arch) {
            Arch before = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), arch);
            if (before != null && !before.equals(arch)) {
                throw new IllegalStateException("the name '" + name + "' is used by " + before + " and " + arch);
            }
        }
    }
}
