package org.kexeclab.engine.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * Runs one random scenario (a loop at {@link #CODE}, random data pages, registers, limits and
 * hooks) twice on fresh Java-engine CPUs, loop idioms on and off, and asserts both runs end
 * identically: stop reason, pc, instruction count, fault, every register, every mapped byte and
 * every hook event. Counts how many instructions the idioms ran, so a test can prove the fast
 * path was really taken.
 */
final class IdiomDifferential {
    /** Code page: the loop starts at {@code CODE + 0x100}. */
    static final long CODE = 0x10000;
    static final long HEAD = CODE + 0x100;
    /** Eight data pages start here. */
    static final long DATA = 0x20000;
    static final int DATA_PAGES = 8;

    /** One scenario: what to load, which registers to set, how to run. */
    static final class Scenario {
        final Arch arch;
        final int[] code;
        final List<Register> regs = new ArrayList<>();
        final List<Long> values = new ArrayList<>();
        final int[] pagePerms = new int[DATA_PAGES];
        long seed;
        long until;
        long budget;
        int codePerms = Perm.ALL;
        /**
         * 0 none; on the loop or data: 1 memory hook, 2 code hook, 3 block hook, 4 invalid-memory
         * hook mapping the page; beside them: 5 code hook and 6 block hook on the instruction after
         * the loop, 7 memory hook on the code page.
         */
        int hook;

        Scenario(Arch arch, int[] code) {
            this.arch = arch;
            this.code = code;
            this.until = HEAD + 4L * code.length;
        }

        Scenario set(Register r, long v) {
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
    static void randomPages(Scenario s, Random rnd) {
        for (int i = 0; i < DATA_PAGES; i++) {
            int k = rnd.nextInt(20);
            s.pagePerms[i] = k == 0 ? 0 : k == 1 ? Perm.READ : k == 2 ? Perm.WRITE : Perm.READ | Perm.WRITE;
        }
        s.hook = rnd.nextInt(8) < 5 ? 0 : 1 + rnd.nextInt(7);
        s.codePerms = rnd.nextInt(10) == 0 ? Perm.READ | Perm.EXEC : Perm.ALL;
    }

    /** An address in the data area, {@code align}-aligned except now and then. */
    static long dataAddress(Random rnd, int align) {
        long a = DATA + rnd.nextInt(DATA_PAGES * 4096 - 64);
        return rnd.nextInt(12) == 0 ? a : a & -align;
    }

    private long idiomInstructions;
    private long allInstructions;

    /** Instructions executed by idioms over every compared run so far. */
    long idiomInstructions() {
        return idiomInstructions;
    }

    /** Instructions executed over every compared run so far (idioms on). */
    long allInstructions() {
        return allInstructions;
    }

    /** Runs {@code s} both ways and asserts equality. */
    void check(Scenario s) {
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
        Register[] all = allRegisters(arch);
        long[] v = new long[all.length + 1];
        for (int i = 0; i < all.length; i++) {
            try {
                v[i] = cpu.readRegister(all[i]);
            } catch (IllegalArgumentException foreign) {
                v[i] = -7;
            }
        }
        v[all.length] = cpu.pc();
        return v;
    }

    private static Register[] allRegisters(Arch arch) {
        switch (arch) {
            case ARM: return org.kexeclab.engine.ArmRegister.values();
            case ARM64: return org.kexeclab.engine.Arm64Register.values();
            default: return org.kexeclab.engine.PpcRegister.values();
        }
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
