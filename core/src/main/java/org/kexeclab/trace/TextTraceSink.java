package org.kexeclab.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.kexeclab.asm.Listing;
import org.kexeclab.image.ListEntry;

/**
 * The human trace: one line per shown step (step number, address, bytes, the stub's source
 * line and statement, changed registers, stores), a plain-words line whenever the stub loads
 * a list entry, and loops folded into one line with their iteration count.
 */
public final class TextTraceSink implements TraceSink {
    private static final int FOLD_SHOWN = 2;

    private final Writer out;
    private final boolean fold;
    private final StringBuilder line = new StringBuilder(256);
    private final WalkNarrator narrator = new WalkNarrator();
    private TraceHeader header;
    private LoopFolder folder;
    private String[] statements;
    /** Each listing row's source line or kernel symbol, as {@link org.kexeclab.asm.SourceLocation#brief()}. */
    private String[] sources;

    /** Writes to {@code out}; {@code fold} folds loops after their first iterations. */
    public TextTraceSink(Writer out, boolean fold) {
        this.out = out;
        this.fold = fold;
    }

    @Override
    public void start(TraceHeader h) {
        code(h);
        write(String.format("# %s stub %s: %,d page%s to copy, %,d list entries%n# %s%n",
                h.arch().name(), h.leg().file(),
                h.pagesToCopy(), h.pagesToCopy() == 1 ? "" : "s", h.list().size(), h.list().describeHead()));
        if (h.legs().size() > 1) {
            for (int l = 0; l < h.legs().size(); l++) {
                write(String.format("# leg %d of %d: %s%n", l + 1, h.legs().size(), h.legs().get(l).describe()));
            }
        }
        write(String.format("# %6s  %-10s  %-16s  %-28s  %-30s  %s%n",
                "step", "address", "bytes", "source", "statement", "changed registers, stores"));
    }

    /** A boundary line, then the steps of the next leg's code. */
    @Override
    public void leg(TraceHeader h) {
        flushFold();
        code(h);
        write(String.format("# leg %d of %d: %s%n", h.legIndex() + 1, h.legs().size(), h.leg().describe()));
    }

    /** Takes {@code h}'s code for the following steps: its statements, sources and a fresh loop folder. */
    private void code(TraceHeader h) {
        this.header = h;
        this.folder = new LoopFolder(h.listing().size(), fold ? FOLD_SHOWN : Integer.MAX_VALUE);
        this.statements = new String[h.listing().size()];
        this.sources = new String[statements.length];
        for (int i = 0; i < statements.length; i++) {
            statements[i] = statement(h.listing().text(i));
            sources[i] = h.listing().location(i).brief();
        }
    }

    @Override
    public void step(TraceStep s) {
        ListEntry entry = narrator.read(header, s);
        if (entry != null) {
            folder.newWindow();
        }
        if (!folder.admit(s.listingIndex()) && entry == null) {
            return;
        }
        flushFold();
        line.setLength(0);
        stepLine(s);
        if (entry != null) {
            line.append("           ").append(narrator.describe(header, entry)).append('\n');
        }
        write(line);
    }

    private void stepLine(TraceStep s) {
        Listing l = header.listing();
        int i = s.listingIndex();
        line.append("  ");
        long index = s.index();
        int digits = index == 0 ? 1 : (int) Math.log10(index) + 1;
        padTo(line.length() + Math.max(0, 6 - digits));
        line.append(index);
        line.append("  ");
        int at = line.length();
        Hex.number(line, s.pc());
        padTo(at + 10);
        line.append("  ");
        at = line.length();
        for (int b = 0; i >= 0 && b < s.size() && b < l.length(i); b++) {
            Hex.octet(line, (byte) l.byteAt(i, b));
        }
        padTo(at + 16);
        line.append("  ");
        at = line.length();
        if (i >= 0) {
            line.append(sources[i]);
        }
        padTo(at + 28);
        line.append("  ");
        at = line.length();
        if (i >= 0) {
            line.append(statements[i]);
        }
        padTo(at + 30);
        line.append("  ");
        effects(s);
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        line.setLength(end);
        line.append('\n');
    }

    /** The statement on one line: whitespace runs (tabs) become one space, comments stay. */
    public static String statement(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private void effects(TraceStep s) {
        for (int c = 0; c < s.changedCount(); c++) {
            line.append(header.registers().lowerName(s.changedRegister(c))).append('=');
            Hex.number(line, s.changedValue(c));
            line.append(' ');
        }
        for (int a = 0; a < s.accessCount(); a++) {
            if (s.isWrite(a)) {
                line.append('[');
                Hex.number(line, s.accessAddress(a));
                line.append("]<-");
                Hex.number(line, s.accessValue(a));
                line.append('/').append(s.accessSize(a)).append(' ');
            }
        }
    }

    /**
     * Ends a stretch of steps, such as one stepping command: a loop folded so far is summed up
     * now, and the next step starts a fresh window, so its loop shows its first iterations again.
     */
    public void pause() {
        if (folder != null) {
            flushFold();
            folder.newWindow();
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushFold() {
        if (!folder.hasFolded()) {
            return;
        }
        String label = header.labelAt(folder.loopHead());
        write(String.format("          ... %,d more iteration%s of the loop %s (%,d instructions)%n",
                folder.iterations(), folder.iterations() == 1 ? "" : "s",
                label == null ? "here" : "in " + label, folder.foldedSteps()));
        folder.clear();
    }

    private void padTo(int column) {
        while (line.length() < column) {
            line.append(' ');
        }
    }

    @Override
    public void finish(String outcome) {
        if (folder != null) {
            flushFold();
        }
        write("# " + outcome + System.lineSeparator());
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
