package org.kexeclab.cli;

import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.kexeclab.kexec.KexecOutcome;

/** Plain-text renderings shared by the commands. */
final class Text {
    private Text() {
    }

    /** {@code "a"}, {@code "a and b"}, {@code "a, b and c"}. */
    static String and(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    static String count(long n) {
        return n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** The multi-line summary {@code run} prints. */
    static String summary(KexecOutcome o, String stubName) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("kexec on %s (%s): %s%n", o.arch(), o.engine(), o.verified() ? "VERIFIED" : "FAILED"));
        b.append(String.format("  stub        %,d bytes (%s)%n", o.stubBytes(), stubName));
        b.append(String.format("  list        %,d entries, %,d pages to copy%n", o.listEntries(), o.pagesToCopy()));
        b.append(String.format("  executed    %s instructions, %s pages copied, %s in the engine%n",
                count(o.instructions()), count(o.pagesCopied()), millis(o.elapsedNanos())));
        b.append(String.format("  entry       %s (%s)%n", hex(o.entry()), o.reachedEntry() ? "reached" : "not reached"));
        if (!o.entryRegisters().isEmpty()) {
            b.append("  registers   ").append(registers(o.entryRegisters(), 6, "              ")).append('\n');
        }
        if (o.probe() != null) {
            b.append(String.format("  probe       %s%n", o.probe().passed() ? "landed, boot protocol held"
                    : o.probe().landed() ? "landed, status 0x" + Long.toHexString(o.probe().status()) : "did not land"));
        }
        for (String f : o.failures()) {
            b.append("  FAILED      ").append(f).append('\n');
        }
        return b.toString();
    }

    static String registers(Map<String, Long> regs, int perLine, String indent) {
        StringJoiner j = new StringJoiner(" ");
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, Long> e : regs.entrySet()) {
            if (i > 0 && i % perLine == 0) {
                b.append(j).append('\n').append(indent);
                j = new StringJoiner(" ");
            }
            j.add(e.getKey() + "=" + hex(e.getValue()));
            i++;
        }
        return b.append(j).toString();
    }
}
