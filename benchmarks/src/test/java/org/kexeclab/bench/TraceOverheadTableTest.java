package org.kexeclab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace table's Java rows and its verdict column against the per-engine targets. */
class TraceOverheadTableTest {

    private static JmhResult row(String target, String hook, double perInstruction) {
        return new JmhResult("TraceOverheadBench", "relocate", Map.of("target", target, "hook", hook, "pages", "16"),
                perInstruction * 1000, 1, Map.of("instructions", perInstruction));
    }

    @Test
    void append_javaRows_subtractNoneAndJudgeAgainstTenthOfMicrosecond() {
        StringBuilder b = new StringBuilder();
        TraceOverheadTable.append(b, List.of(row("java:ppc64", "none", 10), row("java:ppc64", "code", 14),
                row("java:ppc64", "tracer", 150)));
        String md = b.toString();
        assertTrue(md.contains("| java:ppc64 | 16 | none | 10.00 us | 10.0 | - | - |"), md);
        assertTrue(md.contains("| java:ppc64 | 16 | code | 14.00 us | 14.0 | 4.0 ns | ok (<= 100 ns) |"), md);
        assertTrue(md.contains("| java:ppc64 | 16 | tracer | 150.00 us | 150 | 140 ns | OVER (<= 100 ns) |"), md);
    }

    @Test
    void verdict_unicornHooks_codeOneMicrosecondBlockThreeHundredNanos() {
        assertEquals("ok (<= 1 us)", TraceOverheadTable.verdict("unicorn:arm64", "code", 999));
        assertEquals("OVER (<= 300 ns)", TraceOverheadTable.verdict("unicorn:arm64", "block", 301));
        assertEquals("-", TraceOverheadTable.verdict("unicorn:arm64", "tracer", 7000));
    }

    @Test
    void append_noRows_writesNothing() {
        StringBuilder b = new StringBuilder();
        TraceOverheadTable.append(b, List.of());
        assertEquals("", b.toString());
    }
}
