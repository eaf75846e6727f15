package org.kexeclab.trace;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.image.IndirectionList;
import org.kexeclab.image.LoadedImage;

/**
 * Follows the relocation stub instruction by instruction on a prepared CPU and feeds a
 * {@link TraceSink}: a code hook on the stub's bytes marks each step (and on the code of each
 * later {@link TraceLeg}, the purgatory of a real kernel's load, whose first instruction
 * starts the next leg at the sink), a memory hook collects
 * its loads and stores (a load from an indirection page names the list entry being walked),
 * and the followed registers are compared with their previous values when the next step
 * begins. Attach before the run, {@link #finish} after it, then {@link #close}.
 *
 * <p>This costs an upcall per instruction and per memory access, plus one read of the followed
 * registers (one native call on Unicorn): it is for traces and teaching, never for the measured path.
 */
public final class Tracer implements AutoCloseable {
    private final Cpu cpu;
    private final TraceSink sink;
    private Listing listing;
    private final List<TraceLeg> legs;
    private int leg;
    private TraceHeader header;
    private final IndirectionList list;
    private final TraceRegisters registers;
    /** The followed registers as one array, read together after every step. */
    private final Register[] followed;
    private final TraceStep step;
    private final long from;
    private final long limit;
    private final long entry;
    private final long pagesToCopy;
    private final LoadedImage loaded;
    private final List<HookHandle> hooks = new ArrayList<>();
    private final byte[] scratch = new byte[TraceStep.MAX_ACCESS_BYTES];
    private final ByteOrder order;
    private long[] previous;
    private long[] current;
    private boolean started;
    private boolean pending;
    private boolean done;
    private boolean limitReached;
    private long steps;

    private Tracer(Cpu cpu, LoadedImage loaded, List<TraceLeg> legs, TraceSink sink, long from, long limit) {
        this.cpu = cpu;
        this.loaded = loaded;
        this.legs = List.copyOf(legs);
        this.sink = sink;
        this.listing = legs.get(0).code().listing();
        this.list = loaded.list();
        this.registers = TraceRegisters.of(cpu.registers());
        this.followed = registers.registers();
        this.order = loaded.image().arch().byteOrder();
        this.step = new TraceStep(registers.size(), order);
        this.from = from;
        this.limit = limit;
        this.entry = legs.get(legs.size() - 1).until();
        this.pagesToCopy = sourceEntries(loaded);
        this.previous = new long[registers.size()];
        this.current = new long[registers.size()];
    }

