package org.kexeclab.engine.unicorn;

import java.nio.ByteBuffer;

/** What a {@link FetchGuard} may do on its CPU while Unicorn translates. */
public interface FetchGuardContext {

    /** True if the guest mapped the page of {@code address} executable. */
    boolean isExecutable(long address);

    /** Drops the translated blocks of {@code [from, to)} so no run enters them untranslated. */
    void forget(long from, long to);

    /** A scratch buffer in native memory ({@value #BUFFER_SIZE} bytes) that {@link #read} fills. */
    ByteBuffer buffer();

    /** Reads {@code length} (at most {@value #BUFFER_SIZE}) guest bytes at {@code address} into {@link #buffer()}; false if unreadable. */
    boolean read(long address, int length);

    /** Asks the engine to stop the run ({@code uc_emu_stop}). */
    void stop();

    /** Bytes of {@link #buffer()}. */
    int BUFFER_SIZE = 32;
}
