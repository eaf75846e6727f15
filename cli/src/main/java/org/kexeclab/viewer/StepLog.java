package org.kexeclab.viewer;

import java.util.List;
import org.kexeclab.engine.GuestMemory;

/**
 * The recorded steps in the viewer's compact form, one column per kind of fact, each a stream
 * of LEB128 numbers ({@link VarintStream}) the page decodes:
 * <ul>
 * <li>{@code rows}: per step, the change of (row + 1) from the previous step's (row 0 means
 *     "outside every program", and the pc then follows in {@code pcs});</li>
 * <li>{@code regs}: per step, the number of followed registers it changed, then per change the
 *     register's index and the change of its value (modulo 2^64);</li>
 * <li>{@code writes}: per step, the number of written ranges (none crosses a page), then per
 *     range its distance from the previous range's end, its length, and 0 (its bytes follow in
 *     {@code literals}) or 1 (its bytes are those the first snapshot holds at an address, given
 *     as the distance from the previous such address's end);</li>
 * <li>{@code entries}: per list entry the stub read for the first time, the distance in steps
 *     from the previous one and the entry's number;</li>
 * <li>{@code folds}: per folded loop (a step that stands for many), the distance in steps from
 *     the previous fold, the instructions and loop iterations it stands for, and how often each
 *     row ran in it.</li>
 * </ul>
 * The bytes of a write are read from guest memory when the step is logged, so they are what the
 * step left there.
 */
final class StepLog {
    final VarintStream rows = new VarintStream();
    final VarintStream pcs = new VarintStream();
    final VarintStream regs = new VarintStream();
    final VarintStream writes = new VarintStream();
    final VarintStream literals = new VarintStream();
    final VarintStream entries = new VarintStream();
    final VarintStream folds = new VarintStream();

    private final GuestMemory memory;
    private final MemorySnapshot snapshot;
    private final int pageSize;
    private byte[] buffer = new byte[4096];
    private long steps;
    private long instructions;
    private long foldedSteps;
    private long foldCount;
    private long previousRow;
    private long previousWriteEnd;
    private long previousCopyEnd;
    private long previousEntryStep;
    private long previousFoldStep;

    StepLog(GuestMemory memory, MemorySnapshot snapshot, int pageSize) {
        this.memory = memory;
        this.snapshot = snapshot;
        this.pageSize = pageSize;
    }

    /**
     * Logs one executed instruction.
     *
     * @param row        its row ({@link ProgramMap}), or -1
     * @param pc         its address
     * @param before     the followed registers before it
     * @param after      the followed registers after it
     * @param written    the bytes it stored
     * @param loads      where it and the steps just before it loaded from, to recognise copies
     * @param entry      the list entry it read for the first time, or -1
     */
    void step(int row, long pc, long[] before, long[] after, AccessRanges written, List<AccessRanges> loads,
            int entry) {
        emit(row, pc, before, after, written, loads, entry);
        instructions++;
    }

    /**
     * Logs a folded loop as one step: {@code instructions} instructions, {@code iterations} of
     * them the loop's first instruction, {@code rowCounts[r]} executions of row {@code r}.
     */
    void fold(int row, long pc, long[] before, long[] after, AccessRanges written, List<AccessRanges> loads,
            int entry, long instructionsFolded, long iterations, long[] rowCounts) {
        folds.unsigned(steps - previousFoldStep);
        previousFoldStep = steps;
        folds.unsigned(instructionsFolded);
        folds.unsigned(iterations);
        int used = 0;
        for (long c : rowCounts) {
            used += c != 0 ? 1 : 0;
        }
        folds.unsigned(used);
        for (int r = 0; r < rowCounts.length; r++) {
            if (rowCounts[r] != 0) {
                folds.unsigned(r);
                folds.unsigned(rowCounts[r]);
            }
        }
        foldCount++;
        foldedSteps += instructionsFolded;
        emit(row, pc, before, after, written, loads, entry);
        instructions += instructionsFolded;
    }

    private void emit(int row, long pc, long[] before, long[] after, AccessRanges written, List<AccessRanges> loads,
            int entry) {
        rows.signed(row + 1 - previousRow);
        previousRow = row + 1;
        if (row < 0) {
            pcs.unsigned(pc);
        }
        int changed = 0;
        for (int i = 0; i < after.length; i++) {
            changed += after[i] != before[i] ? 1 : 0;
        }
        regs.unsigned(changed);
        for (int i = 0; i < after.length; i++) {
            if (after[i] != before[i]) {
                regs.unsigned(i);
                regs.signed(after[i] - before[i]);
            }
        }
        logWrites(written, loads);
        if (entry >= 0) {
            entries.unsigned(steps - previousEntryStep);
            entries.unsigned(entry);
            previousEntryStep = steps;
        }
        steps++;
    }

    private void logWrites(AccessRanges written, List<AccessRanges> loads) {
        written.normalize();
        int pieces = 0;
        for (int i = 0; i < written.count(); i++) {
            pieces += piecesOf(written.start(i), written.end(i));
        }
        writes.unsigned(pieces);
        for (int i = 0; i < written.count(); i++) {
            long start = written.start(i);
            long end = written.end(i);
            for (long a = start; Long.compareUnsigned(a, end) < 0; ) {
                long pageEnd = (a / pageSize + 1) * pageSize;
                long pieceEnd = Long.compareUnsigned(pageEnd, end) < 0 ? pageEnd : end;
                logPiece(a, (int) (pieceEnd - a), start, end, loads);
                a = pieceEnd;
            }
        }
    }

    private int piecesOf(long start, long end) {
        return (int) ((end - 1) / pageSize - start / pageSize + 1);
    }

    /** One written piece of range [rangeStart, rangeEnd): its bytes, or where they were copied from. */
    private void logPiece(long address, int len, long rangeStart, long rangeEnd, List<AccessRanges> loads) {
        if (buffer.length < len) {
            buffer = new byte[len];
        }
        memory.read(address, buffer, 0, len);
        writes.signed(address - previousWriteEnd);
        writes.unsigned(len);
        previousWriteEnd = address + len;
        long from = copiedFrom(address, len, rangeStart, rangeEnd, loads);
        if (from == -1) {
            writes.unsigned(0);
            literals.raw(buffer, 0, len);
        } else {
            writes.unsigned(1);
            writes.signed(from - previousCopyEnd);
            previousCopyEnd = from + len;
        }
    }

    /**
     * An address whose first-snapshot bytes equal the piece's: a load range lined up with the
     * written range at its start or at its end, or -1. Any match is a true statement about the
     * bytes, so the page can rebuild them from it whatever the instruction did.
     */
    private long copiedFrom(long address, int len, long rangeStart, long rangeEnd, List<AccessRanges> loads) {
        for (AccessRanges ranges : loads) {
            for (int i = 0; i < ranges.count(); i++) {
                long s = ranges.start(i);
                long e = ranges.end(i);
                long[] bases = {s, e - (rangeEnd - rangeStart)};
                for (long base : bases) {
                    long b = base + (address - rangeStart);
                    if (b >= s && b + len <= e && snapshot.matches(b, buffer, 0, len)) {
                        return b;
                    }
                }
            }
        }
        return -1;
    }

    /** Steps logged (a folded loop counts one). */
    long steps() {
        return steps;
    }

    /** Instructions the logged steps stand for. */
    long instructions() {
        return instructions;
    }

    /** Folded loops logged. */
    long foldCount() {
        return foldCount;
    }

    /** Instructions inside folded loops. */
    long foldedInstructions() {
        return foldedSteps;
    }
}
