package org.kexeclab.engine.unicorn;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.kexeclab.engine.GuestMemoryException;

/**
 * Bulk copies between Java and guest memory for one {@link UnicornCpu}. Heap data is staged
 * through a fixed native buffer in chunks (no allocation per call); direct buffers go straight to
 * {@code uc_mem_write/read}. The whole range is checked against the mapped ranges first, so a
 * failing copy names the first unmapped address and writes nothing.
 */
final class GuestTransfer {
    private final UnicornCpu cpu;
    private final MappedRanges mapped;
    private final ByteBuffer staging;
    private final long stagingAddress;

    GuestTransfer(UnicornCpu cpu, MappedRanges mapped, ByteBuffer staging, long stagingAddress) {
        this.cpu = cpu;
        this.mapped = mapped;
        this.staging = staging;
        this.stagingAddress = stagingAddress;
    }

    void write(long h, long address, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        requireMapped(address, len, "write");
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, NativeState.STAGING);
            staging.put(0, src, off + done, n);
            cpu.check(UcNative.uc_mem_write(h, address + done, stagingAddress, n), range("mem_write", address + done, n));
            done += n;
        }
    }

    /**
     * Writes like {@link #write(long, long, byte[], int, int)} and tells {@code translations}
     * only the span whose bytes really change (first to last differing byte): writing back the
     * bytes a block was translated from leaves it valid, so a restore of a page that holds both
     * code and a stack (a kexec control page) keeps the code's translations.
     */
    void writeChanged(long h, long address, byte[] src, int off, int len, TranslationCache translations) {
        Objects.checkFromIndexSize(off, len, src.length);
        requireMapped(address, len, "write");
        long first = -1;
        long last = -1;
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, NativeState.STAGING);
            long at = address + done;
            cpu.check(UcNative.uc_mem_read(h, at, stagingAddress, n), range("mem_read", at, n));
            int from = off + done;
            int i = staging.slice(0, n).mismatch(ByteBuffer.wrap(src, from, n));
            if (i >= 0) {
                int j = n - 1;
                while (staging.get(j) == src[from + j]) {
                    j--;
                }
                first = first == -1 ? at + i : first;
                last = at + j;
                staging.put(0, src, from, n);
                cpu.check(UcNative.uc_mem_write(h, at, stagingAddress, n), range("mem_write", at, n));
            }
            done += n;
        }
        if (first != -1) {
            translations.written(first, last + 1 - first);
        }
    }

    void read(long h, long address, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        requireMapped(address, len, "read");
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, NativeState.STAGING);
            cpu.check(UcNative.uc_mem_read(h, address + done, stagingAddress, n), range("mem_read", address + done, n));
            staging.get(0, dst, off + done, n);
            done += n;
        }
    }

    void write(long h, long address, ByteBuffer src) {
        int len = src.remaining();
        requireMapped(address, len, "write");
        if (src.isDirect()) {
            long p = Pointer.nativeValue(Native.getDirectBufferPointer(src)) + src.position();
            cpu.check(UcNative.uc_mem_write(h, address, p, len), range("mem_write", address, len));
            src.position(src.limit());
            return;
        }
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, NativeState.STAGING);
            staging.put(0, src, src.position(), n);
            cpu.check(UcNative.uc_mem_write(h, address + done, stagingAddress, n), range("mem_write", address + done, n));
            src.position(src.position() + n);
            done += n;
        }
    }

    void read(long h, long address, ByteBuffer dst) {
        int len = dst.remaining();
        requireMapped(address, len, "read");
        if (dst.isDirect()) {
            long p = Pointer.nativeValue(Native.getDirectBufferPointer(dst)) + dst.position();
            cpu.check(UcNative.uc_mem_read(h, address, p, len), range("mem_read", address, len));
            dst.position(dst.limit());
            return;
        }
        for (int done = 0; done < len; ) {
            int n = Math.min(len - done, NativeState.STAGING);
            cpu.check(UcNative.uc_mem_read(h, address + done, stagingAddress, n), range("mem_read", address + done, n));
            dst.put(dst.position(), staging, 0, n);
            dst.position(dst.position() + n);
            done += n;
        }
    }

    private void requireMapped(long address, long len, String what) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        long bad = mapped.firstUnmapped(address, len);
        if (bad != address + len) {
            throw new GuestMemoryException(bad, String.format(
                    "guest address 0x%x is not mapped (%s 0x%x+0x%x)", bad, what, address, len));
        }
    }

    private static String range(String call, long address, long size) {
        return String.format("%s 0x%x+0x%x", call, address, size);
    }
}
