package org.kexeclab.image;

/**
 * One entry of a loaded image's indirection list, explained: where it is, what it says,
 * and which segment page it serves.
 *
 * @param index          entry number in walk order (0 = first slot of the first indirection page)
 * @param listAddress    guest address of the entry
 * @param value          raw entry
 * @param kind           what the entry says
 * @param address        the page address the entry carries (flags masked off)
 * @param segment        segment index it serves, or -1 (links, DONE)
 * @param page           page index within that segment (SOURCE), or -1
 * @param pagesInSegment pages of that segment, or 0
 * @param destination    the destination page (SOURCE) or new destination (DESTINATION), else -1
 */
public record ListEntry(int index, long listAddress, long value, EntryKind kind, long address,
        int segment, int page, int pagesInSegment, long destination) {

    /**
     * One plain sentence, e.g. {@code entry 7 at 0x5a038: SOURCE page 0x3a000 -> destination
     * 0x1003000, page 3 of 5 of segment 1} (pages and segments counted from 0).
     */
    public String describe() {
        String at = String.format("entry %d at 0x%x: ", index, listAddress);
        switch (kind) {
            case SOURCE:
                return at + String.format("SOURCE page 0x%x -> destination 0x%x, page %d of %d of segment %d%s",
                        address, destination, page, pagesInSegment, segment,
                        address == destination ? " (already in place)" : "");
            case DESTINATION:
                return at + String.format("DESTINATION 0x%x, start of segment %d (%d pages)",
                        address, segment, pagesInSegment);
            case INDIRECTION:
                return at + String.format("INDIRECTION -> next indirection page 0x%x", address);
            case DONE:
                return at + "DONE, end of the list";
            default:
                return at + String.format("empty (0x%x), skipped", value);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
