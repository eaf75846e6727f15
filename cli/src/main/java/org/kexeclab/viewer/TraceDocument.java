package org.kexeclab.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kexeclab.Arch;
import org.kexeclab.asm.Listing;
import org.kexeclab.image.ListDescription;
import org.kexeclab.image.ListEntry;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.trace.TraceLeg;
import org.kexeclab.trace.TraceRegisters;

/**
 * The trace viewer's page for one recording: a JSON header (the machine, the programs with
 * their source and listing, the list in words, the segments, every classified page) and the
 * recorded columns as blobs ({@link StepLog}'s streams and {@code memory}, the first snapshot
 * of the pages), written by {@link ViewerPage} with the viewer's scripts.
 *
 * <p>{@code memory} holds, per page of the {@code pages} blob in order, one byte (0 all
 * zero, 1 its bytes follow, 2 not kept) and, for 1, the page's bytes. The file keeps at most
 * {@link #PAGE_BYTES_KEPT} bytes of pages that are not all zero, the machine's own pages
 * first, then the source pages, then the destination pages.
 */
final class TraceDocument {
    /** Most bytes of non-zero page contents one page keeps: 16 MiB. */
    static final long PAGE_BYTES_KEPT = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte ZERO = 0;
    private static final byte BYTES = 1;
    private static final byte NOT_KEPT = 2;

    private final KexecRun run;
    private final List<Program> programs;
    private final List<TraceLeg> legs;
    private final PageRoles roles;
    private final TraceRegisters registers;
    private final RunRecorder recorder;
    private final StepLog log;
    private final MemorySnapshot snapshot;
    private final boolean folded;
    private final List<PageRoles.Page> pages;
    private final Set<Long> kept;

    TraceDocument(KexecRun run, List<Program> programs, List<TraceLeg> legs, PageRoles roles,
            TraceRegisters registers, RunRecorder recorder, StepLog log, MemorySnapshot snapshot, boolean folded) {
        this.run = run;
        this.programs = programs;
        this.legs = legs;
        this.roles = roles;
        this.registers = registers;
        this.recorder = recorder;
        this.log = log;
        this.snapshot = snapshot;
        this.folded = folded;
        this.pages = roles.pages();
        this.kept = keptPages();
    }

    /** The non-zero pages the file keeps the bytes of, within {@link #PAGE_BYTES_KEPT}. */
    private Set<Long> keptPages() {
        List<PageRoles.Page> byPriority = new ArrayList<>(pages);
        byPriority.sort(Comparator.comparingInt(TraceDocument::priority));
        Set<Long> out = new HashSet<>();
        long bytes = 0;
        for (PageRoles.Page p : byPriority) {
            if (snapshot.isZero(p.number())) {
                continue;
            }
            if (bytes + roles.pageSize() > PAGE_BYTES_KEPT) {
                break;
            }
            bytes += roles.pageSize();
            out.add(p.number());
        }
        return out;
    }

    private static int priority(PageRoles.Page p) {
        return switch (p.role()) {
            case CONTROL, INDIRECTION, SWAP, RESERVED -> 0;
            case SOURCE -> 1;
            case DESTINATION -> 2;
        };
    }

