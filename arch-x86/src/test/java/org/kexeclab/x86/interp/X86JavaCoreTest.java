package org.kexeclab.x86.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Programs;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Register;

/** x86-64 behaviour of the Java engine that the lockstep tests do not reach: invalid forms, hlt, resets. */
class X86JavaCoreTest {
    private static final long CODE = 0x10000;

    private static Cpu load(byte[] code) {
        Cpu cpu = InterpEngine.instance().open(X86Arches.X86_64);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, code);
        return cpu;
    }

    /** Raw bytes, for the forms a test needs exactly and the assembler does not write. */
    private static Cpu load(String hex) {
        return load(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest
    @CsvSource({"0f0b, 0f 0b", "0fa2, 0f a2", "48f7f1, 48 f7 f1", "48d1d0, 48 d1 d0", "f00100, f0", "62, 62"})
    void run_unimplementedInstruction_stopsInvalidNamingAddressAndBytes(String hex, String bytes) {
        try (Cpu cpu = load("90" + hex + "90")) {
            cpu.writeRegister(X86Register.RAX, 0x1234);
            RunResult r = cpu.run(CODE, CODE + 1 + hex.length() / 2, RunLimits.NONE);
            assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.message());
            assertEquals(CODE + 1, r.pc());
            assertTrue(r.message().contains("0x10001") && r.message().contains("bytes " + bytes), r.message());
            assertEquals(0x1234, cpu.readRegister(X86Register.RAX), "nothing executed");
        }
    }

    @Test
    void run_hlt_stopsAfterItAsUnicornDoes() {
        for (var engine : new org.kexeclab.engine.CpuEngine[] {InterpEngine.instance(), Engines.unicorn()}) {
            try (Cpu cpu = engine.open(X86Arches.X86_64)) {
                cpu.map(CODE, 0x1000, Perm.ALL);
                cpu.write(CODE, Programs.bytes(X86Arches.X86_64, CODE, "nop\nhlt\nnop\nnop"));
                RunResult r = cpu.run(CODE, CODE + 3, RunLimits.NONE);
                assertEquals(StopReason.STOPPED, r.reason(), engine.name() + ": " + r.message());
                assertEquals(CODE + 2, cpu.readRegister(X86Register.RIP), engine.name());
            }
        }
    }

    @Test
    void reset_controlRegistersAndFlags_matchUnicorn() {
        X86Register[] regs = {X86Register.CR0, X86Register.CR3, X86Register.CR4, X86Register.RFLAGS};
        try (Cpu java = InterpEngine.instance().open(X86Arches.X86_64); Cpu uc = Engines.unicorn().open(X86Arches.X86_64)) {
            for (X86Register r : regs) {
                assertEquals(uc.readRegister(r), java.readRegister(r), r.name());
            }
        }
    }

    @Test
    void run_movCr0SettingPaging_keepsAddressesUntranslated() {
        try (Cpu cpu = load(Programs.bytes(X86Arches.X86_64, CODE,
                "mov rax, cr0\nor eax, 0x80000001\nmov cr0, rax\nmov rbx, qword ptr [0x10100]"))) {
            cpu.write(CODE + 0x100, HexFormat.of().parseHex("efcdab8967452301"));
            cpu.writeRegister(X86Register.CR3, 0x7000_0000L);
            RunResult r = cpu.run(CODE, CODE + 19, RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(0x8000_0011L, cpu.readRegister(X86Register.CR0));
            assertEquals(0x0123_4567_89ab_cdefL, cpu.readRegister(X86Register.RBX));
        }
    }

    @Test
    void run_movEvImmWithRexR_executesAsTheSdmSays() {
        // 4c c7 c0 imm32: REX.R does not extend c7's /0 (Unicorn 2.0.1 rejects it; GNU objdump decodes it)
        try (Cpu cpu = load("4cc7c0fbffffff90")) {
            RunResult r = cpu.run(CODE, CODE + 7, RunLimits.NONE);
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.message());
            assertEquals(-5L, cpu.readRegister(X86Register.RAX));
        }
    }
}
