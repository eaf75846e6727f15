package org.kexeclab.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.kexeclab.engine.GuestMemory;

/**
 * The SHA-256 of every destination byte of a loaded image as guest memory holds it after a
 * run: each segment's {@code [mem, mem + memsz)} in segment order, read a page at a time. Two
 * relocations of the same image that leave the same digest wrote the same destination memory,
 * byte for byte.
 */
public final class DestinationDigest {
    private static final int CHUNK = 1 << 16;

    private DestinationDigest() {
    }

    /** The digest as 64 lower-case hex digits. */
    public static String of(LoadedImage loaded, GuestMemory memory) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        for (Segment s : loaded.image().segments()) {
            for (long at = 0; at < s.memsz(); at += CHUNK) {
                sha.update(memory.read(s.mem() + at, (int) Math.min(CHUNK, s.memsz() - at)));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
