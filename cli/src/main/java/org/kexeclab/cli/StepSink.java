package org.kexeclab.cli;

import org.kexeclab.image.ListEntry;
import org.kexeclab.trace.TextTraceSink;
import org.kexeclab.trace.TraceHeader;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.TraceStep;

/**
 * The stepper's view of the trace: prints a step when echo is on (through the text sink, loops
 * folded after their first iterations as {@code trace} folds them) and remembers what the
 * stepper asks about: the list entry last loaded and whether the last step loaded one.
 */
final class StepSink implements TraceSink {
    private final TextTraceSink text;
    boolean echo;
    TraceHeader header;
    int lastEntry = -1;
    boolean loadedEntry;
    long steps;

    StepSink(TextTraceSink text) {
        this.text = text;
    }

    @Override
    public void start(TraceHeader h) {
        header = h;
        text.start(h);
    }

    /** The next leg's code (the purgatory): its boundary line is always shown. */
    @Override
    public void leg(TraceHeader h) {
        header = h;
        text.leg(h);
    }

    @Override
    public void step(TraceStep s) {
        steps++;
        loadedEntry = s.listEntry() >= 0 && s.listEntry() != lastEntry;
        if (s.listEntry() >= 0) {
            lastEntry = s.listEntry();
        }
        if (echo || loadedEntry) {
            text.step(s);
        }
    }

    /** The end of one stepping command: a folded loop is summed up, and the next command starts unfolded. */
    void pause() {
        text.pause();
    }

    /** The entry last loaded, or null. */
    ListEntry entry() {
        return lastEntry < 0 ? null : header.list().entry(lastEntry);
    }

    @Override
    public void finish(String outcome) {
        text.finish(outcome);
    }
}
