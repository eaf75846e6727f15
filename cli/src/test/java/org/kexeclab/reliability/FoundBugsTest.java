package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.x86.X86Encoder;

/** One regression test per bug the fuzzers found (the seeds that found them are kept too). */
class FoundBugsTest {

    /** Found by the asm fuzzer: a numeric local label beyond int threw NumberFormatException. */
    @Test
    void assemble_numericLocalLabelBeyondInt_assemblyExceptionAtLabel() {
        Assembler asm = new Assembler(new X86Encoder(), ByteOrder.LITTLE_ENDIAN);
        AssemblyException e = assertThrows(AssemblyException.class,
                () -> asm.assemble("t.S", "nop\n  99999999999999999999: nop\n", 0x100000, Map.of()));
        assertEquals(new SourceLocation("t.S", 2, 3), e.location());
    }
}
