package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.interp.InterpCpu;
import org.kexeclab.engine.interp.InterpEngine;

/**
 * The harness of the loop-idiom differential tests, for every instruction set with loop idioms:
 * runs one random scenario (a loop at {@link #CODE}, random data pages, registers, limits and
 * hooks) twice on fresh Java-engine CPUs, loop idioms on and off, and asserts both runs end
 * identically: stop reason, pc, instruction count, fault, every register, every mapped byte and
 * every hook event. Counts how many instructions the idioms ran, so a test can prove the fast
 * path was really taken.
 */
public final class IdiomDifferential {
    /** Code page: the loop starts at {@code CODE + 0x100}. */
    public static final long CODE = 0x10000;
    /** Where the loop starts. */
    public static final long HEAD = CODE + 0x100;
    /** Eight data pages start here. */
    public static final long DATA = 0x20000;
    /** Number of data pages. */
    public static final int DATA_PAGES = 8;

    /** One scenario: what to load, which registers to set, how to run. */
    public static final class Scenario {
        public final Arch arch;
        public final int[] code;
        public final List<Register> regs = new ArrayList<>();
        public final List<Long> values = new ArrayList<>();
        public final int[] pagePerms = new int[DATA_PAGES];
        public long seed;
        public long until;
        public long budget;
        public int codePerms = Perm.ALL;
        /**
         * 0 none; on the loop or data: 1 memory hook, 2 code hook, 3 block hook, 4 invalid-memory
         * hook mapping the page; beside them: 5 code hook and 6 block hook on the instruction after
         * the loop, 7 memory hook on the code page.
         */
        public int hook;

        public Scenario(Arch arch, int[] code) {
            this.arch = arch;
            this.code = code;
            this.until = HEAD + 4L * code.length;
        }

        public Scenario set(Register r, long v) {
            regs.add(r);
            values.add(v);
            return this;
        }

        @Override
        public String toString() {
            return arch + " seed=" + seed + " until=0x" + Long.toHexString(until) + " budget=" + budget + " hook=" + hook
                    + " regs=" + regs + "=" + values;
        }
    }

    /** Data-page permissions: mostly RW, sometimes read-only, write-only or unmapped. */
    public static void randomPages(Scenario s, Random rnd) {
        for (int i = 0; i < DATA_PAGES; i++) {
            int k = rnd.nextInt(20);
            s.pagePerms[i] = k == 0 ? 0 : k == 1 ? Perm.READ : k == 2 ? Perm.WRITE : Perm.READ | Perm.WRITE;
        }
        s.hook = rnd.nextInt(8) < 5 ? 0 : 1 + rnd.nextInt(7);
        s.codePerms = rnd.nextInt(10) == 0 ? Perm.READ | Perm.EXEC : Perm.ALL;
    }

    /** An address in the data area, {@code align}-aligned except now and then. */
    public static long dataAddress(Random rnd, int align) {
        long a = DATA + rnd.nextInt(DATA_PAGES * 4096 - 64);
        return rnd.nextInt(12) == 0 ? a : a & -align;
    }

    private long idiomInstructions;
    private long allInstructions;

    /** Instructions executed by idioms over every compared run so far. */
    public long idiomInstructions() {
        return idiomInstructions;
    }

    /** Instructions executed over every compared run so far (idioms on). */
    public long allInstructions() {
        return allInstructions;
    }

    /** Runs {@code s} both ways and asserts equality. */
    public void check(Scenario s) {
        Outcome fast = run(s, true);
        Outcome slow = run(s, false);
        String why = s.toString();
        assertEquals(slow.summary, fast.summary, why);
        assertArrayEquals(slow.registers, fast.registers, why);
        assertArrayEquals(slow.memory, fast.memory, why);
        assertEquals(slow.events, fast.events, why);
        idiomInstructions += fast.idiom;
        allInstructions += fast.count;
    }

    /** A scenario with random pages, hooks, {@code until} and budget. */
    public static Scenario scenario(Arch arch, int[] code, Random rnd) {
        Scenario sc = new Scenario(arch, code);
        sc.seed = rnd.nextLong();
        IdiomDifferential.randomPages(sc, rnd);
        int k = rnd.nextInt(10);
        sc.budget = k < 3 ? 1 + rnd.nextInt(5000) : 20_000;
        if (k == 3) {
            sc.until = IdiomDifferential.HEAD + 4L * rnd.nextInt(code.length);
        }
        return sc;
    }

    /** A destination: random, or overlapping the source area, or just below the loop's code. */
    public static long destination(Random rnd, int align) {
        return rnd.nextInt(10) == 0 ? IdiomDifferential.HEAD - 8L * rnd.nextInt(64)
                : IdiomDifferential.dataAddress(rnd, align);
    }

    /** A loop count: 0 now and then, else up to {@code max}. */
    public static long count(Random rnd, int max) {
        return rnd.nextInt(15) == 0 ? 0 : 1 + rnd.nextInt(max);
    }

