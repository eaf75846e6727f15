package org.kexeclab.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HexFormat;
import org.kexeclab.asm.Listing;
import org.kexeclab.image.ListEntry;
import org.kexeclab.trace.LoopFolder;
import org.kexeclab.trace.TextTraceSink;
import org.kexeclab.trace.TraceHeader;
import org.kexeclab.trace.TraceLeg;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.TraceStep;
import org.kexeclab.trace.WalkNarrator;

/**
 * The trace as JSON Lines, written with Jackson's streaming generator: a {@code trace} header
 * object (with a {@code legs} array when the run has more than one: the stub, then the
 * purgatory), a {@code leg} object where the next leg's steps begin, one object per shown
 * step with the facts of the text trace (step, pc, bytes, source, statement, changed
 * registers, loads, stores, the list entry read), a {@code fold} object where a loop was
 * folded, and an {@code end} object with the outcome.
 */
final class JsonLinesTraceSink implements TraceSink {
    private static final int FOLD_SHOWN = 2;
    private static final HexFormat HEX = HexFormat.of();

    private final JsonGenerator json;
    private final boolean fold;
    private final WalkNarrator narrator = new WalkNarrator();
    private TraceHeader header;
    private LoopFolder folder;

    JsonLinesTraceSink(Writer out, boolean fold) {
        try {
            this.json = OutcomeJson.MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.fold = fold;
    }

    @Override
    public void start(TraceHeader h) {
        header = h;
        folder = new LoopFolder(h.listing().size(), fold ? FOLD_SHOWN : Integer.MAX_VALUE);
        io(() -> {
            json.writeStartObject();
            json.writeObjectFieldStart("trace");
            json.writeStringField("arch", h.arch().name());
            json.writeStringField("stub", h.listing().size() > 0 ? h.listing().location(0).file() : "");
            json.writeNumberField("pagesToCopy", h.pagesToCopy());
            json.writeNumberField("listEntries", h.list().size());
            json.writeStringField("head", h.list().describeHead());
            json.writeObjectFieldStart("registers");
            for (int i = 0; i < h.registers().size(); i++) {
                json.writeStringField(h.registers().lowerName(i), Text.hex(h.initialValue(i)));
            }
            json.writeEndObject();
            if (h.legs().size() > 1) {
                json.writeArrayFieldStart("legs");
                for (int l = 0; l < h.legs().size(); l++) {
                    leg(h.legs().get(l), l);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** A {@code leg} object before the next leg's steps; the steps after it index that leg's code. */
    @Override
    public void leg(TraceHeader h) {
        io(() -> {
            flushFold();
            header = h;
            folder = new LoopFolder(h.listing().size(), fold ? FOLD_SHOWN : Integer.MAX_VALUE);
            json.writeStartObject();
            json.writeFieldName("leg");
            leg(h.leg(), h.legIndex());
            json.writeEndObject();
        });
    }

    private void leg(TraceLeg leg, int index) throws IOException {
        json.writeStartObject();
        json.writeNumberField("number", index + 1);
        json.writeStringField("name", leg.name());
        json.writeStringField("code", leg.file());
        json.writeStringField("origin", Text.hex(leg.code().origin()));
        json.writeStringField("until", Text.hex(leg.until()));
        json.writeStringField("untilName", leg.untilName());
        json.writeEndObject();
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
        io(() -> {
            flushFold();
            json.writeStartObject();
            json.writeNumberField("step", s.index());
            json.writeStringField("pc", Text.hex(s.pc()));
            json.writeStringField("bytes", bytes(s));
            int i = s.listingIndex();
            if (i >= 0) {
                Listing l = header.listing();
                json.writeStringField("source", l.location(i).brief());
                json.writeStringField("statement", TextTraceSink.statement(l.text(i)));
            }
            json.writeObjectFieldStart("registers");
            for (int c = 0; c < s.changedCount(); c++) {
                json.writeStringField(header.registers().lowerName(s.changedRegister(c)), Text.hex(s.changedValue(c)));
            }
            json.writeEndObject();
            accesses(s, false, "loads");
            accesses(s, true, "stores");
            if (entry != null) {
                json.writeObjectFieldStart("entry");
                json.writeNumberField("index", entry.index());
                json.writeStringField("kind", entry.kind().name());
                json.writeStringField("words", narrator.describe(header, entry));
                json.writeEndObject();
            }
            json.writeEndObject();
        });
    }

    private void accesses(TraceStep s, boolean writes, String field) throws IOException {
        json.writeArrayFieldStart(field);
        for (int a = 0; a < s.accessCount(); a++) {
            if (s.isWrite(a) == writes) {
                json.writeStartObject();
                json.writeStringField("address", Text.hex(s.accessAddress(a)));
                json.writeNumberField("size", s.accessSize(a));
                json.writeStringField("value", Text.hex(s.accessValue(a)));
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }

    private String bytes(TraceStep s) {
        Listing l = header.listing();
        int i = s.listingIndex();
        if (i < 0) {
            return "";
        }
        byte[] code = new byte[Math.min(s.size(), l.length(i))];
        for (int k = 0; k < code.length; k++) {
            code[k] = (byte) l.byteAt(i, k);
        }
        return HEX.formatHex(code);
    }

    private void flushFold() throws IOException {
        if (!folder.hasFolded()) {
            return;
        }
        json.writeStartObject();
        json.writeObjectFieldStart("fold");
        json.writeNumberField("iterations", folder.iterations());
        json.writeNumberField("instructions", folder.foldedSteps());
        String label = header.labelAt(folder.loopHead());
        if (label != null) {
            json.writeStringField("loop", label);
        }
        json.writeEndObject();
        json.writeEndObject();
        folder.clear();
    }

    @Override
    public void finish(String outcome) {
        io(() -> {
            if (folder != null) {
                flushFold();
            }
            json.writeStartObject();
            json.writeStringField("end", outcome);
            json.writeEndObject();
            json.writeRaw('\n');
            json.flush();
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
