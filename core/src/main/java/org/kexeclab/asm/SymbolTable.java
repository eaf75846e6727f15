package org.kexeclab.asm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Symbols across assembly passes. A name defined earlier in the current pass has its
 * current value; a name not defined yet in this pass has its previous pass's value (a
 * forward reference); predefined constants never change. Numeric local labels are kept
 * per number, keyed by the index of their defining statement.
 */
final class SymbolTable {

    private final Map<String, Long> predefined;
    private Map<String, Long> previous = new HashMap<>();
    private Map<String, Long> current = new LinkedHashMap<>();
    private final Set<String> labelsThisPass = new HashSet<>();
    private final Set<String> labelNames = new HashSet<>();
    private Map<Integer, TreeMap<Integer, Long>> previousLocal = new HashMap<>();
    private Map<Integer, TreeMap<Integer, Long>> currentLocal = new HashMap<>();

    SymbolTable(Map<String, Long> predefined) {
        this.predefined = Map.copyOf(predefined);
    }

    /** Starts a pass: this pass's definitions become the next pass's forward values. */
    void startPass() {
        previous = current;
        current = new LinkedHashMap<>();
        labelsThisPass.clear();
        previousLocal = currentLocal;
        currentLocal = new HashMap<>();
    }

    /** True if the pass just finished defined every symbol with the same value as the one before. */
    boolean stable() {
        return previous.equals(current) && previousLocal.equals(currentLocal);
    }

    Long value(String name) {
        Long v = predefined.get(name);
        if (v == null) {
            v = current.get(name);
        }
        return v != null ? v : previous.get(name);
    }

    Long local(int number, boolean forward, int statementIndex) {
        if (forward) {
            TreeMap<Integer, Long> defs = previousLocal.get(number);
            Map.Entry<Integer, Long> e = defs == null ? null : defs.higherEntry(statementIndex);
            return e == null ? null : e.getValue();
        }
        TreeMap<Integer, Long> defs = currentLocal.get(number);
        Map.Entry<Integer, Long> e = defs == null ? null : defs.floorEntry(statementIndex);
        return e == null ? null : e.getValue();
    }

    void defineLabel(Statement s, long address, int statementIndex) throws AssemblyException {
        if (s.isLocalLabel()) {
            currentLocal.computeIfAbsent(Integer.parseInt(s.name()), k -> new TreeMap<>()).put(statementIndex, address);
            return;
        }
        if (predefined.containsKey(s.name()) || !labelsThisPass.add(s.name()) || current.containsKey(s.name())) {
            throw s.error("symbol `" + s.name() + "` is already defined");
        }
        current.put(s.name(), address);
        labelNames.add(s.name());
    }

    /** True if {@code name} was defined as a label in this or an earlier pass. */
    boolean isLabel(String name) {
        return labelNames.contains(name);
    }

    /** Defines or redefines a constant ({@code .equ}/{@code .set}); labels cannot be redefined. */
    void defineConstant(Statement s, String name, long value, boolean address) throws AssemblyException {
        if (predefined.containsKey(name) || labelsThisPass.contains(name)) {
            throw s.error("symbol `" + name + "` is already defined");
        }
        current.put(name, value);
        if (address) {
            labelNames.add(name); // `.equ x, label + 8` is still an address
        } else {
            labelNames.remove(name);
        }
    }

    /** Predefined constants plus this pass's symbols, in definition order. */
    Map<String, Long> all() {
        Map<String, Long> all = new LinkedHashMap<>(predefined);
        all.putAll(current);
        return all;
    }
}
