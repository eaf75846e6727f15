package org.kexeclab.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.StopReason;

/**
 * Per instruction set, a fixed pool of instruction encodings the Java engine decodes (random,
 * biased words kept when one step on them does not stop with INVALID_INSTRUCTION), so random
 * code built from it runs deeper than uniform random bytes. Built once from a fixed seed
 * ({@link FuzzArch#poolSeed}): cases stay reproducible.
 */
final class InstructionPool {
    private static final int ATTEMPTS = 6000;
    private static final Map<String, List<byte[]>> POOLS = new ConcurrentHashMap<>();

    private InstructionPool() {
    }

    /** The pool of {@code target}'s {@code mode}. */
    static List<byte[]> of(FuzzArch target, int mode) {
        return POOLS.computeIfAbsent(target.arch() + "/" + mode, k -> build(target, mode));
    }

    /** Builds the pools of {@code target}'s {@code modes} now (outside any measured case). */
    static void warmUp(FuzzArch target, int modes) {
        for (int m = 0; m < modes; m++) {
            of(target, m);
        }
    }

    private static List<byte[]> build(FuzzArch target, int mode) {
        SplittableRandom r = new SplittableRandom(target.poolSeed(mode));
        List<byte[]> out = new ArrayList<>();
        try (Cpu cpu = Engines.java().open(target.arch())) {
            cpu.map(RandomMachine.CODE, 0x1000, Perm.ALL);
            for (int i = 0; i < ATTEMPTS; i++) {
                byte[] c = RandomMachine.biasedWords(target, mode, 16, r);
                cpu.write(RandomMachine.CODE, c);
                long entry = RandomMachine.CODE | target.entryBits(mode);
                if (cpu.run(entry, RandomMachine.NOWHERE, RunLimits.budget(1)).reason() != StopReason.INVALID_INSTRUCTION) {
                    int len = target.instructionLength(c, mode, cpu.pc() - RandomMachine.CODE);
                    if (len > 0) {
                        out.add(Arrays.copyOf(c, len));
                    }
                }
            }
        }
        return List.copyOf(out);
    }
}