    /** Pages the list copies: its SOURCE entries (none for a crash image, whose head is DONE). */
    private static long sourceEntries(LoadedImage loaded) {
        IndirectionList list = loaded.list();
        long n = 0;
        for (int i = 0; i < list.entryCount(); i++) {
            n += (list.entry(i) & IndirectionList.IND_SOURCE) != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Installs the hooks on {@code cpu}, which must hold {@code loaded} with {@code stub} in place.
     *
     * @param from  address at which recording starts (-1: the first stub instruction)
     * @param limit most steps recorded (0: no limit); reaching it stops the CPU
     */
    public static Tracer attach(Cpu cpu, LoadedImage loaded, Stub stub, TraceSink sink, long from, long limit) {
        return attach(cpu, loaded, List.of(stubLeg(stub, loaded.image().entry())), sink, from, limit);
    }

    /** The relocation stub's leg, which ends at {@code entry}, the image's entry point. */
    public static TraceLeg stubLeg(Stub stub, long entry) {
        return new TraceLeg("stub", stub, entry, "the image's entry");
    }

    /**
     * Installs the hooks for a run of several legs, each leg's code in place on {@code cpu}: the
     * stub first, then (run by the caller after {@code KexecRun.execute}) the legs that follow
     * it; the trace ends at the last leg's {@link TraceLeg#until}.
     *
     * @param from  address in the first leg's code at which recording starts (-1: its first instruction)
     * @param limit most steps recorded over all legs (0: no limit); reaching it stops the CPU
     */
    public static Tracer attach(Cpu cpu, LoadedImage loaded, List<TraceLeg> legs, TraceSink sink, long from,
                                long limit) {
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a trace needs at least one leg");
        }
        Tracer t = new Tracer(cpu, loaded, legs, sink, from, limit);
        for (TraceLeg l : legs) {
            Stub code = l.code();
            for (long lo : code.placements()) {
                t.hooks.add(cpu.onCode(t::instruction, lo, lo + code.size() - 1));
            }
        }
        t.hooks.add(cpu.onCode((a, s) -> t.reachedEntry(a), t.entry, t.entry));
        t.hooks.add(cpu.onMemory(t::access, Perm.READ | Perm.WRITE, 1, 0));
        return t;
    }

    private void instruction(long address, int size) {
        if (done) {
            return;
        }
        if (pending) {
            completeStep(address);
        }
        if (leg + 1 < legs.size() && legs.get(leg + 1).code().contains(address)
                && !legs.get(leg).code().contains(address)) {
            nextLeg();
        }
        if (!started) {
            if (from >= 0 && address != from) {
                return;
            }
            start();
        }
        if (limit > 0 && steps >= limit) {
            limitReached = true;
            done = true;
            cpu.stop();
            return;
        }
        step.begin(steps++, address, size, listing.indexOf(address));
        pending = true;
    }

    private void start() {
        readRegisters(previous);
        header = new TraceHeader(loaded.image().arch(), legs, leg, loaded.description(), registers, previous,
                pagesToCopy);
        sink.start(header);
        started = true;
    }

    /** The run entered the next leg's code: steps from here index its listing. */
    private void nextLeg() {
        leg++;
        listing = legs.get(leg).code().listing();
        if (started) {
            readRegisters(previous);
            header = header.nextLeg(previous);
            sink.leg(header);
        }
    }

    /** The index in the legs of the one being run now. */
    public int legIndex() {
        return leg;
    }

    private void reachedEntry(long address) {
        if (pending) {
            completeStep(address);
        }
        done = true;
    }

    private void completeStep(long nextPc) {
        step.completed(nextPc);
        readRegisters(current);
        for (int i = 0; i < current.length; i++) {
            if (current[i] != previous[i]) {
                step.changed(i, current[i]);
            }
        }
        long[] t = previous;
        previous = current;
        current = t;
        pending = false;
        sink.step(step);
    }

    private void readRegisters(long[] into) {
        cpu.readRegisters(followed, into);
    }

    private void access(MemoryAccess kind, long address, int size, long value) {
        if (!pending || done) {
            return;
        }
        boolean write = kind == MemoryAccess.WRITE;
        if (step.accessCount() < TraceStep.MAX_ACCESSES) {
            // a full step keeps no more accesses: skip the load (a repeated string instruction makes thousands)
            long v = write ? value : load(address, size);
            step.access(write, address, size, size >= 8 ? v : v & ((1L << (8 * size)) - 1));
        }
        if (!write) {
            int n = list.entryAt(address);
            if (n >= 0) {
                step.listEntry(n);
            }
        }
    }

    private long load(long address, int size) {
        int n = Math.min(size, Math.min(8, scratch.length));
        cpu.read(address, scratch, 0, n);
        long v = 0;
        for (int b = 0; b < n; b++) {
            int i = order == ByteOrder.LITTLE_ENDIAN ? n - 1 - b : b;
            v = (v << 8) | (scratch[i] & 0xff);
        }
        return v;
    }

    /**
     * Completes the step in progress now (its registers are read as they stand), for callers
     * that run the CPU a few instructions at a time and want each step reported at once.
     */
    public void flush() {
        if (pending) {
            completeStep(cpu.pc());
        }
    }

    /** Completes the last step and tells the sink how the run ended. */
    public void finish(String outcome) {
        if (pending) {
            completeStep(cpu.pc());
        }
        done = true;
        if (started) {
            sink.finish(limitReached ? "stopped after " + limit + " steps (--limit)" : outcome);
        }
    }

    /** True if the step limit stopped the run. */
    public boolean limitReached() {
        return limitReached;
    }

    /** True once the first step was recorded (false if {@code from} was never reached). */
    public boolean started() {
        return started;
    }

    /** Steps recorded so far. */
    public long steps() {
        return steps;
    }

    @Override
    public void close() {
        for (HookHandle h : hooks) {
            h.close();
        }
        hooks.clear();
    }
}
