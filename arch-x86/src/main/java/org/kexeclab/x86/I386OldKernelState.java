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
 * The CPU state of the 32-bit kernel that calls {@code relocate_kernel}, as the emulated machine
 * models it: kernel-looking values in every general register (so that the stub's zeroing is
 * observable), interrupts on, paging on through the old kernel's identity page directory
 * ({@link I386PageTables#OLD_KERNEL_PGD}, 4 MiB pages: CR4.PSE), write protection and alignment
 * mask in CR0, and the call's five arguments and return address on the stack below
 * {@link StandardMachine#STACK_TOP}.
 *
 * <p>Unlike x86_64's (which keeps CR0.PG clear), paging is really on here: Unicorn translates the
 * stub's first fetches through the old tables and, after the stub loads CR3, through kexec's,
 * which map only the control page (measured on 2.0.1: a run through an absent page directory entry
 * raises #PF), until the stub turns paging off. The Java engine does not translate; with identity
 * tables the addresses agree, and {@link I386MachineKexec#checkMachineState} walks kexec's tables
 * itself. Segments stay as Unicorn resets them (flat, selector 0): the kernel's
 * {@code machine_kexec} reloads its own and then invalidates the GDT, which nothing before the
 * purgatory reads again.
 */
final class I386OldKernelState {

    /** PG | AM | WP | NE | ET | MP | PE: a running 32-bit Linux kernel's CR0. */
    static final long CR0 = 0x8005_0033L;
    /** OSXMMEXCPT | OSFXSR | PGE | PSE: a non-PAE kernel with 4 MiB pages. */
    static final long CR4 = 0x690L;
    /** IF | ZF | PF | the always-one bit 1: interrupts on, as in a kernel that has not yet masked them. */
    static final long EFLAGS = 0x246L;
    /** Where the old kernel's {@code call relocate_kernel} leaves ESP: its return address, then the five arguments. */
    static final long ESP = StandardMachine.STACK_TOP - 24;
    /** The return address the call pushed (old kernel text; the stub never returns there). */
    static final long RETURN_ADDRESS = 0xc100_0000L + 0xabcL;

    private static final I386Register[] GENERAL = {I386Register.EAX, I386Register.EBX, I386Register.ECX,
        I386Register.EDX, I386Register.ESI, I386Register.EDI, I386Register.EBP};
    /** Stub data slot -> the register whose pre-run value the stub must have saved there. */
    private static final Map<String, I386Register> SAVED = savedSlots();

    private I386OldKernelState() {
    }

    /**
     * Puts the old kernel's state into {@code cpu} and the call's frame on its stack:
     * {@code relocate_kernel(head, controlPage, start, hasPae, preserveContext)}.
     */
    static void apply(Cpu cpu, long head, long controlPage, long start, boolean hasPae, boolean preserveContext) {
        for (int i = 0; i < GENERAL.length; i++) {
            cpu.writeRegister(GENERAL[i], general(i));
        }
        I386PageTables.writeOldKernel(cpu);
        ByteBuffer frame = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt((int) RETURN_ADDRESS).putInt((int) head).putInt((int) controlPage).putInt((int) start)
                .putInt(hasPae ? 1 : 0).putInt(preserveContext ? 1 : 0);
        cpu.write(ESP, frame.array());
        cpu.writeRegister(I386Register.CR4, CR4);
        cpu.writeRegister(I386Register.CR3, I386PageTables.OLD_KERNEL_PGD);
        cpu.writeRegister(I386Register.CR0, CR0);
        cpu.writeRegister(I386Register.EFLAGS, EFLAGS);
        cpu.writeRegister(I386Register.ESP, ESP);
    }

    /** The old kernel's value of {@code register} as {@link #apply} sets it. */
    static long value(I386Register register) {
        switch (register) {
            case CR0: return CR0;
            case CR3: return I386PageTables.OLD_KERNEL_PGD;
            case CR4: return CR4;
            case EFLAGS: return EFLAGS;
            case ESP: return ESP;
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
        for (Map.Entry<String, I386Register> e : SAVED.entrySet()) {
            long expected = value(e.getValue());
            long at = stub.symbol(e.getKey());
            long saved = ByteBuffer.wrap(memory.read(at, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
            if (saved != expected) {
                out.add(String.format("the stub saved 0x%x in %s at 0x%x, but the old kernel's %s was 0x%x",
                        saved, e.getKey(), at, e.getValue().name().toLowerCase(Locale.ROOT), expected));
            }
        }
        return out;
    }

    /** A kernel-text-looking value (the 32-bit kernel's direct map starts at 0xc0000000), different for each register. */
    private static long general(int i) {
        return 0xc100_0000L + 0x1111L * (i + 1);
    }

    private static Map<String, I386Register> savedSlots() {
        Map<String, I386Register> m = new LinkedHashMap<>();
        m.put("kexec_saved_esp", I386Register.ESP);
        m.put("kexec_saved_cr0", I386Register.CR0);
        m.put("kexec_saved_cr3", I386Register.CR3);
        m.put("kexec_saved_cr4", I386Register.CR4);
        m.put("kexec_saved_eflags", I386Register.EFLAGS);
        m.put("kexec_saved_ebx", I386Register.EBX);
        m.put("kexec_saved_esi", I386Register.ESI);
        m.put("kexec_saved_edi", I386Register.EDI);
        m.put("kexec_saved_ebp", I386Register.EBP);
        return m;
    }
}
