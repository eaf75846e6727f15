package org.kexeclab.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {

    private static final Statement HERE = new Statement(Statement.Kind.INSTRUCTION, "x", List.of(), "x", new SourceLocation("e.S", 1, 1));

    private static final Expression.Symbols SYMBOLS = new Expression.Symbols() {
        private final Map<String, Long> values = Map.of("K", 10L, "lbl", 0x2000L);

        @Override
        public Long symbol(String name) {
            return values.get(name);
        }

        @Override
        public Long localLabel(int number, boolean forward) {
            return number == 1 ? (forward ? 0x3000L : 0x1000L) : null;
        }

        @Override
        public long dot() {
            return 0x1800;
        }

        @Override
        public boolean isLabel(String name) {
            return name.equals("lbl");
        }
    };

    private static Expression.Value eval(String e) throws AssemblyException {
        return Expression.evaluate(e, SYMBOLS, HERE);
    }

    @Test
    void evaluate_precedence_matchesC() throws Exception {
        assertEquals(1 | 2 ^ 3 & 4 << 1 + 2 * 3, eval("1 | 2 ^ 3 & 4 << 1 + 2 * 3").value());
        assertEquals(-(7 / 2) % 3, eval("-(7 / 2) % 3").value());
        assertEquals(~0xfffL, eval("~0xfff").value());
        assertEquals(1, eval("!0").value());
        assertEquals(-1L >> 4, eval("-1 >> 4").value());
    }

    @Test
    void evaluate_numbersAndCharacters_parseEveryBase() throws Exception {
        assertEquals(0xffffffffffffffffL, eval("0xffffffffffffffff").value());
        assertEquals(5, eval("0b101").value());
        assertEquals(8, eval("010").value());
        assertEquals('\n', eval("'\\n'").value());
    }

    @Test
    void evaluate_symbolsDotAndLocalLabels_resolveAndClassify() throws Exception {
        Expression.Value v = eval("lbl + K");
        assertEquals(0x200a, v.value());
        assertFalse(v.constant());
        assertTrue(eval("K * 2").constant());
        assertEquals(0x1800, eval(".").value());
        assertFalse(eval(".").constant());
        assertEquals(0x2000, eval("1f - 1b").value());
    }

    @Test
    void evaluate_undefinedSymbol_isReportedNotThrown() throws Exception {
        Expression.Value v = eval("missing + 1");
        assertFalse(v.resolved());
        assertEquals("missing", v.firstUndefined());
        assertFalse(eval("2f").resolved());
    }

    @Test
    void evaluate_malformed_throwsWithLocation() {
        for (String bad : List.of("", "1 +", "(1", "1 2", "0xg", "'ab'", "4 / 0", "@")) {
            AssemblyException e = assertThrows(AssemblyException.class, () -> eval(bad), bad);
            assertEquals(HERE.location(), e.location());
        }
    }
}
