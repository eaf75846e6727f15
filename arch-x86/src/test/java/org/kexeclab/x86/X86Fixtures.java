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

/** x86_64 and i386 as the test kit's suites and harnesses drive them: engine modes, lockstep profiles and fuzzing. */
public final class X86Fixtures {
    /** 64-bit long mode; {@code add rax, 2} (48 83 c0 02) starts the loop program. */
    public static final EngineMode X86_64 = new EngineMode("x86_64", X86Arches.X86_64, RAX, RBX, RCX, RDX, RBX, 1, 0,
            generalRegisters(), program -> 4);
    /** 32-bit protected mode (i386); {@code add eax, 2} (83 c0 02) starts the loop program. */
    public static final EngineMode I386 = new EngineMode("i386", X86Arches.I386, I386Register.EAX, I386Register.EBX,
            I386Register.ECX, I386Register.EDX, I386Register.EBX, 1, 0, i386GeneralRegisters(), program -> 3);

    private X86Fixtures() {
    }

    /** The engine modes of the contract suites. */
    public static List<EngineMode> modes() {
        return List.of(X86_64, I386);
    }

    /** The seven i386 general registers but esp, which a context save and restore must keep. */
    private static List<Register> i386GeneralRegisters() {
        return List.of(I386Register.EAX, I386Register.EBX, I386Register.ECX, I386Register.EDX, I386Register.ESI,
                I386Register.EDI, I386Register.EBP);
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
        return new X86LockstepProfile(X86Arches.X86_64, List.of(RAX, RBX, RCX, RDX, RSI, RDI, RBP, RSP, R8, R9, R10,
                R11, R12, R13, R14, R15, RIP, RFLAGS, CR0, CR3, CR4), RFLAGS);
    }

    /** i386's lockstep profile: the eight general registers, EIP, EFLAGS (less undefined flags), CR0, CR3, CR4. */
    public static LockstepProfile lockstepI386() {
        return new X86LockstepProfile(X86Arches.I386, List.of(I386Register.EAX, I386Register.EBX, I386Register.ECX,
                I386Register.EDX, I386Register.ESI, I386Register.EDI, I386Register.EBP, I386Register.ESP,
                I386Register.EIP, I386Register.EFLAGS, I386Register.CR0, I386Register.CR3, I386Register.CR4),
                I386Register.EFLAGS);
    }

    /** The fuzzing of x86_64's random code. */
    public static FuzzArch fuzz() {
        return new X86Fuzz(X86Arches.X86_64);
    }

    /** The fuzzing of i386's random code (no REX: 40..4f are inc and dec there, and are left to chance). */
    public static FuzzArch fuzzI386() {
        return new X86Fuzz(X86Arches.I386);
    }

    /**
     * x86's quirks in lockstep: Unicorn runs until the Java engine's next RIP (so arriving there
     * is one step), and steps a {@code rep} string until it leaves the instruction, which the
     * Java engine executes as one step.
     */
    private static final class X86LockstepProfile extends LockstepProfile {
        X86LockstepProfile(org.kexeclab.Arch arch, List<Register> compared, Register flags) {
            super(arch, compared, 0x7fff_dead_0000L, Writes.ACCESSES, flags);
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
            if ((b[i] & 0xf0) == 0x40 && i < 3 && b.length > i + 1 && isStringOp(b[i + 1])) {
                i++;
            }
            return rep && isStringOp(b[i]);
        }

        private static boolean isStringOp(byte b) {
            int op = b & 0xff;
            return op == 0xa4 || op == 0xa5 || op == 0xaa || op == 0xab;
        }
    }

    /**
     * x86 random code: in 64-bit mode a REX.W-like byte at word starts (half the time), any
     * alignment; a {@code rep}-prefixed first instruction is not compared (Unicorn counts its
     * iterations), and the flags differing alone are counted apart (many instructions leave
     * flags undefined).
     */
    private static final class X86Fuzz implements FuzzArch {
        private final org.kexeclab.Arch arch;
        private final boolean long64;

        X86Fuzz(org.kexeclab.Arch arch) {
            this.arch = arch;
            this.long64 = X86Arches.mode(arch).isLong();
        }

        @Override
        public org.kexeclab.Arch arch() {
            return arch;
        }

        @Override
        public int alignment(int mode) {
            return 1;
        }

        @Override
        public void bias(byte[] c, int i, int mode, SplittableRandom r) {
            if (long64 && r.nextBoolean()) {
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

        /** Every register up to the flags: the general registers, the instruction pointer excluded. */
        @Override
        public List<Register> generalRegisters() {
            if (!long64) {
                return List.of(I386Register.EAX, I386Register.EBX, I386Register.ECX, I386Register.EDX,
                        I386Register.ESI, I386Register.EDI, I386Register.EBP, I386Register.ESP);
            }
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
            return long64 ? RFLAGS : I386Register.EFLAGS;
        }

        private boolean repPrefixed(byte[] code, int at) {
            for (int i = at; i < at + 4 && i < code.length; i++) {
                int b = code[i] & 0xff;
                if (b == 0xf2 || b == 0xf3) {
                    return true;
                }
                if (b != 0x66 && b != 0x67 && (!long64 || (b & 0xf0) != 0x40) && b != 0x2e && b != 0x3e && b != 0x26 && b != 0x36
                        && b != 0x64 && b != 0x65 && b != 0xf0) {
                    return false;
                }
            }
            return false;
        }
    }
}
