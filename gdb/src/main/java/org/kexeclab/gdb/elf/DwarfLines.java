package org.kexeclab.gdb.elf;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;

/**
 * The DWARF (version 4) that maps every address of the pieces to its {@code .S} file and line:
 * one compile unit per piece in {@code .debug_info} (name, compilation directory, language
 * assembler, address range, and where its line program starts) described by one abbreviation in
 * {@code .debug_abbrev}, and one line-number program per piece in {@code .debug_line} with a row
 * for every listed statement. That is what GDB needs to show the source line at every stop, to
 * {@code list}, and to set {@code break file.S:LINE}.
 */
final class DwarfLines {
    /** {@code DW_LANG_Mips_Assembler}: what GNU as writes for assembly sources. */
    private static final int LANG_ASSEMBLER = 0x8001;
    private static final int VERSION = 4;
    private static final int LINE_BASE = -5;
    private static final int LINE_RANGE = 14;
    private static final int OPCODE_BASE = 13;
    private static final int[] STANDARD_LENGTHS = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};

    final byte[] abbrev;
    final byte[] info;
    final byte[] line;

    DwarfLines(List<CodePiece> pieces, String compDir, ElfOut.Factory out) {
        this.abbrev = abbreviations(out.make());
        ElfOut infoOut = out.make();
        ElfOut lineOut = out.make();
        for (CodePiece p : pieces) {
            int stmtList = lineOut.position();
            lineProgram(lineOut, p);
            compileUnit(infoOut, p, compDir, stmtList);
        }
        this.info = infoOut.toArray();
        this.line = lineOut.toArray();
    }

    private static byte[] abbreviations(ElfOut o) {
        o.uleb(1).uleb(0x11).u8(0);                  // 1: DW_TAG_compile_unit, no children
        o.uleb(0x25).uleb(0x08);                     // DW_AT_producer, DW_FORM_string
        o.uleb(0x13).uleb(0x05);                     // DW_AT_language, DW_FORM_data2
        o.uleb(0x03).uleb(0x08);                     // DW_AT_name, DW_FORM_string
        o.uleb(0x1b).uleb(0x08);                     // DW_AT_comp_dir, DW_FORM_string
        o.uleb(0x10).uleb(0x17);                     // DW_AT_stmt_list, DW_FORM_sec_offset
        o.uleb(0x11).uleb(0x01);                     // DW_AT_low_pc, DW_FORM_addr
        o.uleb(0x12).uleb(0x06);                     // DW_AT_high_pc, DW_FORM_data4 (a length)
        o.uleb(0).uleb(0);
        o.uleb(0);
        return o.toArray();
    }

    private static void compileUnit(ElfOut o, CodePiece p, String compDir, int stmtList) {
        int start = o.position();
        o.u32(0).u16(VERSION).u32(0).u8(o.wordSize());
        o.uleb(1).string("kexec-lab assembler").u16(LANG_ASSEMBLER).string(p.sourceName()).string(compDir)
                .u32(stmtList).word(p.stub().origin()).u32(p.stub().size());
        o.patch(start, o.position() - start - 4, 4);
    }

    private static void lineProgram(ElfOut o, CodePiece p) {
        List<String> files = files(p.stub().listing(), p.sourceName());
        int start = o.position();
        o.u32(0).u16(VERSION);
        int headerLengthAt = o.position();
        o.u32(0);
        int headerStart = o.position();
        o.u8(1).u8(1).u8(1).u8(LINE_BASE).u8(LINE_RANGE).u8(OPCODE_BASE);
        for (int len : STANDARD_LENGTHS) {
            o.u8(len);
        }
        o.u8(0);                                     // no include directories: every file is in comp_dir
        for (String f : files) {
            o.string(f).uleb(0).uleb(0).uleb(0);
        }
        o.u8(0);
        o.patch(headerLengthAt, o.position() - headerStart, 4);
        rows(o, p.stub(), files);
        o.patch(start, o.position() - start - 4, 4);
    }

    private static void rows(ElfOut o, Stub stub, List<String> files) {
        Listing l = stub.listing();
        long lineNow = 1;
        int fileNow = 1;
        for (int i = 0; i < l.size(); i++) {
            if (l.length(i) == 0) {
                continue;
            }
            int file = files.indexOf(l.location(i).file()) + 1;
            if (file != fileNow) {
                o.u8(0x04).uleb(file);               // DW_LNS_set_file
                fileNow = file;
            }
            setAddress(o, l.address(i));
            long lineNumber = l.location(i).line();
            if (lineNumber != lineNow) {
                o.u8(0x03).sleb(lineNumber - lineNow); // DW_LNS_advance_line
                lineNow = lineNumber;
            }
            o.u8(0x01);                              // DW_LNS_copy
        }
        setAddress(o, stub.origin() + stub.size());
        o.u8(0).uleb(1).u8(0x01);                    // DW_LNE_end_sequence
    }

    private static void setAddress(ElfOut o, long address) {
        o.u8(0).uleb(1 + o.wordSize()).u8(0x02).word(address); // DW_LNE_set_address
    }

    /** The files the listing names, the piece's own source first. */
    private static List<String> files(Listing l, String main) {
        List<String> files = new ArrayList<>(List.of(main));
        for (int i = 0; i < l.size(); i++) {
            String f = l.location(i).file();
            if (!files.contains(f)) {
                files.add(f);
            }
        }
        return files;
    }
}
