package org.kexeclab.trace;

/**
 * Receives a trace as it happens. {@link #start} once, {@link #step} once per executed
 * instruction (the same {@link TraceStep} object every time, refilled), {@link #leg} between
 * the legs of a run that has more than one, {@link #finish} once. Implementations write text,
 * JSON Lines or Tenet's format; they should not allocate per step where they can avoid it.
 */
public interface TraceSink {
    /** Called before the first traced step. */
    void start(TraceHeader header);

    /**
     * Called when the run passes into its next leg (from the relocation stub into the
     * purgatory), before that leg's first step: {@code header} gives the new leg's code, whose
     * listing the following steps index, and the registers as they stand. A format with no
     * place for a boundary keeps the default, which does nothing: its steps simply go on.
     */
    default void leg(TraceHeader header) {
    }

    /** One executed instruction; {@code step} is only valid during this call. */
    void step(TraceStep step);

    /**
     * Called once after the last step: {@code outcome} is one sentence on how the run ended
     * (verified, the failure, or that the step limit was reached).
     */
    void finish(String outcome);
}
