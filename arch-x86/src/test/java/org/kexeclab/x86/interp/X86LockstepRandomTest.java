package org.kexeclab.x86.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.engine.Perm;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Lockstep;
import org.kexeclab.testkit.LockstepProfile;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Fixtures;
import org.kexeclab.x86.X86Register;

/**
 * Every implemented x86-64 form, with random operands, registers, flags and addressing, executed
 * on the Java engine and on Unicorn in lockstep ({@link Lockstep} with the x86 {@link LockstepProfile}); seeded per form so a
 * failure replays. {@value #CASES} cases per form.
 */
class X86LockstepRandomTest {
    private static final int CASES = 300;
    private static final X86Register[] HW = {X86Register.RAX, X86Register.RCX, X86Register.RDX, X86Register.RBX,
        X86Register.RSP, X86Register.RBP, X86Register.RSI, X86Register.RDI, X86Register.R8, X86Register.R9,
        X86Register.R10, X86Register.R11, X86Register.R12, X86Register.R13, X86Register.R14, X86Register.R15};

    static Stream<X86Forms.Form> forms() {
        return X86Forms.all().stream();
    }

    @ParameterizedTest
    @MethodSource("forms")
    void step_randomOperands_javaMatchesUnicorn(X86Forms.Form form) {
        Engines.assumeRuns(Engines.unicorn(), X86Arches.X86_64);
        X86Gen g = new X86Gen(form.name().hashCode());
        byte[] data = new byte[X86Gen.DATA_SIZE];
        try (Lockstep l = Lockstep.open(X86Fixtures.lockstep(), false)) {
            l.map(X86Gen.CODE, X86Gen.CODE_SIZE, Perm.ALL);
            l.map(X86Gen.DATA, X86Gen.DATA_SIZE, Perm.READ | Perm.WRITE);
            for (int i = 0; i < CASES; i++) {
                g.reset();
                g.codeAt = X86Gen.CODE + (long) i * X86Gen.SLOT;
                X86Forms.Case c = form.make().apply(g);
                g.rnd.nextBytes(data);
                l.write(X86Gen.DATA, data);
                l.write(g.codeAt, c.code());
                for (int r = 0; r < 16; r++) {
                    l.set(HW[r], g.regs[r]);
                }
                l.set(X86Register.RFLAGS, g.flags);
                l.set(X86Register.RIP, g.codeAt);
                String diff = l.stepHere(c.undefined()) + l.compareMemory(X86Gen.DATA, X86Gen.DATA_SIZE);
                int n = i;
                assertEquals("", diff, () -> String.format("%s case %d: bytes %s, rcx 0x%x, rflags 0x%x",
                        form, n, HexFormat.ofDelimiter(" ").formatHex(c.code()), g.regs[1], g.flags));
            }
        }
    }
}
