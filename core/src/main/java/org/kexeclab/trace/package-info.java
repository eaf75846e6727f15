/**
 * Per-instruction traces of the relocation stub. A {@link org.kexeclab.trace.Tracer} attaches
 * code and memory hooks to a prepared CPU (it never touches {@code KexecRun}'s measured path,
 * which stays hook-free) and feeds a {@link org.kexeclab.trace.TraceSink} one reused
 * {@link org.kexeclab.trace.TraceStep} per executed instruction. Sinks: the human
 * {@link org.kexeclab.trace.TextTraceSink} (source lines, walk narration, folded loops) and
 * {@link org.kexeclab.trace.TenetTraceSink} (the Tenet trace explorer's text format); the CLI
 * adds JSON Lines.
 */
package org.kexeclab.trace;
