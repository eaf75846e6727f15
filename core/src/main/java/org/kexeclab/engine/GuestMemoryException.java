package org.kexeclab.engine;

/** An access to guest memory that is not mapped (or not permitted), naming the address. */
public class GuestMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long address;

    public GuestMemoryException(long address, String message) {
        super(message);
        this.address = address;
    }

    /** The first guest address that could not be accessed. */
    public long address() {
        return address;
    }
}
