package org.kexeclab.x86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.kexec.StandardMachine;

/**
 * The CPU state of the kernel that calls {@code relocate_kernel}, as the emulated machine
 * models it: kernel-looking values in every general register (so that the stub's zeroing is
 * observable), interrupts on, the old kernel's own page-table root in CR3, protection and write
 * protection in CR0, PAE/PGE/OSFXSR in CR4, and the stack at {@link StandardMachine#STACK_TOP}.
 *
 * <p>CR0 has PG clear on purpose: Unicorn 2.0.1 translates through the page tables once PG
 * is set (measured twice: with PG set through its register API and CR3 at an empty table the
 * first fetch faults; after the stub's own {@code mov cr0} with PAE on, a CR3 at an unmapped
 * table raises #PF on the next fetch), while the project's fault model (an unmapped source
 * address is a memory fault at that address) needs the old kernel's accesses untranslated.
 * One experiment with a corrupted identity entry under a destination still saw a correct copy,
 * so the engine is no reliable witness of a wrong map either way.
 * The identity map is therefore proved by walking it ({@link PageTableWalker}), not by the
 * engine. The engine keeps every value written here exactly, so the values the stub must save
 * are these constants (every run checks them through {@link #savedSlotFailures}).
 */
final class OldKernelState {

    /** The old kernel's PML4 (a value only: PG is clear while it is live, so nothing walks it). */
    static final long CR3 = StandardMachine.ARCH_AREA + StandardMachine.ARCH_AREA_SIZE - 0x1000;
    /** AM | WP | NE | ET | MP | PE: a running Linux kernel's CR0 without PG (see the class comment). */
    static final long CR0 = 0x0005_0033L;
    /** OSXMMEXCPT | OSFXSR | PGE | PAE. */
    static final long CR4 = 0x6a0L;
    /** IF | ZF | PF | the always-one bit 1: interrupts on, as in a kernel that has not yet masked them. */
    static final long RFLAGS = 0x246L;

    private static final X86Register[] GENERAL = {X86Register.RAX, X86Register.RBX, X86Register.RBP,
        X86Register.R8, X86Register.R9, X86Register.R10, X86Register.R11, X86Register.R12, X86Register.R13,
        X86Register.R14, X86Register.R15};

    /** Stub data slot -> the register whose pre-run value the stub must have saved there. */
    private static final Map<String, X86Register> SAVED = savedSlots();

    private OldKernelState() {
    }

    /** Puts the old kernel's state into {@code cpu} (argument registers are the caller's job). */
    static void apply(Cpu cpu) {
        for (int i = 0; i < GENERAL.length; i++) {
            cpu.writeRegister(GENERAL[i], general(i));
        }
        cpu.writeRegister(X86Register.CR4, CR4);
        cpu.writeRegister(X86Register.CR0, CR0);
        cpu.writeRegister(X86Register.CR3, CR3);
        cpu.writeRegister(X86Register.RFLAGS, RFLAGS);
        cpu.writeRegister(X86Register.RSP, StandardMachine.STACK_TOP);
    }

    /** The old kernel's value of {@code register} as {@link #apply} sets it. */
    static long value(X86Register register) {
        switch (register) {
            case CR0: return CR0;
            case CR3: return CR3;
            case CR4: return CR4;
            case RFLAGS: return RFLAGS;
            case RSP: return StandardMachine.STACK_TOP;
            default:
                for (int i = 0; i < GENERAL.length; i++) {
                    if (GENERAL[i] == register) {
                        return general(i);
                    }
                }
                throw new IllegalArgumentException("the old kernel's state does not set " + register);
        }
    }

    /**
     * One sentence per saved slot of {@code stub} (as placed in {@code memory}) that does not
     * hold the old kernel's value of its register.
     */
    static List<String> savedSlotFailures(Stub stub, GuestMemory memory) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, X86Register> e : SAVED.entrySet()) {
            long expected = value(e.getValue());
            long at = stub.symbol(e.getKey());
            long saved = ByteBuffer.wrap(memory.read(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (saved != expected) {
                out.add(String.format("the stub saved 0x%x in %s at 0x%x, but the old kernel's %s was 0x%x",
                        saved, e.getKey(), at, e.getValue().name().toLowerCase(Locale.ROOT), expected));
            }
        }
        return out;
    }

    /** A kernel-text-looking value, different for each register. */
    private static long general(int i) {
        return 0xffff_ffff_8100_0000L + 0x1111L * (i + 1);
    }

    private static Map<String, X86Register> savedSlots() {
        Map<String, X86Register> m = new LinkedHashMap<>();
        m.put("kexec_saved_rsp", X86Register.RSP);
        m.put("kexec_saved_cr0", X86Register.CR0);
        m.put("kexec_saved_cr3", X86Register.CR3);
        m.put("kexec_saved_cr4", X86Register.CR4);
        m.put("kexec_saved_rbx", X86Register.RBX);
        m.put("kexec_saved_rbp", X86Register.RBP);
        m.put("kexec_saved_r12", X86Register.R12);
        m.put("kexec_saved_r13", X86Register.R13);
        m.put("kexec_saved_r14", X86Register.R14);
        m.put("kexec_saved_r15", X86Register.R15);
        return m;
    }
}
