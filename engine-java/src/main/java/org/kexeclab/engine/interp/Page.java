package org.kexeclab.engine.interp;

/** One mapped 4 KiB guest page: its bytes and its {@link org.kexeclab.engine.Perm} bits. */
final class Page {
    final byte[] data = new byte[GuestBus.PAGE_SIZE];
    int perms;

    Page(int perms) {
        this.perms = perms;
    }
}
