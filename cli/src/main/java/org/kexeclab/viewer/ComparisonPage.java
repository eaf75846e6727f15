package org.kexeclab.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;

/**
 * {@code compare --format html}: the architectures side by side on the same image, one column
 * each, lined up page copy by page copy. A column holds the stub's source with, for the page
 * the timeline stands on, how often each line ran while copying it ({@link PageCounter}), the
 * steps that page took and the run's own totals.
 */
public final class ComparisonPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One column: a run with its page counts, or a combination that could not run and why. */
    private record Column(String label, String engine, Stub stub, KexecOutcome outcome, String sentence,
                          byte[] counts, long windows, long steps, String reason) {
    }

    private final List<Column> columns = new ArrayList<>();

    /**
     * Runs {@code run} with its page copies counted and adds it as a column.
     *
     * @param label    the column's name: the architecture's, or {@code ENGINE:ARCH} with several engines
     * @param sentence how to say the outcome in one sentence
     */
    public KexecOutcome addRun(String label, KexecRun run, Function<KexecOutcome, String> sentence) {
        try (PageCounter counter = PageCounter.attach(run.cpu(), run.launch().stub())) {
            KexecOutcome o = run.execute();
            counter.finish();
            columns.add(new Column(label, run.cpu().engineName(), run.launch().stub(), o, sentence.apply(o),
                    counter.counts(), counter.windows(), counter.steps(), null));
            return o;
        }
    }

    /** Adds a column for a combination that could not run, with the reason in one sentence. */
    public void addUnrunnable(String label, String reason) {
        columns.add(new Column(label, null, null, null, null, new byte[0], 0, 0, reason));
    }

    /**
     * Writes the page.
     *
     * @param title   the page title
     * @param image   the image in words
     * @param command the command line that made it
     */
    public void write(Writer out, String title, String image, String command) throws IOException {
        ViewerPage page = new ViewerPage("compare.html", List.of("viewer.css", "compare.css"),
                List.of("decode.js", "compare.js"));
        page.title(title).header(header(title, image, command)).noscript(noscript(title, image, command));
        for (int i = 0; i < columns.size(); i++) {
            page.blob("counts-" + i, columns.get(i).counts());
        }
        page.write(out);
    }

    private String header(String title, String image, String command) {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "kexec-lab compare viewer 1");
        h.put("title", title);
        h.put("image", image);
        h.put("command", command);
        ArrayNode cols = h.putArray("columns");
        for (Column c : columns) {
            ObjectNode n = cols.addObject();
            n.put("label", c.label());
            if (c.reason() != null) {
                n.put("reason", c.reason());
                continue;
            }
            n.put("engine", c.engine());
            n.put("file", new Program(Program.STUB, c.stub()).file());
            n.put("source", c.stub().source());
            n.put("outcome", c.sentence());
            n.put("verified", c.outcome().verified());
            n.put("instructions", c.outcome().instructions());
            n.put("pagesCopied", c.outcome().pagesCopied());
            n.put("windows", c.windows());
            n.put("steps", c.steps());
            ArrayNode lines = n.putArray("lines");
            Listing l = c.stub().listing();
            for (int i = 0; i < l.size(); i++) {
                lines.add(l.location(i).line());
            }
        }
        try {
            return JSON.writeValueAsString(h);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String noscript(String title, String image, String command) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(Html.escape(image))
                .append(". This page is kexec-lab's comparison viewer; it needs JavaScript to line the "
                        + "architectures up page by page. In short:</p>\n<ul>\n");
        for (Column c : columns) {
            String text = c.reason() != null ? c.reason()
                    : String.format(Locale.ROOT, "%s on %s: %s (%,d steps traced)", c.label(), c.engine(), c.sentence(),
                            c.steps());
            b.append("<li>").append(Html.escape(text)).append("</li>\n");
        }
        b.append("<li>Made with: ").append(Html.escape(command)).append("</li>\n</ul>\n");
        return b.toString();
    }
}
