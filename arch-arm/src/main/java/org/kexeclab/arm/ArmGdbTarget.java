package org.kexeclab.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;

/**
 * 32-bit ARM as GDB debugs it: the {@code org.gnu.gdb.arm.core} feature, r0..r12, sp, lr and pc
 * as numbers 0..15 and the CPSR as number 25 (where the old FPA registers kept it in the
 * {@code g} packet). Its ELF files are EABI version 5, and {@code $a} marks their ARM code, so GDB
 * and objdump decode it as ARM rather than Thumb.
 */
public final class ArmGdbTarget implements GdbTarget {
    /** {@code EF_ARM_EABI_VER5}. */
    private static final int EABI_VERSION_5 = 0x0500_0000;
    private static final String[] NAMES = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
        "r12", "sp", "lr", "pc"};

    private final List<GdbFeature> features = List.of(core());

    @Override
    public String architecture() {
        return "arm";
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
        return EABI_VERSION_5;
    }

    @Override
    public Optional<String> codeMappingSymbol() {
        return Optional.of("$a");
    }

    private static GdbFeature core() {
        List<GdbRegister> r = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String type = i == 13 ? "data_ptr" : i == 15 ? "code_ptr" : "uint32";
            r.add(GdbRegister.of(NAMES[i], 32, i, type, ArmRegister.r(i)));
        }
        r.add(GdbRegister.of("cpsr", 32, 25, "uint32", ArmRegister.CPSR));
        return new GdbFeature("org.gnu.gdb.arm.core", r);
    }
}
