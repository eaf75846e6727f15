package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.HookHandle;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.ListEntry;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.VerificationResult;
import org.kexeclab.image.Verifier;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.trace.TextTraceSink;
import org.kexeclab.trace.TraceLeg;
import org.kexeclab.trace.TraceRegisters;
import org.kexeclab.trace.Tracer;

/**
 * One stepping session on a prepared kexec: runs the stub one instruction at a time (one
 * engine run per instruction, so every stop is exact), with the tracer reporting each step.
 * Breakpoints stop before an instruction; watchpoints after the one that wrote (or, for a read
 * watchpoint, read) the watched bytes, as GDB's do. The commands of {@code step} call into it;
 * it never reads input itself.
 */
final class Stepper implements AutoCloseable {
    private final KexecRun run;
    private final Cpu cpu;
    private final LoadedImage loaded;
    private final PrintWriter out;
    private final StepSink sink;
    private final Tracer tracer;
    private final TreeMap<Long, Integer> breakpoints = new TreeMap<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private HookHandle watchHook;
    /** What the instruction just executed did to a watched range, or null. */
    private String watchHit;
    private int stopPoints;
    private final List<TraceLeg> legs;
    private final Map<String, Long> bootRegisters;
    private final long budget;
    private int leg;
    private long pc;
    /** The pc of the instruction being executed, for the watchpoint that sees its access. */
    private long executing;
    private String stopped;

    /** A session on the relocation stub alone, to the image's entry. */
    Stepper(KexecRun run, PrintWriter out, long budget) {
        this(run, out, budget, List.of(Tracer.stubLeg(run.launch().stub(), run.loaded().image().entry())), Map.of());
    }

    /**
     * A session over {@code legs} (the stub, then a real kernel's purgatory), checking
     * {@code bootRegisters} (lower-case names) when the last leg reaches its end.
     */
    Stepper(KexecRun run, PrintWriter out, long budget, List<TraceLeg> legs, Map<String, Long> bootRegisters) {
        this.run = run;
        this.cpu = run.cpu();
        this.loaded = run.loaded();
        this.out = out;
        this.legs = List.copyOf(legs);
        this.bootRegisters = bootRegisters;
        this.budget = budget;
        this.sink = new StepSink(new TextTraceSink(out, true));
        this.tracer = Tracer.attach(cpu, loaded, legs, sink, -1, 0);
        this.pc = run.launch().begin();
    }

    long pc() {
        return pc;
    }

    /** The architecture's word in bytes: what a watchpoint watches when no length is given. */
    int wordSize() {
        return cpu.arch().wordSize();
    }

    /** The code being stepped now: the relocation stub, then the purgatory. */
    Stub stub() {
        return legs.get(leg).code();
    }

    /**
     * Where {@code where} is: a leg's name ({@code purgatory}: its entry; {@code kernel}: the
     * kernel's entry, where the last leg ends), else a label of the code being stepped or an address in it.
     */
    long address(String where) {
        for (int l = 1; l < legs.size(); l++) {
            if (legs.get(l).name().equals(where)) {
                return legs.get(l - 1).until();
            }
        }
        if (legs.size() > 1 && where.equals("kernel")) {
            return legs.get(legs.size() - 1).until();
        }
        for (TraceLeg l : legs.subList(leg + 1, legs.size())) {
            if (l.code().hasSymbol(where)) {
                return l.code().symbol(where);
            }
        }
        return TraceCommand.address(stub(), where);
    }

    private long until() {
        return legs.get(leg).until();
    }

    /** True once the stub reached the entry point or stopped for good. */
    boolean finished() {
        return stopped != null;
    }

