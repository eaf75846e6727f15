package org.kexeclab.image;

/**
 * An indirection list in guest memory that cannot be walked: no indirection page to read
 * from, or more entries than any image could have (a loop). Names the list address.
 */
public final class MalformedListException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long address;

    /** @param address the list address (or entry value) at fault */
    public MalformedListException(long address, String message) {
        super(message);
        this.address = address;
    }

    /** The list address (or entry value) at fault. */
    public long address() {
        return address;
    }
}
