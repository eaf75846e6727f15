package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviour beyond the golden vectors: origins, symbolic operands, relaxation, and every refusal. */
class X86EncoderTest {

    private static Stub asm(String source, long origin) throws AssemblyException {
        return X86Assembly.ASSEMBLER.assemble("t.S", source, origin, Map.of());
    }

    @Test
    void encode_ripRelativeAtHighOrigin_measuresFromInstructionEnd() throws Exception {
        Stub s = asm("lea rax, [rip + data]\nmov qword ptr [rip + data], 7\ndata: .quad 0\n", 0x7f000);
        // lea is 7 bytes; mov qword ptr [rip+d32], imm32 is 11 bytes ending at 0x7f012 = data
        assertEquals("488d050b000000" + "48c70500000000" + "07000000", X86Assembly.hex2(s.bytes(), 0, 18));
    }

    @Test
    void encode_offsetLabel_isSignExtendedImmediateOfTheAddress() throws Exception {
        Stub s = asm("mov rax, offset here\nhere: ret\n", 0x100000);
        assertEquals("48c7c007001000c3", X86Assembly.hex2(s.bytes(), 0, 8));
    }

    @Test
    void encode_labelDisplacement_usesDisp32LikeGnuAs() throws Exception {
        Stub s = asm("mov rax, [rbx + here - start]\nstart: here: ret\n", 0);
        assertEquals("488b8300000000", X86Assembly.hex2(s.bytes(), 0, 7));
    }

    @Test
    void encode_branchToAbsoluteConstant_isAlwaysNear() throws Exception {
        Stub s = X86Assembly.ASSEMBLER.assemble("t.S", "jmp target\ncall target\n", 0x1000, Map.of("target", 0x1010L));
        assertEquals("e90b000000" + "e806000000", X86Assembly.hex2(s.bytes(), 0, 10));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bogus rax                    | unknown",
        "mov rax                      | operand",
        "mov rax, ebx                 | sizes differ",
        "mov [rax], 1                 | qword ptr",
        "mov rax, [eax]               | 64-bit registers",
        "mov rax, [rsp*2]             | index",
        "mov rax, [rax + rbx + rcx]   | too many",
        "mov rax, [rax*3]             | scale",
        "mov rax, [rip + rbx*2]       | index",
        "mov rax, [rax - rbx]         | subtracted",
        "mov rax, [rax                | ]",
        "mov eax, 0x100000000         | 32 bits",
        "add rax, 0x80000000          | sign-extended",
        "mov qword ptr [rax], 0x80000000 | sign-extended",
        "mov byte ptr [rax], 1        | qword ptr and dword ptr",
        "mov cr0, eax                 | 64-bit general",
        "mov cr0, [rax]               | general register",
        "push eax                     | 64-bit",
        "push dword ptr [rax]         | qword ptr",
        "shl rax, rbx                 | cl",
        "shl rax, 256                 | byte",
        "jne rax                      | label",
        "jmp eax                      | 64-bit register",
        "call dword ptr [rax]         | qword ptr",
        "lgdt rax                     | memory operand",
        "ret 1                        | no operands",
        "lea rax, rbx                 | memory operand",
        "mov 5, rax                   | immediate",
        "add 5, rax                   | immediate",
        "movabs eax, 1                | movabs",
        "mov rax, rip                 | rip",
        "mov rax, [rax + 0x80000000]  | displacement",
        "mov rax, [0x80000000]        | absolute",
        "mov rax, undefined_thing     | undefined symbol",
        "mov rax, [rax + (1]          | )",
    })
    void encode_badForm_throwsAssemblyExceptionAtTheLine(String line, String expectedWords) {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm("nop\n" + line + "\n", 0));
        assertEquals(2, e.location().line(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
    }

    @Test
    void encode_bareLabelAsImmediate_isRefusedWithAdvice() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm("mov rax, here\nhere: ret\n", 0));
        assertTrue(e.problem().contains("offset here"), e.problem());
    }

    @Test
    void encode_branchBeyondTwoGiB_isRefused() {
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> X86Assembly.ASSEMBLER.assemble("t.S", "jmp far\n", 0, Map.of("far", 0x1_0000_0000L)));
        assertTrue(e.problem().contains("2 GiB"), e.problem());
    }

    @Test
    void encode_codeBeyondOrg_failsAssembly() {
        AssemblyException e = assertThrows(AssemblyException.class, () -> asm(".skip 10\n.org 8\n", 0));
        assertTrue(e.problem().contains("backwards"), e.problem());
    }
}
