package org.kexeclab.ppc;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;

/**
 * PowerPC as GDB debugs it: the {@code org.gnu.gdb.power.core} feature, r0..r31 as numbers 0..31
 * and pc, msr, cr, lr, ctr, xer from number 64 (32..63 are the floating-point registers, which
 * the stubs never use and the description leaves out). On 64-bit PowerPC the general registers,
 * pc, msr, lr and ctr are 64 bits, cr and xer stay 32; on ppc32 all are 32. The 64-bit ELF files
 * carry the ABI version GDB reads from {@code e_flags}: 1 (function descriptors) big-endian, 2
 * little-endian, as the kernels of each byte order are built.
 */
public final class PpcGdbTarget implements GdbTarget {
    private final boolean wide;
    private final int abiVersion;
    private final List<GdbFeature> features;

    /** The target for {@code arch}: one of ppc32, ppc64, ppc64le. */
    public PpcGdbTarget(Arch arch) {
        this.wide = arch.wordSize() == 8;
        this.abiVersion = !wide ? 0 : arch.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN ? 2 : 1;
        this.features = List.of(core());
    }

    @Override
    public String architecture() {
        return wide ? "powerpc:common64" : "powerpc:common";
    }

    /** GDB treats this architecture's watchpoints as triggering before the access. */
    @Override
    public boolean watchpointStopsBeforeAccess() {
        return true;
    }

    @Override
    public List<GdbFeature> features() {
        return features;
    }

    @Override
    public int elfFlags() {
        return abiVersion;
    }

    private GdbFeature core() {
        int word = wide ? 64 : 32;
        String plain = wide ? "uint64" : "uint32";
        List<GdbRegister> r = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            r.add(GdbRegister.of("r" + i, word, i, plain, PpcRegister.r(i)));
        }
        r.add(GdbRegister.of("pc", word, 64, "code_ptr", PpcRegister.PC));
        r.add(GdbRegister.of("msr", word, 65, plain, PpcRegister.MSR));
        r.add(GdbRegister.of("cr", 32, 66, "uint32", PpcRegister.CR));
        r.add(GdbRegister.of("lr", word, 67, "code_ptr", PpcRegister.LR));
        r.add(GdbRegister.of("ctr", word, 68, plain, PpcRegister.CTR));
        r.add(GdbRegister.of("xer", 32, 69, "uint32", PpcRegister.XER));
        return new GdbFeature("org.gnu.gdb.power.core", r);
    }
}
