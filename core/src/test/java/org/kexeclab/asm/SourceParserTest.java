package org.kexeclab.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceParserTest {

    private static List<Statement> parse(String src) throws AssemblyException {
        return new SourceParser(new FakeEncoder(2)).parse("p.S", src);
    }

    @Test
    void parse_labelsThenInstruction_splitsIntoStatementsWithColumns() throws Exception {
        List<Statement> s = parse("  a: 1:  mov rax, [rbx + 8], 'x'\n");
        assertEquals(3, s.size());
        assertEquals(Statement.Kind.LABEL, s.get(0).kind());
        assertEquals(new SourceLocation("p.S", 1, 3), s.get(0).location());
        assertEquals("1", s.get(1).name());
        assertEquals(true, s.get(1).isLocalLabel());
        Statement insn = s.get(2);
        assertEquals("mov", insn.name());
        assertEquals(List.of("rax", "[rbx + 8]", "'x'"), insn.operands());
        assertEquals(10, insn.location().column());
    }

    @Test
    void parse_prefixAndCase_areNormalised() throws Exception {
        Statement s = parse("REP MOVSQ\n").get(0);
        assertEquals("rep movsq", s.name());
        assertEquals(List.of(), s.operands());
        assertEquals("REP MOVSQ", s.text());
    }

    @Test
    void parse_directive_keepsDotAndSplitsOutsideParenthesesAndStrings() throws Exception {
        Statement s = parse(".ascii \"a,b\", \"c\" ; .long (1, 2)\n").get(0);
        assertEquals(Statement.Kind.DIRECTIVE, s.kind());
        assertEquals(List.of("\"a,b\"", "\"c\""), s.operands());
    }

    @Test
    void parse_multiLineComment_keepsLineNumbers() throws Exception {
        List<Statement> s = parse("/* one\n two */ nop\n\n nop # three\n");
        assertEquals(2, s.size());
        assertEquals(2, s.get(0).location().line());
        assertEquals(9, s.get(0).location().column()); // " two */ nop": n is the 9th character
        assertEquals(4, s.get(1).location().line());
        assertEquals("nop", s.get(1).text());
    }

    @Test
    void parse_noSeparatorEncoder_keepsSemicolonInText() throws Exception {
        InstructionEncoder plain = (i, c) -> new byte[0];
        List<Statement> s = new SourceParser(plain).parse("p.S", "op a; b\n");
        assertEquals(1, s.size());
        assertEquals(List.of("a; b"), s.get(0).operands());
    }

    @Test
    void parse_hashWithoutCommentMarker_isNotAComment() throws Exception {
        InstructionEncoder arm = (i, c) -> new byte[0];
        Statement s = new SourceParser(arm).parse("p.S", "mov r0, #1 // one\n").get(0);
        assertEquals(List.of("r0", "#1"), s.operands());
    }
}
