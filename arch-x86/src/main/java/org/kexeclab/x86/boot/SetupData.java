package org.kexeclab.x86.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code setup_data} node kexec-tools adds to every bzImage load
 * ({@code setup_rng_seed()}): {@code struct setup_data} {@code {next = 0, type =
 * SETUP_RNG_SEED (9), len = 32}} followed by 32 bytes of seed, in a segment of its own that
 * the zero page's {@code setup_data} (0x250) points at. The kernel mixes the seed into its
 * entropy pool early. kexec-tools takes the bytes from {@code getrandom()}; kexec-lab derives
 * them from the command line (SHA-256), so a load plans the same bytes every time.
 */
final class SetupData {
    /** The segment's label. */
    static final String LABEL = "setup_data (RNG seed)";
    /** {@code SETUP_RNG_SEED} in arch/x86/include/uapi/asm/bootparam.h. */
    static final int SETUP_RNG_SEED = 9;
    /** {@code sizeof(struct setup_data)}: next, type, len. */
    static final int HEADER = 16;
    static final int SEED_BYTES = 32;

    private SetupData() {
    }

    /** The 48-byte node with its seed, {@code next} 0 (the last and only node). */
    static byte[] rngSeed(String cmdline) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + SEED_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0).putInt(SETUP_RNG_SEED).putInt(SEED_BYTES);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("kexec-lab setup_data RNG seed\0".getBytes(StandardCharsets.US_ASCII));
            b.put(sha.digest(cmdline.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return b.array();
    }
}
