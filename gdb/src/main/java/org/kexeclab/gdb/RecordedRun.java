package org.kexeclab.gdb;

import org.kexeclab.arch.Arches;

/**
 * A prepared kexec run forward under the same recording a GDB session keeps (checkpoints of the
 * registers, a journal of the bytes every store replaced) and walked back one instruction at a
 * time: what {@code reverse-stepi} costs, measured without a debugger in between.
 */
public final class RecordedRun implements AutoCloseable {
    private final Timeline timeline;

    /**
     * Starts the recording at the stub's first instruction.
     *
     * @param interval instructions between checkpoints (the most one step back re-executes)
     */
    public RecordedRun(DebuggedKexec kexec, int interval) {
        kexec.stopAtStubStart();
        this.timeline = new Timeline(kexec.run().cpu(), Arches.support(kexec.run().cpu().arch()), new StopPoints(),
                kexec.entry(), kexec.budget(), interval);
    }

    /** The checkpoint interval a GDB session uses. */
    public static int defaultInterval() {
        return Timeline.DEFAULT_INTERVAL;
    }

    /** Runs {@code instructions} further (fewer if the stub ends first); returns the instructions recorded. */
    public long forward(long instructions) {
        timeline.resume(instructions, () -> false);
        return timeline.now();
    }

    /** One instruction back; returns the instructions recorded before the machine's state now. */
    public long stepBack() {
        timeline.stepBack();
        return timeline.now();
    }

    /** Instructions retired since the recording began, up to the machine's state now. */
    public long now() {
        return timeline.now();
    }

    @Override
    public void close() {
        timeline.close();
    }
}
