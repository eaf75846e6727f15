package org.kexeclab.asm;

/**
 * A mistake in assembly source: unknown mnemonic, operand out of range, undefined label,
 * bad directive. The message reads {@code file:line:col: what is wrong: `offending text`}.
 */
public class AssemblyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SourceLocation location;
    private final String problem;
    private final String text;

    public AssemblyException(SourceLocation location, String problem, String text) {
        super(location + ": " + problem + (text == null || text.isEmpty() ? "" : ": `" + text + "`"));
        this.location = location;
        this.problem = problem;
        this.text = text;
    }

    /** Where the mistake is. */
    public SourceLocation location() {
        return location;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    /** The offending source text (the instruction, operand or directive). */
    public String text() {
        return text;
    }
}
