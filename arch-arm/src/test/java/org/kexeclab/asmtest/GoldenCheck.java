package org.kexeclab.asmtest;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.InstructionEncoder;
import org.kexeclab.testkit.GoldenFile;

/** Runs an encoder over golden lines and collects every disagreement with GNU as. */
public final class GoldenCheck {

    private GoldenCheck() {
    }

    /** Every line where the encoder's bytes or its accept/reject decision differ from as. */
    public static List<String> mismatches(InstructionEncoder encoder, List<GoldenFile.Line> lines, long pc) {
        List<String> bad = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (GoldenFile.Line g : lines) {
            try {
                byte[] got = encoder.encode(g.instruction(), new FixedContext(pc));
                if (g.isError()) {
                    bad.add(g + ": as rejects it, encoder gave " + hex.formatHex(got));
                } else if (!java.util.Arrays.equals(got, g.bytes())) {
                    bad.add(g + ": expected " + hex.formatHex(g.bytes()) + ", got " + hex.formatHex(got));
                }
            } catch (AssemblyException e) {
                if (!g.isError()) {
                    bad.add(g + ": expected " + hex.formatHex(g.bytes()) + ", encoder threw " + e.getMessage());
                }
            }
        }
        return bad;
    }
}
