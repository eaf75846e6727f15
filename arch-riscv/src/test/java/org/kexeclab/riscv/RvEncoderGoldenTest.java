package org.kexeclab.riscv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.GoldenFile;

/**
 * The RV64 encoder against GNU as: every line of {@code golden/riscv64/rv64-forms.golden}
 * (bytes, or as's refusal), and the stub, the entry probe and the purgatory whole, as GNU as and
 * ld built them ({@code regen-programs.sh}), at two origins.
 */
class RvEncoderGoldenTest {
    private final Assembler asm = RiscvRelocateKernel.assembler();

    @Test
    void encode_everyForm_matchesGnuAs() {
        List<GoldenFile.Line> lines = GoldenFile.read("/golden/riscv64/rv64-forms.golden");
        assertTrue(lines.size() > 350, "golden file too small: " + lines.size());
        HexFormat hex = HexFormat.of();
        List<String> bad = new ArrayList<>();
        for (GoldenFile.Line g : lines) {
            try {
                byte[] got = asm.assemble("golden", g.text() + "\n", 0x1000, Map.of()).bytes();
                if (g.isError()) {
                    bad.add(g.text() + ": as rejects it, the encoder gave " + hex.formatHex(got));
                } else if (!java.util.Arrays.equals(got, g.bytes())) {
                    bad.add(g.text() + ": expected " + hex.formatHex(g.bytes()) + ", got " + hex.formatHex(got));
                }
            } catch (AssemblyException e) {
                if (!g.isError()) {
                    bad.add(g.text() + ": expected " + hex.formatHex(g.bytes()) + ", the encoder threw " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void stub_anyOrigin_matchesGnuAsAndLd() throws Exception {
        byte[] golden = GoldenFile.hexBytes("/golden/riscv64/relocate_kernel_riscv64.hex");
        assertArrayEquals(golden, RiscvRelocateKernel.assemble(0).bytes());
        assertArrayEquals(golden, RiscvRelocateKernel.assemble(0x2ad7000L).bytes());
    }

    @Test
    void entryProbe_anyOrigin_matchesGnuAsAndLd() {
        byte[] golden = GoldenFile.hexBytes("/golden/riscv64/entry_probe_riscv64.hex");
        assertArrayEquals(golden, RiscvEntryProbe.assemble(0, StandardMachine.PROBE_RECORD).code());
        assertArrayEquals(golden, RiscvEntryProbe.assemble(0x1000000, StandardMachine.PROBE_RECORD).code());
    }
}
