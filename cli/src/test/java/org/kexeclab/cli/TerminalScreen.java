package org.kexeclab.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows after printing some text: {@code \r} returns to the start of the line
 * and later characters overwrite, {@code \n} starts a new line; trailing blanks are dropped and
 * blank lines left out. Enough to see whether a progress frame is left on screen or glued to
 * other text.
 */
final class TerminalScreen {
    private TerminalScreen() {
    }

    static List<String> render(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        lines.add(line.toString());
        return lines.stream().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }
}
