package org.kexeclab.trace;

import org.kexeclab.image.EntryKind;
import org.kexeclab.image.ListEntry;

/**
 * Follows the walk of the indirection list through a trace: which entry the stub just
 * loaded (once per entry, however often the stub loads it) and how many pages it has
 * reached, so a sink can say "entry 3 ...: SOURCE ..., page 2 of 5 in all".
 */
public final class WalkNarrator {
    private int lastEntry = -1;
    private long sourcesSeen;

    /** The entry {@code s} loaded for the first time, or null. */
    public ListEntry read(TraceHeader header, TraceStep s) {
        int n = s.listEntry();
        if (n < 0 || n == lastEntry) {
            return null;
        }
        lastEntry = n;
        ListEntry e = header.list().entry(n);
        if (e.kind() == EntryKind.SOURCE) {
            sourcesSeen++;
        }
        return e;
    }

    /** Source pages reached so far. */
    public long sourcesSeen() {
        return sourcesSeen;
    }

    /** The entry in plain words, with the running page count for SOURCE entries. */
    public String describe(TraceHeader header, ListEntry e) {
        String d = e.describe();
        return e.kind() == EntryKind.SOURCE
                ? d + "; page " + sourcesSeen + " of " + header.pagesToCopy() + " to copy" : d;
    }
}