    /** Executes one instruction; false if the stub cannot go on. */
    private boolean single() {
        if (stopped != null) {
            out.println("The stub is not running any more: " + stopped);
            return false;
        }
        long begin = Arches.support(cpu.arch()).runAddress(cpu, pc);
        long entry = until();
        executing = pc;
        RunResult r = cpu.run(begin, entry, RunLimits.budget(1));
        tracer.flush();
        pc = cpu.pc();
        if (r.reachedUntil() || pc == entry) {
            pc = entry;
            reachedEnd();
            return false;
        }
        if (r.reason() != org.kexeclab.engine.StopReason.BUDGET_EXHAUSTED) {
            stopped = r.message() + String.format(" at pc 0x%x", r.pc());
            out.println("The stub stopped: " + stopped);
            return false;
        }
        return true;
    }

    /** The current leg reached its end: the stub's (destinations checked) or the last leg's (boot registers checked). */
    private void reachedEnd() {
        long entry = until();
        if (leg == 0) {
            VerificationResult v = new Verifier(loaded).verifyDestinations(cpu);
            String destinations = v.passed() ? "every byte as the oracle expects" : v.describe();
            if (legs.size() == 1) {
                stopped = "it reached the new kernel's entry point";
                out.printf("Reached the entry point 0x%x: the stub's work is done. Destinations: %s%n", entry,
                        destinations);
                return;
            }
            out.printf("Reached %s 0x%x: the stub's work is done. Destinations: %s. Stepping on in the %s.%n",
                    legs.get(0).untilName(), entry, destinations, legs.get(1).name());
        }
        if (leg + 1 < legs.size()) {
            leg++;
            if (leg > 1) {
                out.printf("Reached %s 0x%x. Stepping on in the %s.%n", legs.get(leg - 1).untilName(), entry,
                        legs.get(leg).name());
            }
            return;
        }
        stopped = "it reached " + legs.get(leg).untilName();
        out.printf("Reached %s 0x%x: %s%n", legs.get(leg).untilName(), entry, bootRegisterCheck());
    }

    /** The boot registers at the kernel's entry against the boot protocol's, in one sentence. */
    private String bootRegisterCheck() {
        StringJoiner seen = new StringJoiner(", ");
        StringJoiner wrong = new StringJoiner(", ");
        long mask = cpu.arch().wordSize() == 4 ? 0xffff_ffffL : -1L;
        for (Map.Entry<String, Long> e : bootRegisters.entrySet()) {
            long v = cpu.readRegister(KernelEntryLeg.register(cpu.arch(), cpu.registers(), e.getKey())) & mask;
            seen.add(String.format("%s=0x%x", e.getKey(), v));
            if (v != (e.getValue() & mask)) {
                wrong.add(String.format("%s should be 0x%x", e.getKey(), e.getValue() & mask));
            }
        }
        return wrong.length() == 0 ? "the boot registers are as the boot protocol wants (" + seen + ")."
                : "boot registers WRONG: " + wrong + " (" + seen + ").";
    }

    /** {@code step [n]}: n instructions, each printed, but no more than the budget (as next and continue). */
    void step(long n) {
        sink.echo = true;
        long i = 0;
        while (i < n && i < budget && single()) {
            i++; // each step prints itself
            if (watchStop()) {
                break;
            }
        }
        sink.echo = false;
        sink.pause();
        if (i == budget && n > budget) {
            out.printf("(stopped after the budget of %,d instructions)%n", budget);
        }
    }

    /**
     * {@code next}: on until the stub loads the next list entry, so a page copy runs in one go,
     * its steps shown with the copy loop folded.
     */
    void next() {
        long before = sink.steps;
        int pages = 0;
        long copyPage = stub().hasSymbol("kexec_copy_page") ? stub().symbol("kexec_copy_page") : -1;
        sink.echo = true;
        while (sink.steps - before < budget && single()) {
            if (pc == copyPage) {
                pages++;
            }
            if (sink.loadedEntry || watchStop()) {
                break;
            }
        }
        sink.echo = false;
        sink.pause();
        out.printf("(%,d instructions%s)%n", sink.steps - before, pages > 0 ? ", one page copied" : "");
        where();
    }