    /** {@code n} distinct register numbers in {@code [from, bound)}. */
    public static int[] distinctRegs(Random rnd, int n, int bound, int from) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            boolean again;
            do {
                r[i] = from + rnd.nextInt(bound - from);
                again = false;
                for (int j = 0; j < i; j++) {
                    again |= r[j] == r[i];
                }
            } while (again);
        }
        return r;
    }

    /** Asserts that the idioms ran most of the instructions of every scenario checked so far. */
    public void assertMostlyFast() {
        assertTrue(idiomInstructions() * 2 > allInstructions(),
                "the idioms ran " + idiomInstructions() + " of " + allInstructions() + " instructions");
    }

    private static final class Outcome {
        String summary;
        long[] registers;
        byte[] memory;
        List<String> events = new ArrayList<>();
        long idiom;
        long count;
    }

    private static Outcome run(Scenario s, boolean idioms) {
        Outcome o = new Outcome();
        try (InterpCpu cpu = (InterpCpu) InterpEngine.instance().open(s.arch)) {
            cpu.loopIdioms(idioms);
            load(cpu, s);
            install(cpu, s, o.events);
            RunResult r = cpu.run(HEAD, s.until, RunLimits.budget(s.budget).counted());
            o.summary = r.reason() + " pc=0x" + Long.toHexString(r.pc()) + " n=" + r.instructions() + " fault=0x"
                    + Long.toHexString(r.faultAddress()) + " " + r.access() + " exc=" + r.exceptionNumber();
            o.count = r.instructions();
            o.idiom = cpu.idiomInstructions();
            o.registers = registers(cpu, s.arch);
            o.memory = memory(cpu, s);
        }
        return o;
    }

    private static void load(Cpu cpu, Scenario s) {
        cpu.map(CODE, 4096, Perm.ALL);
        byte[] bytes = new byte[4 * s.code.length];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(s.arch.byteOrder());
        for (int w : s.code) {
            b.putInt(w);
        }
        cpu.write(HEAD, bytes, 0, bytes.length);
        cpu.protect(CODE, 4096, s.codePerms);
        Random fill = new Random(s.seed);
        byte[] page = new byte[4096];
        for (int i = 0; i < DATA_PAGES; i++) {
            if (s.pagePerms[i] != 0) {
                cpu.map(DATA + 4096L * i, 4096, Perm.ALL);
                fill.nextBytes(page);
                cpu.write(DATA + 4096L * i, page, 0, page.length);
                cpu.protect(DATA + 4096L * i, 4096, s.pagePerms[i]);
            }
        }
        for (int i = 0; i < s.regs.size(); i++) {
            cpu.writeRegister(s.regs.get(i), s.values.get(i));
        }
    }

    private static void install(Cpu cpu, Scenario s, List<String> events) {
        switch (s.hook) {
            case 1:
                cpu.onMemory((acc, a, size, v) -> events.add(acc + "@" + a + "/" + size + "=" + v), Perm.READ | Perm.WRITE,
                        DATA, DATA + 4096L * DATA_PAGES - 1);
                break;
            case 2:
                cpu.onCode((a, size) -> events.add("code@" + a), HEAD, HEAD + 4);
                break;
            case 3:
                cpu.onBlock((a, size) -> events.add("block@" + a + "/" + size), 1, 0);
                break;
            case 4:
                cpu.onInvalidMemory((acc, a, size, v) -> {
                    events.add("fault " + acc + "@" + a);
                    try {
                        cpu.map(a & -4096L, 4096, Perm.READ | Perm.WRITE);
                    } catch (RuntimeException mapped) {
                        cpu.protect(a & -4096L, 4096, Perm.READ | Perm.WRITE);
                    }
                    return true;
                }, DATA, DATA + 4096L * DATA_PAGES - 1);
                break;
            case 5:
                cpu.onCode((a, size) -> events.add("exit code@" + a), exit(s), exit(s));
                break;
            case 6:
                cpu.onBlock((a, size) -> events.add("exit block@" + a + "/" + size), exit(s), exit(s) + 3);
                break;
            case 7:
                cpu.onMemory((acc, a, size, v) -> events.add("code page " + acc + "@" + a), Perm.READ | Perm.WRITE,
                        CODE, CODE + 4095);
                break;
            default:
                break;
        }
    }

    /** The address of the scenario's last instruction, the one after the loop. */
    private static long exit(Scenario s) {
        return HEAD + 4L * (s.code.length - 1);
    }

    private static long[] registers(Cpu cpu, Arch arch) {
        List<Register> all = cpu.registers().all();
        long[] v = new long[all.size() + 1];
        for (int i = 0; i < all.size(); i++) {
            try {
                v[i] = cpu.readRegister(all.get(i));
            } catch (IllegalArgumentException foreign) {
                v[i] = -7;
            }
        }
        v[all.size()] = cpu.pc();
        return v;
    }

    private static byte[] memory(Cpu cpu, Scenario s) {
        byte[] all = new byte[4096 * (DATA_PAGES + 1)];
        cpu.protect(CODE, 4096, Perm.ALL);
        cpu.read(CODE, all, 0, 4096);
        for (int i = 0; i < DATA_PAGES; i++) {
            try {
                cpu.protect(DATA + 4096L * i, 4096, Perm.ALL);
                cpu.read(DATA + 4096L * i, all, 4096 * (i + 1), 4096);
            } catch (RuntimeException unmapped) {
                all[4096 * (i + 1)] = 0x5a; // both runs must agree on which pages exist
            }
        }
        return all;
    }
}
