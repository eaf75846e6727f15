package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.kexeclab.asm.Disassembler;

/**
 * A disassembler checked against GNU objdump's reading of the same bytes: a golden file of rows
 * {@code hex-bytes<TAB>objdump's text} (written by {@code scripts/golden-objdump}). Every row the
 * disassembler decodes must read exactly as objdump's and be as long; a row it shows as data
 * (its text starts with the architecture's data directive) is skipped; and at least a given share
 * of the rows must be decoded, so the check cannot pass on a disassembler that knows nothing.
 */
public final class ObjdumpGolden {
    private ObjdumpGolden() {
    }

    /**
     * Checks {@code disassembler} on every row of {@code resource}, each decoded at {@code address}.
     *
     * @param data           how the disassembler starts the text of bytes it does not know ({@code .long})
     * @param minRows        fewer rows than this means the golden file is not the one meant
     * @param minDecodedPct  the share of rows (in percent) that must be decoded
     */
    public static void assertMatches(String resource, Disassembler disassembler, long address, String data,
                                     int minRows, int minDecodedPct) {
        assertMatches(resource, disassembler, address, data, minRows, minDecodedPct, (mine, objdumps) -> mine == objdumps);
    }

    /**
     * As above, with {@code lengthAgrees(mine, objdump's)} deciding whether a decoded length
     * matches the row's (objdump reads some pairs of instructions as one).
     */
    public static void assertMatches(String resource, Disassembler disassembler, long address, String data,
                                     int minRows, int minDecodedPct, BiPredicate<Integer, Integer> lengthAgrees) {
        List<GoldenFile.Row> rows = GoldenFile.rows(resource);
        assertTrue(rows.size() >= minRows, resource + ": " + rows.size() + " rows");
        List<String> wrong = new ArrayList<>();
        int decoded = 0;
        for (GoldenFile.Row r : rows) {
            byte[] bytes = r.bytes(0);
            Disassembler.Instruction d = disassembler.decode(bytes, 0, address);
            if (!lengthAgrees.test(d.length(), bytes.length)) {
                wrong.add(r.field(0) + ": length " + d.length() + ", objdump " + bytes.length);
                continue;
            }
            if (d.text().startsWith(data)) {
                continue;
            }
            decoded++;
            if (!d.text().equals(r.field(1))) {
                wrong.add(r.field(0) + ": objdump '" + r.field(1) + "', mine '" + d.text() + "'");
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(decoded * 100L >= (long) rows.size() * minDecodedPct, decoded + " of " + rows.size() + " rows decoded");
    }
}
