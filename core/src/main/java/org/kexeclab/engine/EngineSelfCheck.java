package org.kexeclab.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one tiny program on every {@link ExecutionMode} and says, per mode, whether the engine
 * works here or why not (what {@code kexec-lab demo} prints before anything else).
 *
 * <p>Each program computes {@code (40 + 2) * 3 - 7 = 119} in three instructions (ppc64 instead
 * loads a doubleword with the 64-bit-only {@code ld}). The bytes below were produced by GNU as
 * through the repository's {@code scripts/golden-as MODE} and are the same as in the test resources
 * {@code golden/engine/*.golden}.
 */
public final class EngineSelfCheck {
    private static final long CODE = 0x10000;
    private static final long EXPECTED = 119;
    private static final long PPC64_VALUE = 0x0102_0304_0506_0708L;

    private EngineSelfCheck() {
    }

    /** Checks every mode on {@code engine}. */
    public static List<ModeCheck> run(CpuEngine engine) {
        List<ModeCheck> checks = new ArrayList<>();
        for (ExecutionMode mode : ExecutionMode.values()) {
            checks.add(check(engine, mode));
        }
        return checks;
    }

    /** Checks one mode on {@code engine}; never throws for an engine problem. */
    public static ModeCheck check(CpuEngine engine, ExecutionMode mode) {
        EngineSupport support = engine.probe(mode.arch());
        if (!support.supported()) {
            return new ModeCheck(mode, engine.name(), false, support.reason());
        }
        try (Cpu cpu = engine.open(mode.arch())) {
            return mode == ExecutionMode.PPC64 ? runPpc64(cpu) : runArith(cpu, mode);
        } catch (EngineUnavailableException | EngineException e) {
            return new ModeCheck(mode, engine.name(), false, e.getMessage());
        }
    }

    private static ModeCheck runArith(Cpu cpu, ExecutionMode mode) {
        ArithProgram p = ArithProgram.of(mode);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, p.code);
        cpu.writeRegister(p.a, 40);
        cpu.writeRegister(p.b, 2);
        cpu.writeRegister(p.c, 3);
        RunResult r = cpu.run(mode.entry(CODE), CODE + p.code.length, RunLimits.budget(16));
        long got = cpu.readRegister(p.a);
        boolean ok = r.reachedUntil() && got == EXPECTED;
        return new ModeCheck(mode, cpu.engineName(), ok, ok
                ? String.format("ran add, multiply, subtract: %s = %d in %.1f us", p.a.name().toLowerCase(),
                        got, r.elapsedNanos() / 1000.0)
                : String.format("expected %s = %d but got %d (%s)", p.a.name().toLowerCase(), EXPECTED, got, r));
    }

    /** The arithmetic program's bytes for {@code mode} (not ppc64), for tests against the golden files. */
    static byte[] arithCode(ExecutionMode mode) {
        return ArithProgram.of(mode).code.clone();
    }

    private static ModeCheck runPpc64(Cpu cpu) {
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, new byte[] {(byte) 0xe8, 0x64, 0x01, 0x00}); // ld 3,0x100(4)
        cpu.write(CODE + 0x100, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        cpu.writeRegister(PpcRegister.R4, CODE);
        RunResult r = cpu.run(CODE, CODE + 4, RunLimits.budget(16));
        long got = cpu.readRegister(PpcRegister.R3);
        boolean ok = r.reachedUntil() && got == PPC64_VALUE;
        return new ModeCheck(ExecutionMode.PPC64, cpu.engineName(), ok, ok
                ? "ran ld: r3 = 0x" + Long.toHexString(got)
                : "ld did not load 0x" + Long.toHexString(PPC64_VALUE) + " (" + r + ")");
    }

    /** The three-instruction program per mode and the registers it uses. */
    private static final class ArithProgram {
        final byte[] code;
        final Register a;
        final Register b;
        final Register c;

        private ArithProgram(byte[] code, Register a, Register b, Register c) {
            this.code = code;
            this.a = a;
            this.b = b;
            this.c = c;
        }

        static ArithProgram of(ExecutionMode mode) {
            switch (mode) {
                case X86_64:
                    return new ArithProgram(bytes(
                            0x48, 0x01, 0xd8,              // add rax, rbx
                            0x48, 0x0f, 0xaf, 0xc1,        // imul rax, rcx
                            0x48, 0x83, 0xe8, 0x07),       // sub rax, 7
                            X86Register.RAX, X86Register.RBX, X86Register.RCX);
                case ARM64:
                    return new ArithProgram(bytes(
                            0x00, 0x00, 0x01, 0x8b,        // add x0, x0, x1
                            0x00, 0x7c, 0x02, 0x9b,        // mul x0, x0, x2
                            0x00, 0x1c, 0x00, 0xd1),       // sub x0, x0, #7
                            Arm64Register.X0, Arm64Register.X1, Arm64Register.X2);
                case ARM:
                    return new ArithProgram(bytes(
                            0x01, 0x00, 0x80, 0xe0,        // add r0, r0, r1
                            0x90, 0x02, 0x00, 0xe0,        // mul r0, r0, r2
                            0x07, 0x00, 0x40, 0xe2),       // sub r0, r0, #7
                            ArmRegister.R0, ArmRegister.R1, ArmRegister.R2);
                case THUMB:
                    return new ArithProgram(bytes(
                            0x08, 0x44,                    // add r0, r0, r1
                            0x00, 0xfb, 0x02, 0xf0,        // mul r0, r0, r2
                            0xa0, 0xf1, 0x07, 0x00),       // sub r0, r0, #7
                            ArmRegister.R0, ArmRegister.R1, ArmRegister.R2);
                case PPC32:
                    return new ArithProgram(bytes(
                            0x7c, 0x63, 0x22, 0x14,        // add 3, 3, 4
                            0x7c, 0x63, 0x29, 0xd6,        // mullw 3, 3, 5
                            0x38, 0x63, 0xff, 0xf9),       // addi 3, 3, -7
                            PpcRegister.R3, PpcRegister.R4, PpcRegister.R5);
                default:
                    throw new IllegalArgumentException("no arithmetic program for " + mode);
            }
        }

        private static byte[] bytes(int... values) {
            byte[] b = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                b[i] = (byte) values[i];
            }
            return b;
        }
    }
}
