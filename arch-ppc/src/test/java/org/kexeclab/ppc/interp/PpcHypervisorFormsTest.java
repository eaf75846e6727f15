package org.kexeclab.ppc.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;

/**
 * The privileged forms the kernel's {@code mmu_cleanup_all} runs before kexec: {@code mtspr} and
 * {@code mfspr} of LPCR, PTCR, AMR, UAMOR, IAMR and CIABR, and {@code tlbie}/{@code tlbsync}.
 * qemu-user traps every one of them, so they cannot join the qemu golden set; these cases pin
 * the ISA's encodings instead: each register reads back what was written, the TLB forms change
 * nothing, and a 32-bit CPU or a reserved bit refuses them.
 */
class PpcHypervisorFormsTest {
    private static final long CODE = 0x1_0000;

    private static int mtspr(int spr, int rs) {
        return 31 << 26 | rs << 21 | (spr & 31) << 16 | (spr >> 5) << 11 | 467 << 1;
    }

    private static int mfspr(int rt, int spr) {
        return 31 << 26 | rt << 21 | (spr & 31) << 16 | (spr >> 5) << 11 | 339 << 1;
    }

    private static int li(int rt, int si) {
        return 14 << 26 | rt << 21 | (si & 0xffff);
    }

    private static final int TLBIE_R5_R6 = 31 << 26 | 6 << 21 | 5 << 11 | 306 << 1;
    private static final int TLBSYNC = 31 << 26 | 566 << 1;

    private static RunResult run(Cpu cpu, int... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(cpu.arch().byteOrder());
        for (int w : words) {
            b.putInt(w);
        }
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, b.array(), 0, words.length * 4);
        return cpu.run(CODE, CODE + 4L * words.length, RunLimits.budget(1000));
    }

    @Test
    void mtspr_eachHypervisorRegister_readsBackWhatWasWritten() {
        int[] sprs = {PpcHypervisorRegisters.LPCR, PpcHypervisorRegisters.PTCR, PpcHypervisorRegisters.AMR,
            PpcHypervisorRegisters.UAMOR, PpcHypervisorRegisters.IAMR, PpcHypervisorRegisters.CIABR};
        for (int i = 0; i < sprs.length; i++) {
            try (Cpu cpu = InterpEngine.instance().open(PpcArches.PPC64LE)) {
                RunResult r = run(cpu, li(3, 0x100 + i), mtspr(sprs[i], 3), mfspr(4, sprs[i]));
                assertEquals(StopReason.REACHED_UNTIL, r.reason(), "spr " + sprs[i] + ": " + r.message());
                assertEquals(0x100 + i, cpu.readRegister(PpcRegister.R4), "spr " + sprs[i]);
            }
        }
    }

    @Test
    void mfspr_hypervisorRegisterAtReset_isZero() {
        try (Cpu cpu = InterpEngine.instance().open(PpcArches.PPC64LE)) {
            cpu.writeRegister(PpcRegister.R4, 7);
            run(cpu, mfspr(4, PpcHypervisorRegisters.LPCR));
            assertEquals(0, cpu.readRegister(PpcRegister.R4));
        }
    }

    @Test
    void tlbieAndTlbsync_64bit_changeNothingAndRunOn() {
        try (Cpu cpu = InterpEngine.instance().open(PpcArches.PPC64LE)) {
            RunResult r = run(cpu, li(5, 0x40), li(6, 0x3), TLBIE_R5_R6, TLBSYNC, li(7, 1));
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(0x40, cpu.readRegister(PpcRegister.R5));
            assertEquals(0x3, cpu.readRegister(PpcRegister.R6));
            assertEquals(1, cpu.readRegister(PpcRegister.R7));
        }
    }

    @Test
    void tlbie_reservedBitSet_isInvalid() {
        try (Cpu cpu = InterpEngine.instance().open(PpcArches.PPC64LE)) {
            assertEquals(StopReason.INVALID_INSTRUCTION, run(cpu, TLBIE_R5_R6 | 1).reason());
        }
    }

    @Test
    void hypervisorForms_ppc32_areInvalid() {
        Arch ppc32 = PpcArches.PPC32;
        for (int w : new int[] {mtspr(PpcHypervisorRegisters.LPCR, 3), mfspr(4, PpcHypervisorRegisters.PTCR),
            TLBIE_R5_R6}) {
            try (Cpu cpu = InterpEngine.instance().open(ppc32)) {
                assertEquals(StopReason.INVALID_INSTRUCTION, run(cpu, w).reason(), Integer.toHexString(w));
            }
        }
    }
}
