package org.kexeclab.trace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.Arch;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.ListDescription;

/**
 * What a trace sink needs to know before the first step: the architecture, the stub (for
 * its listing and labels), the image's list in plain words, the followed registers and
 * their values before the first traced instruction; and the legs of the run (the stub, then
 * for a real kernel the purgatory) with the one whose code is being traced, whose stub,
 * listing and labels this header gives. A new header starts each later leg
 * ({@link TraceSink#leg}).
 */
public final class TraceHeader {
    private final Arch arch;
    private final Stub stub;
    private final ListDescription list;
    private final TraceRegisters registers;
    private final long[] initial;
    private final long pagesToCopy;
    private final String[] labels;
    private final List<TraceLeg> legs;
    private final int leg;

    TraceHeader(Arch arch, List<TraceLeg> legs, int leg, ListDescription list, TraceRegisters registers,
            long[] initial, long pagesToCopy) {
        this.arch = arch;
        this.legs = List.copyOf(legs);
        this.leg = leg;
        this.stub = legs.get(leg).code();
        this.list = list;
        this.registers = registers;
        this.initial = initial.clone();
        this.pagesToCopy = pagesToCopy;
        this.labels = labelsOf(stub);
    }

    /** The header of the next leg: its code, the same registers, list and pages. */
    TraceHeader nextLeg(long[] values) {
        return new TraceHeader(arch, legs, leg + 1, list, registers, values, pagesToCopy);
    }

    /** Every leg of the run, in order. */
    public List<TraceLeg> legs() {
        return legs;
    }

    /** The index in {@link #legs()} of the leg whose code this header gives. */
    public int legIndex() {
        return leg;
    }

    /** The leg whose code this header gives. */
    public TraceLeg leg() {
        return legs.get(leg);
    }

    private static String[] labelsOf(Stub stub) {
        TreeMap<Long, String> byAddress = new TreeMap<>();
        for (Map.Entry<String, Long> e : new TreeMap<>(stub.symbols()).entrySet()) {
            long a = e.getValue();
            if (stub.contains(a) && !e.getKey().startsWith(".")) {
                byAddress.putIfAbsent(a, e.getKey());
            }
        }
        Listing listing = stub.listing();
        String[] out = new String[listing.size()];
        for (int i = 0; i < out.length; i++) {
            long a = listing.address(i);
            Map.Entry<Long, String> f = byAddress.floorEntry(a);
            out[i] = f == null || !samePlacement(stub, f.getKey(), a) ? null : f.getValue();
        }
        return out;
    }

    /** True if {@code label} and {@code address} lie in the same copy of the stub's bytes. */
    private static boolean samePlacement(Stub stub, long label, long address) {
        for (long p : stub.placements()) {
            if (Long.compareUnsigned(label - p, stub.size()) < 0 && Long.compareUnsigned(address - p, stub.size()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The architecture. */
    public Arch arch() {
        return arch;
    }

    /** The code being traced: the current leg's (the relocation stub, or the purgatory). */
    public Stub stub() {
        return stub;
    }

    /** The stub's listing. */
    public Listing listing() {
        return stub.listing();
    }

    /** The image's indirection list in plain words. */
    public ListDescription list() {
        return list;
    }

    /** The followed registers. */
    public TraceRegisters registers() {
        return registers;
    }

    /** Value of followed register {@code i} before the first traced instruction. */
    public long initialValue(int i) {
        return initial[i];
    }

    /** Pages the image copies in all. */
    public long pagesToCopy() {
        return pagesToCopy;
    }

    /** The stub label at or before listing entry {@code i}, or null. */
    public String labelAt(int i) {
        return i < 0 || i >= labels.length ? null : labels[i];
    }
}
