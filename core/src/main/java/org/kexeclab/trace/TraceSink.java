package org.kexeclab.trace;

/**
 * Receives a trace as it happens. {@link #start} once, {@link #step} once per executed
 * stub instruction (the same {@link TraceStep} object every time, refilled), {@link #finish}
 * once. Implementations write text, JSON Lines or Tenet's format; they should not allocate
 * per step where they can avoid it.
 */
public interface TraceSink {
    /** Called before the first traced step. */
    void start(TraceHeader header);

    /** One executed instruction; {@code step} is only valid during this call. */
    void step(TraceStep step);

    /**
     * Called once after the last step: {@code outcome} is one sentence on how the run ended
     * (verified, the failure, or that the step limit was reached).
     */
    void finish(String outcome);
}
