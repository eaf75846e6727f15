package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.testkit.GoldenFile;

/**
 * Every line of the committed GNU as golden files (see golden/ppc/regen.sh): valid forms must
 * encode to GNU as's bytes for that target's byte order, forms GNU as rejects must throw.
 */
class PpcEncoderGoldenTest {

    static Stream<Arguments> goldenLines() {
        Stream<Arguments> all = Stream.empty();
        for (Arch arch : List.of(PpcArches.PPC32, PpcArches.PPC64, PpcArches.PPC64LE)) {
            for (String forms : List.of("forms32", "forms64")) {
                List<GoldenFile.Line> lines = GoldenFile.read("/golden/ppc/" + arch.name() + "-" + forms + ".golden");
                all = Stream.concat(all, lines.stream().map(l -> Arguments.of(arch, l)));
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("goldenLines")
    void encode_goldenLine_matchesGnuAs(Arch arch, GoldenFile.Line line) throws AssemblyException {
        PpcEncoder encoder = PpcEncoder.forArch(arch);
        TestEncodeContext context = new TestEncodeContext(0, arch.byteOrder());
        if (line.isError()) {
            assertThrows(AssemblyException.class, () -> encoder.encode(line.instruction(), context),
                    "GNU as rejects it: " + line.error());
        } else {
            byte[] bytes = encoder.encode(line.instruction(), context);
            assertEquals(line.hex(), HexFormat.of().formatHex(bytes));
        }
    }
}
