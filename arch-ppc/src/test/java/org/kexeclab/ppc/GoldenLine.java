package org.kexeclab.ppc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.SourceLocation;

/**
 * One line of a committed golden file produced by {@code golden-as}: the source text and
 * either GNU as's bytes (hex, memory order) or its error message.
 */
record GoldenLine(String source, String hex, String error) {

    boolean isError() {
        return error != null;
    }

    /** Reads {@code /golden/ppc/NAME} from the test class path, skipping {@code #} comments. */
    static List<GoldenLine> read(String name) throws IOException {
        List<GoldenLine> lines = new ArrayList<>();
        try (InputStream in = GoldenLine.class.getResourceAsStream("/golden/ppc/" + name)) {
            if (in == null) {
                throw new IOException("missing golden file " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                lines.add(f[0].equals("ERROR") ? new GoldenLine(f[1], null, f.length > 2 ? f[2] : "")
                        : new GoldenLine(f[1], f[0], null));
            }
        }
        return lines;
    }

    /** Splits the source like the assembler's parser: mnemonic, then operands at top-level commas. */
    Instruction instruction() {
        String s = source.trim();
        int space = s.indexOf(' ');
        String mnemonic = space < 0 ? s : s.substring(0, space);
        List<String> operands = new ArrayList<>();
        if (space >= 0) {
            int depth = 0;
            int start = space + 1;
            for (int k = start; k < s.length(); k++) {
                char c = s.charAt(k);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (c == ',' && depth == 0) {
                    operands.add(s.substring(start, k).trim());
                    start = k + 1;
                }
            }
            operands.add(s.substring(start).trim());
        }
        return new Instruction(mnemonic.toLowerCase(), operands, s, new SourceLocation("golden", 1, 1));
    }

    @Override
    public String toString() {
        return source;
    }
}
