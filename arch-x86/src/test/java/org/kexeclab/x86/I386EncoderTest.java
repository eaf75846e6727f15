package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;

/** The 32-bit encoder beyond the golden vectors: absolute addresses at real origins, wrap-around, and every refusal. */
class I386EncoderTest {

    private static Stub asm(String source, long origin) throws AssemblyException {
        return X86Assembly.ASSEMBLER32.assemble("t.S", source, origin, Map.of());
    }

    @Test
    void encode_labelAtHighOrigin_isItsAbsoluteAddress() throws Exception {
        Stub s = asm("mov [slot], eax\nmov ebx, [slot]\nslot: .long 0\n", 0x7f000);
        // a3 + moffs32 (5 bytes), then 8b 1d + disp32 (6 bytes): slot is at 0x7f00b
        assertEquals("a30bf00700" + "8b1d0bf00700", X86Assembly.hex2(s.bytes(), 0, 11));
    }

    @Test
    void encode_farJumpToLocalLabel_carriesItsAddressAndSelector() throws Exception {
        Stub s = asm("jmp 0x10:1f\n1: ret\n", 0x100000);
        assertEquals("ea070010001000c3", X86Assembly.hex2(s.bytes(), 0, 8));
    }

    @Test
    void encode_branchAcrossFourGiB_wrapsLikeThe32BitInstructionPointer() throws Exception {
        Stub s = X86Assembly.ASSEMBLER32.assemble("t.S", "jmp target\n", 0xfffff000L, Map.of("target", 0x1000L));
        // 0xfffff005 + 0x1ffb = 0x1000 modulo 4 GiB
        assertEquals("e9fb1f0000", X86Assembly.hex2(s.bytes(), 0, 5));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mov rax, rbx                  | no register rax",
        "mov eax, r8d                  | no register r8d",
        "mov eax, [rax]                | 32-bit registers",
        "mov eax, [ax]                 | 32-bit registers",
        "mov eax, [rip + 8]            | 32-bit registers",
        "mov qword ptr [eax], 1        | qword ptr",
        "movabs eax, 1                 | 64-bit code",
        "pushfq                        | does not exist in 32-bit code",
        "movsq                         | does not exist",
        "push ax                       | general register, got register ax",
        "pop dword ptr [eax]; push qword ptr [eax] | qword",
        "mov cr0, ax                   | general register, got register ax",
        "jmp ax                        | 32-bit register",
        "call qword ptr [eax]          | qword",
        "mov cs, eax                   | far jump",
        "mov ds, [eax]                 | general register only",
        "mov ax, ds                    | 32-bit general register",
        "mov ds, es                    | general register",
        "call 0x10:0x1000              | only as jmp",
        "jmp 0x10000:0x1000            | 16-bit selector",
        "mov cr8, eax                  | no register cr8",
    })
    void encode_badForm_throwsAssemblyExceptionAtTheLine(String line, String expectedWords) {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm("nop\n" + line + "\n", 0));
        assertEquals(2, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
    }

    @Test
    void encode_farJumpIn64BitCode_isRefused() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> X86Assembly.ASSEMBLER.assemble("t.S", "jmp 0x10:0x1000\n", 0, Map.of()));
        assertTrue(e.problem().contains("32-bit code"), e.problem());
    }

    @Test
    void encode_pushfdIn64BitCode_isRefused() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> X86Assembly.ASSEMBLER.assemble("t.S", "pushfd\n", 0, Map.of()));
        assertTrue(e.problem().contains("64-bit code"), e.problem());
    }
}