    /** {@code continue [target]}: on until a breakpoint, the target, or the entry point. */
    void resume(long target) {
        long before = sink.steps;
        while (sink.steps - before < budget && single()) {
            if (pc == target) {
                out.printf("Reached 0x%x.%n", pc);
                break;
            }
            Integer bp = breakpoints.get(pc);
            if (bp != null) {
                out.printf("Breakpoint %d at 0x%x.%n", bp, pc);
                break;
            }
            if (watchStop()) {
                break;
            }
        }
        sink.pause();
        out.printf("(%,d instructions)%n", sink.steps - before);
        if (stopped == null) {
            where();
        }
    }

    void addBreakpoint(long address) {
        int n = ++stopPoints;
        breakpoints.put(address, n);
        out.printf("Breakpoint %d at 0x%x: %s%n", n, address, sourceOf(address));
    }

    /** One watched range: {@code length} bytes from {@code address}, stopping on stores or on loads. */
    private record Watchpoint(int number, long address, long length, boolean reads) {
        boolean sees(MemoryAccess access, long at, int size) {
            boolean load = access == MemoryAccess.READ;
            return load == reads && Long.compareUnsigned(at, address + length - 1) <= 0
                    && Long.compareUnsigned(at + size - 1, address) >= 0;
        }

        String describe() {
            return String.format("%d byte%s at 0x%x", length, length == 1 ? "" : "s", address);
        }
    }

    /**
     * {@code watch ADDR[,LEN]} ({@code reads} false) or {@code rwatch}: stop after the instruction
     * that writes (reads) any of those bytes.
     */
    void addWatchpoint(long address, long length, boolean reads) {
        String outside = outsideGuestMemory(address, (int) length);
        if (outside != null) {
            throw new UsageException(outside.replace("Cannot read", "Cannot watch"));
        }
        Watchpoint w = new Watchpoint(++stopPoints, address, length, reads);
        watchpoints.add(w);
        if (watchHook == null) {
            watchHook = cpu.onMemory(this::watched, Perm.READ | Perm.WRITE, 1, 0);
        }
        out.printf("%s %d: %s (stops after the instruction that %s them)%n", reads ? "Read watchpoint" : "Watchpoint",
                w.number(), w.describe(), reads ? "reads" : "writes");
    }

    private void watched(MemoryAccess access, long address, int size, long value) {
        if (watchHit != null || access == MemoryAccess.FETCH) {
            return;
        }
        for (Watchpoint w : watchpoints) {
            if (w.sees(access, address, size)) {
                watchHit = access == MemoryAccess.WRITE
                        ? String.format("Watchpoint %d (%s): the instruction at 0x%x wrote 0x%x to 0x%x (%d byte%s).",
                                w.number(), w.describe(), executing, value, address, size, size == 1 ? "" : "s")
                        : String.format("Read watchpoint %d (%s): the instruction at 0x%x read %d byte%s at 0x%x.",
                                w.number(), w.describe(), executing, size, size == 1 ? "" : "s", address);
                return;
            }
        }
    }

    /** True (after saying which) if the instruction just executed touched a watched range. */
    private boolean watchStop() {
        if (watchHit == null) {
            return false;
        }
        out.println(watchHit);
        watchHit = null;
        return true;
    }

    /** The next instruction, with its source line. */
    void where() {
        out.printf("=> 0x%x  %s%n", pc, sourceOf(pc));
    }

    private String sourceOf(long address) {
        for (TraceLeg l : legs) {
            int i = l.code().listing().indexOf(address);
            if (i >= 0) {
                return l.code().listing().location(i).brief() + "  " + TextTraceSink.statement(l.code().listing().text(i));
            }
        }
        TraceLeg last = legs.get(legs.size() - 1);
        if (address != last.until()) {
            return "(outside the " + legs.get(leg).name() + ")";
        }
        return legs.size() == 1 ? "(the new kernel's entry point)" : "(" + last.untilName() + ")";
    }