    /** What the file leaves out, one sentence each. */
    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (log.foldCount() > 0) {
            notes.add(String.format(Locale.ROOT, "Loops are folded: the run takes more than %,d instructions, so within "
                    + "each list entry's work every instruction is kept its first %d times and the rest of each loop is "
                    + "one step (%,d loops folded, %,d instructions); trace with --no-fold to keep every step.",
                    TraceRecording.KEEP_EVERY_STEP_UP_TO, TraceRecording.FOLD_SHOWN, log.foldCount(),
                    log.foldedInstructions()));
        }
        long left = 0;
        for (PageRoles.Page p : pages) {
            left += !snapshot.isZero(p.number()) && !kept.contains(p.number()) ? 1 : 0;
        }
        if (left > 0) {
            notes.add(String.format(Locale.ROOT, "The first contents of %,d pages (%s) are not in this file, which keeps "
                    + "%d MiB of page contents: their hex view shows only the bytes the run wrote.", left,
                    mib(left * roles.pageSize()), PAGE_BYTES_KEPT >> 20));
        }
        return notes;
    }

    /** The page for {@code description}. */
    ViewerPage page(RunDescription description) {
        ViewerPage page = new ViewerPage("viewer.html", List.of("viewer.css"),
                List.of("decode.js", "state.js", "source.js", "panes.js", "memorymap.js", "steplist.js", "viewer.js"));
        page.title(description.title()).header(header(description)).noscript(noscript(description));
        page.blob("rows", log.rows.toByteArray()).blob("pcs", log.pcs.toByteArray())
                .blob("regs", log.regs.toByteArray()).blob("writes", log.writes.toByteArray())
                .blob("literals", log.literals.toByteArray()).blob("entries", log.entries.toByteArray())
                .blob("folds", log.folds.toByteArray()).blob("memory", memory())
                .blob("list", list(run.loaded().description())).blob("pages", pageTable());
        return page;
    }

    private byte[] memory() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (PageRoles.Page p : pages) {
            if (snapshot.isZero(p.number())) {
                out.write(ZERO);
            } else if (kept.contains(p.number())) {
                out.write(BYTES);
                out.writeBytes(snapshot.bytes(p.number()));
            } else {
                out.write(NOT_KEPT);
            }
        }
        return out.toByteArray();
    }

    private String header(RunDescription d) {
        LoadedImage loaded = run.loaded();
        Arch arch = loaded.image().arch();
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "kexec-lab trace viewer 1");
        h.put("title", d.title());
        h.put("image", d.image());
        h.put("outcome", d.outcome());
        h.put("command", d.command());
        h.put("arch", arch.name());
        h.put("engine", run.cpu().engineName());
        h.put("wordSize", arch.wordSize());
        h.put("pageSize", roles.pageSize());
        h.put("bigEndian", arch.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN);
        h.put("entry", loaded.image().entry());
        h.put("steps", log.steps());
        h.put("instructions", log.instructions());
        h.put("endPc", recorder.endPc());
        h.put("limitReached", recorder.limitReached());
        h.put("folded", folded);
        ArrayNode notes = h.putArray("notes");
        notes().forEach(notes::add);
        ArrayNode names = h.putArray("registers");
        ArrayNode initial = h.putArray("initial");
        long[] init = recorder.initialRegisters();
        for (int i = 0; i < registers.size(); i++) {
            names.add(registers.name(i));
            initial.add(Long.toHexString(init[i]));
        }
        programs(h.putArray("programs"));
        legs(h.putArray("legs"));
        ObjectNode list = h.putObject("list");
        list.put("head", loaded.description().describeHead());
        list.put("entries", loaded.description().size());
        ArrayNode kinds = list.putArray("kinds");
        for (org.kexeclab.image.EntryKind k : org.kexeclab.image.EntryKind.values()) {
            kinds.add(k.name());
        }
        segments(h.putArray("segments"), loaded, d.labels());
        ArrayNode roleNames = h.putArray("roles");
        for (PageRoles.Role r : PageRoles.Role.values()) {
            roleNames.add(r.name().toLowerCase(Locale.ROOT));
        }
        h.put("pages", pages.size());
        try {
            return JSON.writeValueAsString(h);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void programs(ArrayNode out) {
        for (Program p : programs) {
            ObjectNode n = out.addObject();
            n.put("role", p.role());
            n.put("file", p.file());
            n.put("origin", p.stub().origin());
            n.put("size", p.stub().size());
            n.put("source", p.stub().source());
            ArrayNode labels = n.putArray("labels");
            long lo = p.stub().origin();
            long hi = lo + p.stub().size();
            new TreeMap<>(p.stub().symbols()).entrySet().stream()
                    .filter(e -> !e.getKey().startsWith(".") && e.getValue() >= lo && e.getValue() < hi)
                    .sorted(Map.Entry.comparingByValue())
                    .forEach(e -> labels.addArray().add(e.getValue()).add(e.getKey()));
            ArrayNode rows = n.putArray("rows");
            Listing l = p.stub().listing();
            for (int i = 0; i < l.size(); i++) {
                rows.addArray().add(l.address(i)).add(l.length(i)).add(l.location(i).line()).add(l.text(i).strip());
            }
        }
    }

    /**
     * The legs: per leg its name, source file, origin, where it ends ({@code until},
     * {@code untilName}), the whole of it in words as {@code trace}'s text header puts it, the
     * index of the program that runs it and the step it starts at (-1: not recorded).
     */
    private void legs(ArrayNode out) {
        for (TraceLeg leg : legs) {
            out.addObject().put("name", leg.name()).put("file", leg.file()).put("origin", leg.code().origin())
                    .put("until", leg.until()).put("untilName", leg.untilName()).put("describe", leg.describe())
                    .put("program", programOf(programs, leg)).put("start", legStart(programs, leg, recorder));
        }
    }

    /** The index of the program whose code runs {@code leg} (the one assembled at its origin), or -1. */
    static int programOf(List<Program> programs, TraceLeg leg) {
        for (int i = 0; i < programs.size(); i++) {
            if (programs.get(i).stub().origin() == leg.code().origin()) {
                return i;
            }
        }
        return -1;
    }

    /** The first recorded step of {@code leg}'s program, or -1. */
    static long legStart(List<Program> programs, TraceLeg leg, RunRecorder recorder) {
        int p = programOf(programs, leg);
        return p < 0 ? -1 : recorder.firstStep(p);
    }

    /**
     * The list as the {@code list} blob: per entry its kind (the index into the header's
     * {@code kinds}), the change of its list address from the previous entry's, the address it
     * carries, segment + 1, page + 1, the segment's page count, destination + 1 and its raw value.
     */
    private static byte[] list(ListDescription list) {
        VarintStream out = new VarintStream();
        long previous = 0;
        for (int n = 0; n < list.size(); n++) {
            ListEntry e = list.entry(n);
            out.unsigned(e.kind().ordinal());
            out.signed(e.listAddress() - previous);
            previous = e.listAddress();
            out.unsigned(e.address());
            out.unsigned(e.segment() + 1L);
            out.unsigned(e.page() + 1L);
            out.unsigned(e.pagesInSegment());
            out.unsigned(e.destination() + 1);
            out.unsigned(e.value());
        }
        return out.toByteArray();
    }

    /** The classified pages as the {@code pages} blob: per page the change of its number, role, segment + 1, index + 1. */
    private byte[] pageTable() {
        VarintStream out = new VarintStream();
        long previous = 0;
        for (PageRoles.Page p : pages) {
            out.unsigned(p.number() - previous);
            previous = p.number();
            out.unsigned(p.role().ordinal());
            out.unsigned(p.segment() + 1L);
            out.unsigned(p.index() + 1L);
        }
        return out.toByteArray();
    }

    private static void segments(ArrayNode out, LoadedImage loaded, List<String> labels) {
        List<Segment> segs = loaded.image().segments();
        for (int s = 0; s < segs.size(); s++) {
            out.addObject().put("mem", segs.get(s).mem()).put("memsz", segs.get(s).memsz())
                    .put("bufsz", segs.get(s).bufsz()).put("pages", loaded.pageCount(s))
                    .put("label", s < labels.size() ? labels.get(s) : "");
        }
    }

    private String noscript(RunDescription d) {
        LoadedImage loaded = run.loaded();
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(Html.escape(d.title())).append("</h1>\n");
        b.append("<p>This page is the trace viewer of kexec-lab; it needs JavaScript to show the run step by step. "
                + "In short:</p>\n<ul>\n");
        item(b, "Machine", loaded.image().arch().name() + " on " + run.cpu().engineName());
        item(b, "Image", d.image());
        item(b, "Outcome", d.outcome());
        item(b, "Recorded", String.format(Locale.ROOT, "%,d steps (%,d instructions) in %s", log.steps(),
                log.instructions(), programs.stream().map(Program::file).toList()));
        if (legs.size() > 1) {
            for (int i = 0; i < legs.size(); i++) {
                long start = legStart(programs, legs.get(i), recorder);
                item(b, "Leg " + (i + 1) + " of " + legs.size(), legs.get(i).describe()
                        + (start < 0 ? ", not recorded" : String.format(Locale.ROOT, ", from step %,d", start)));
            }
        }
        item(b, "List", loaded.description().describeHead() + String.format(Locale.ROOT, "; %,d entries",
                loaded.description().size()));
        for (int s = 0; s < loaded.image().segments().size(); s++) {
            Segment seg = loaded.image().segments().get(s);
            String label = s < d.labels().size() ? " (" + d.labels().get(s) + ")" : "";
            item(b, "Segment " + s + label, String.format(Locale.ROOT, "destination 0x%x, %,d bytes in memory, %,d pages",
                    seg.mem(), seg.memsz(), loaded.pageCount(s)));
        }
        for (String n : notes()) {
            item(b, "Note", n);
        }
        item(b, "Made with", d.command());
        b.append("</ul>\n");
        return b.toString();
    }

    private static void item(StringBuilder b, String what, String text) {
        b.append("<li><b>").append(Html.escape(what)).append(":</b> ").append(Html.escape(text)).append("</li>\n");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
