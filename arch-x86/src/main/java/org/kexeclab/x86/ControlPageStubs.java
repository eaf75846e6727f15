package org.kexeclab.x86;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/**
 * An x86 relocation stub assembled once per control page and kept: the x86 stubs hold absolute
 * addresses, so each control page needs its own assembly, and a run reuses a few dozen control
 * pages at most. The cache is cleared when it reaches {@value #LIMIT} entries, so a long fuzzing
 * run cannot grow it without bound.
 */
final class ControlPageStubs {
    private static final int LIMIT = 64;

    /** Assembles the stub for one control page; throws only if the shipped source is broken. */
    @FunctionalInterface
    interface Assembly {
        Stub at(long controlPage) throws AssemblyException;
    }

    private final String name;
    private final Assembly assembly;
    private final Map<Long, Stub> stubs = new ConcurrentHashMap<>();

    /**
     * @param name     the architecture, for the message if the shipped stub does not assemble
     * @param assembly how the stub is assembled for a control page
     */
    ControlPageStubs(String name, Assembly assembly) {
        this.name = name;
        this.assembly = assembly;
    }

    /** The stub for {@code controlPage}, from the cache or assembled now. */
    Stub at(long controlPage) {
        Stub s = stubs.get(controlPage);
        if (s == null) {
            try {
                s = assembly.at(controlPage);
            } catch (AssemblyException e) {
                throw new IllegalStateException("the shipped " + name + " stub does not assemble: " + e.getMessage(), e);
            }
            if (stubs.size() >= LIMIT) {
                stubs.clear();
            }
            stubs.put(controlPage, s);
        }
        return s;
    }
}
