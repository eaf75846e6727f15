package org.kexeclab.gdb;

import java.nio.ByteOrder;
import java.util.Comparator;
import java.util.List;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.engine.Cpu;

/**
 * The registers as the {@code g}, {@code G}, {@code p} and {@code P} packets carry them: in GDB's
 * numbering order, each in the target's byte order, a register the project does not model as
 * {@code xx} bytes (unavailable). Register numbers with gaps (a status register numbered past the
 * floating-point ones GDB reserves) are simply
 * absent from the {@code g} packet, as GDB lays it out.
 */
final class RegisterFile {
    private final List<GdbRegister> registers;
    private final ByteOrder order;

    RegisterFile(GdbTarget target, ByteOrder order) {
        this.registers = target.registers().stream().sorted(Comparator.comparingInt(GdbRegister::number)).toList();
        this.order = order;
    }

    /** The {@code g} reply. */
    String readAll(Cpu cpu) {
        StringBuilder b = new StringBuilder();
        for (GdbRegister r : registers) {
            b.append(read(cpu, r));
        }
        return b.toString();
    }

    /** Writes a {@code G} packet's registers; unavailable ones are skipped. */
    void writeAll(Cpu cpu, String hex) {
        int total = registers.stream().mapToInt(GdbRegister::bytes).sum();
        if (hex.length() != 2 * total) {
            throw new IllegalArgumentException("G carries " + hex.length() / 2 + " bytes, the registers are " + total);
        }
        int at = 0;
        for (GdbRegister r : registers) {
            String part = hex.substring(at, at + 2 * r.bytes());
            at += 2 * r.bytes();
            if (r.available() && !part.startsWith("xx")) {
                r.access().write(cpu, decode(Hex.parseBytes(part)));
            }
        }
    }

    /** The {@code p} reply for register {@code number}, or null if there is no such register. */
    String read(Cpu cpu, int number) {
        GdbRegister r = byNumber(number);
        return r == null ? null : read(cpu, r);
    }

    /** Writes register {@code number} from {@code P}'s hex bytes; false if it is unknown or not modelled. */
    boolean write(Cpu cpu, int number, String hex) {
        GdbRegister r = byNumber(number);
        if (r == null || !r.available()) {
            return false;
        }
        byte[] b = Hex.parseBytes(hex);
        if (b.length != r.bytes()) {
            throw new IllegalArgumentException("register " + r.name() + " is " + r.bytes() + " bytes, not " + b.length);
        }
        r.access().write(cpu, decode(b));
        return true;
    }

    private GdbRegister byNumber(int number) {
        for (GdbRegister r : registers) {
            if (r.number() == number) {
                return r;
            }
        }
        return null;
    }

    private String read(Cpu cpu, GdbRegister r) {
        if (!r.available()) {
            return "xx".repeat(r.bytes());
        }
        long v = r.access().read(cpu);
        byte[] b = new byte[r.bytes()];
        for (int i = 0; i < b.length; i++) {
            int shift = 8 * (order == ByteOrder.LITTLE_ENDIAN ? i : b.length - 1 - i);
            b[i] = (byte) (v >>> shift);
        }
        return Hex.bytes(b, 0, b.length);
    }

    private long decode(byte[] b) {
        long v = 0;
        for (int i = 0; i < b.length; i++) {
            int k = order == ByteOrder.LITTLE_ENDIAN ? b.length - 1 - i : i;
            v = v << 8 | (b[k] & 0xff);
        }
        return v;
    }
}
