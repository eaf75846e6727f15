package org.kexeclab.x86;

import static org.kexeclab.x86.X86Register.CR0;
import static org.kexeclab.x86.X86Register.CR3;
import static org.kexeclab.x86.X86Register.CR4;
import static org.kexeclab.x86.X86Register.R10;
import static org.kexeclab.x86.X86Register.R11;
import static org.kexeclab.x86.X86Register.R12;
import static org.kexeclab.x86.X86Register.R13;
import static org.kexeclab.x86.X86Register.R14;
import static org.kexeclab.x86.X86Register.R15;
import static org.kexeclab.x86.X86Register.R8;
import static org.kexeclab.x86.X86Register.R9;
import static org.kexeclab.x86.X86Register.RAX;
import static org.kexeclab.x86.X86Register.RBP;
import static org.kexeclab.x86.X86Register.RBX;
import static org.kexeclab.x86.X86Register.RCX;
import static org.kexeclab.x86.X86Register.RDI;
import static org.kexeclab.x86.X86Register.RDX;
import static org.kexeclab.x86.X86Register.RFLAGS;
import static org.kexeclab.x86.X86Register.RIP;
import static org.kexeclab.x86.X86Register.RSI;
import static org.kexeclab.x86.X86Register.RSP;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.EngineMode;
import org.kexeclab.testkit.FuzzArch;
import org.kexeclab.testkit.LockstepProfile;

/** x86_64 as the test kit's suites and harnesses drive it: its engine mode, lockstep profile and fuzzing. */
public final class X86Fixtures {
    /** The one mode: 64-bit long mode; {@code add rax, 2} (48 83 c0 02) starts the loop program. */
    public static final EngineMode X86_64 = new EngineMode("x86_64", X86Arches.X86_64, RAX, RBX, RCX, RDX, RBX, 1, 0,
            generalRegisters(), program -> 4);

    private X86Fixtures() {
    }

    /** The engine modes of the contract suites. */
    public static List<EngineMode> modes() {
        return List.of(X86_64);
    }

    /** The sixteen general registers but rsp, which a context save and restore must keep. */
    private static List<Register> generalRegisters() {
        List<Register> out = new ArrayList<>();
        for (X86Register r : X86Register.values()) {
            if (r.ordinal() <= R15.ordinal() && r != RSP) {
                out.add(r);
            }
        }
        return out;
    }

    /** The lockstep profile: the sixteen GPRs, RIP, RFLAGS (less the undefined flags of each step), CR0, CR3, CR4. */
    public static LockstepProfile lockstep() {
        return new X86LockstepProfile();
    }

    /** The fuzzing of x86_64's random code. */
    public static FuzzArch fuzz() {
        return new X86Fuzz();
    }

    /**
     * x86's quirks in lockstep: Unicorn runs until the Java engine's next RIP (so arriving there
     * is one step), and steps a {@code rep} string until it leaves the instruction, which the
     * Java engine executes as one step.
     */
    private static final class X86LockstepProfile extends LockstepProfile {
        X86LockstepProfile() {
            super(X86Arches.X86_64, List.of(RAX, RBX, RCX, RDX, RSI, RDI, RBP, RSP, R8, R9, R10, R11, R12, R13, R14, R15,
                    RIP, RFLAGS, CR0, CR3, CR4), 0x7fff_dead_0000L, Writes.ACCESSES, RFLAGS);
        }

        @Override
        protected RunResult runReference(Cpu unicorn, long pc, Cpu java, RunResult j) {
            long next = java.pc();
            long until = j.reason() == StopReason.BUDGET_EXHAUSTED && next != pc ? next : 0x7fff_dead_0000L;
            RunResult u = unicorn.run(pc, until, RunLimits.budget(1));
            boolean rep = isRepString(unicorn.read(pc, 4));
            for (int i = 0; rep && i < 1 << 16 && u.reason() == StopReason.BUDGET_EXHAUSTED && unicorn.pc() == pc; i++) {
                u = unicorn.run(pc, until, RunLimits.budget(1));
            }
            return u;
        }

        /** Unicorn reached its until, the Java engine's next RIP: the same step. */
        @Override
        protected boolean sameStep(RunResult j, RunResult u, long javaPc) {
            return j.reason() == StopReason.BUDGET_EXHAUSTED && u.reason() == StopReason.REACHED_UNTIL;
        }

        private static boolean isRepString(byte[] b) {
            int i = 0;
            boolean rep = false;
            while (i < 3 && ((b[i] & 0xff) == 0xf3 || (b[i] & 0xff) == 0xf2 || (b[i] & 0xff) == 0x66)) {
                rep |= (b[i] & 0xff) != 0x66;
                i++;
            }
            if ((b[i] & 0xf0) == 0x40 && i < 3) {
                i++;
            }
            int op = b[i] & 0xff;
            return rep && (op == 0xa4 || op == 0xa5 || op == 0xaa || op == 0xab);
        }
    }

    /**
     * x86_64's random code: a REX.W-like byte at word starts (half the time), any alignment;
     * a {@code rep}-prefixed first instruction is not compared (Unicorn counts its iterations),
     * and RFLAGS differing alone is counted apart (many instructions leave flags undefined).
     */
    private static final class X86Fuzz implements FuzzArch {
        @Override
        public org.kexeclab.Arch arch() {
            return X86Arches.X86_64;
        }

        @Override
        public int alignment(int mode) {
            return 1;
        }

        @Override
        public void bias(byte[] c, int i, int mode, SplittableRandom r) {
            if (r.nextBoolean()) {
                c[i] = (byte) (0x48 | r.nextInt(8));
            }
        }

        /** One step's RIP movement, unless it jumped (0: unknown). */
        @Override
        public int instructionLength(byte[] c, int mode, long delta) {
            return delta > 0 && delta <= 15 ? (int) delta : 0;
        }

        @Override
        public long poolSeed(int mode) {
            return 0x5eed;
        }

        /** Every register up to RFLAGS: the sixteen general registers, RIP excluded. */
        @Override
        public List<Register> generalRegisters() {
            List<Register> out = new ArrayList<>();
            for (X86Register x : X86Register.values()) {
                if (x.ordinal() < RIP.ordinal()) {
                    out.add(x);
                }
            }
            return out;
        }

        @Override
        public String notCompared(byte[] code, int at) {
            return repPrefixed(code, at) ? "rep-prefixed" : null;
        }

        @Override
        public Register flagsCountedApart() {
            return RFLAGS;
        }

        private static boolean repPrefixed(byte[] code, int at) {
            for (int i = at; i < at + 4 && i < code.length; i++) {
                int b = code[i] & 0xff;
                if (b == 0xf2 || b == 0xf3) {
                    return true;
                }
                if (b != 0x66 && b != 0x67 && (b & 0xf0) != 0x40 && b != 0x2e && b != 0x3e && b != 0x26 && b != 0x36
                        && b != 0x64 && b != 0x65 && b != 0xf0) {
                    return false;
                }
            }
            return false;
        }
    }
}