    /** {@code list}: the source around the next instruction. */
    void list() {
        Listing l = stub().listing();
        int at = l.indexOf(pc);
        if (at < 0) {
            where();
            return;
        }
        for (int i = Math.max(0, at - 5); i <= Math.min(l.size() - 1, at + 5); i++) {
            out.printf("%s 0x%x  %-28s %s%n", i == at ? "=>" : "  ", l.address(i),
                    l.location(i).brief(), TextTraceSink.statement(l.text(i)));
        }
    }

    /** {@code regs}: the followed registers and the pc. */
    void registers() {
        TraceRegisters regs = TraceRegisters.of(cpu.registers());
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < regs.size(); i++) {
            b.append(String.format("%-6s %-20s", regs.lowerName(i), "0x" + Long.toHexString(cpu.readRegister(regs.register(i)))));
            if (i % 4 == 3) {
                out.println(b.toString().stripTrailing());
                b.setLength(0);
            }
        }
        b.append(String.format("pc     0x%x", pc));
        out.println(b.toString().stripTrailing());
    }

    /** {@code entry}: the list entry being processed, in plain words. */
    void entry() {
        ListEntry e = sink.entry();
        out.println(e == null ? "The stub has not loaded a list entry yet ("
                + loaded.description().describeHead() + ")." : e.describe());
    }

    /** {@code x/NFx ADDR}: {@code count} units of {@code unit} bytes from {@code address}. */
    void examine(long address, int count, int unit) {
        byte[] bytes = new byte[count * unit];
        String outside = outsideGuestMemory(address, bytes.length);
        if (outside != null) {
            out.println(outside);
            return;
        }
        try {
            cpu.read(address, bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            out.printf("Cannot read 0x%x..0x%x: %s%n", address, address + bytes.length - 1, e.getMessage());
            return;
        }
        int perLine = Math.max(1, 16 / unit);
        boolean little = cpu.arch().byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < count; i++) {
            if (i % perLine == 0) {
                out.printf(i == 0 ? "0x%x:" : "%n0x%x:", address + (long) i * unit);
            }
            long v = 0;
            for (int b = 0; b < unit; b++) {
                int k = little ? unit - 1 - b : b;
                v = (v << 8) | (bytes[i * unit + k] & 0xff);
            }
            out.printf(Locale.ROOT, " 0x%0" + (2 * unit) + "x", v);
        }
        out.println();
    }

    /**
     * Why {@code len} bytes from {@code address} cannot be shown (they wrap around the end of the
     * address space, or leave the memory the machine maps), or null if they can.
     */
    private String outsideGuestMemory(long address, int len) {
        long last = address + len - 1;
        int bits = 8 * cpu.arch().wordSize();
        if (Long.compareUnsigned(last, address) < 0 || (bits < 64 && Long.compareUnsigned(last, (1L << bits) - 1) > 0)) {
            return String.format("Cannot read 0x%x and the 0x%x bytes after it: they wrap around the end of %s's "
                    + "%d-bit address space.", address, len - 1, cpu.arch().name(), bits);
        }
        List<AddressRange> windows = loaded.mappedWindows();
        long at = address;
        for (AddressRange w : windows) {
            if (w.contains(at)) {
                if (Long.compareUnsigned(w.end() - 1, last) >= 0) {
                    return null;
                }
                at = w.end();
            }
        }
        StringJoiner mapped = new StringJoiner(", ");
        windows.forEach(w -> mapped.add(String.format("[0x%x, 0x%x)", w.start(), w.end())));
        return String.format("Cannot read 0x%x..0x%x: it is outside guest memory (the machine maps %s).", address,
                last, mapped);
    }

    @Override
    public void close() {
        if (watchHook != null) {
            watchHook.close();
        }
        tracer.close();
    }
}
