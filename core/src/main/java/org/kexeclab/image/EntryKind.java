package org.kexeclab.image;

/**
 * What an indirection-list entry says, by its flag bits ({@code IND_*} in
 * {@code include/linux/kexec.h}). {@link #of} decides in the kernel's test order:
 * DESTINATION, INDIRECTION, DONE, SOURCE; an entry with none of the bits is {@link #NONE}
 * (skipped by the walk).
 */
public enum EntryKind {
    /** {@code IND_DESTINATION} (0x1): the current destination becomes this address. */
    DESTINATION(0x1),
    /** {@code IND_INDIRECTION} (0x2): continue reading entries from the page at this address. */
    INDIRECTION(0x2),
    /** {@code IND_DONE} (0x4): end of the list. */
    DONE(0x4),
    /** {@code IND_SOURCE} (0x8): copy this page to the current destination, then advance it a page. */
    SOURCE(0x8),
    /** No flag bit: the walk skips the entry. */
    NONE(0x0);

    private final int flag;

    EntryKind(int flag) {
        this.flag = flag;
    }

    /** The flag bit ({@code IND_*} value); 0 for {@link #NONE}. */
    public int flag() {
        return flag;
    }

    /** The kind of {@code entry}, testing DESTINATION, INDIRECTION, DONE, SOURCE in that order. */
    public static EntryKind of(long entry) {
        if ((entry & 0x1) != 0) {
            return DESTINATION;
        }
        if ((entry & 0x2) != 0) {
            return INDIRECTION;
        }
        if ((entry & 0x4) != 0) {
            return DONE;
        }
        if ((entry & 0x8) != 0) {
            return SOURCE;
        }
        return NONE;
    }
}
