package org.kexeclab;

import java.util.List;

/** Lists of names in one-sentence messages: {@code "a, b, c or d"}. */
public final class Sentences {
    private Sentences() {
    }

    /** {@code "a"}, {@code "a or b"}, {@code "a, b or c"}; empty for none. */
    public static String oneOf(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
