package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;

/**
 * i386 (32-bit protected mode) as GDB debugs it: the {@code org.gnu.gdb.i386.core} feature with
 * the names, sizes and numbers of GDB's 32bit-core.xml (eax, ecx, edx, ebx, esp, ebp, esi, edi,
 * eip, eflags, the six segment selectors as 32 bits, st0..st7, the x87 control registers), and
 * the control registers the stub changes (cr0, cr2, cr3, cr4) as a feature of kexec-lab's own,
 * which GDB shows as extra registers ({@code p $cr3}). The x87 state is not modelled: GDB shows it
 * as unavailable. No SSE feature is offered: the stubs use none, and GDB's i386 accepts a core
 * without it.
 */
public final class I386GdbTarget implements GdbTarget {
    private static final String EFLAGS = GdbFeature.flags("i386_eflags", 4, "CF", 0, "PF", 2, "AF", 4, "ZF", 6,
            "SF", 7, "TF", 8, "IF", 9, "DF", 10, "OF", 11, "NT", 14, "RF", 16, "VM", 17, "AC", 18, "VIF", 19,
            "VIP", 20, "ID", 21);
    /** The general registers in GDB's order, which is the order of their encodings. */
    private static final I386Register[] GENERAL = {
        I386Register.EAX, I386Register.ECX, I386Register.EDX, I386Register.EBX, I386Register.ESP, I386Register.EBP,
        I386Register.ESI, I386Register.EDI};
    private static final I386Register[] SEGMENTS = {
        I386Register.CS, I386Register.SS, I386Register.DS, I386Register.ES, I386Register.FS, I386Register.GS};
    private static final String[] X87_CONTROL = {"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"};

    private final List<GdbFeature> features = List.of(core(), control());

    @Override
    public String architecture() {
        return "i386";
    }

    @Override
    public List<GdbFeature> features() {
        return features;
    }

    private static GdbFeature core() {
        List<GdbRegister> r = new ArrayList<>();
        for (I386Register g : GENERAL) {
            boolean pointer = g == I386Register.ESP || g == I386Register.EBP;
            r.add(GdbRegister.of(name(g), 32, r.size(), pointer ? "data_ptr" : "int32", g));
        }
        r.add(GdbRegister.of("eip", 32, r.size(), "code_ptr", I386Register.EIP));
        r.add(GdbRegister.of("eflags", 32, r.size(), "i386_eflags", I386Register.EFLAGS));
        for (I386Register s : SEGMENTS) {
            r.add(GdbRegister.of(name(s), 32, r.size(), "int32", s));
        }
        for (int i = 0; i < 8; i++) {
            r.add(GdbRegister.unavailable("st" + i, 80, r.size(), "i387_ext", null));
        }
        for (String c : X87_CONTROL) {
            r.add(GdbRegister.unavailable(c, 32, r.size(), "int", "float"));
        }
        return new GdbFeature("org.gnu.gdb.i386.core", EFLAGS, r);
    }

    private static GdbFeature control() {
        int first = 32;
        return new GdbFeature("org.kexeclab.i386.control", List.of(
                new GdbRegister("cr0", 32, first, "int32", "system", GdbRegister.Access.of(I386Register.CR0)),
                new GdbRegister("cr2", 32, first + 1, "int32", "system", GdbRegister.Access.of(I386Register.CR2)),
                new GdbRegister("cr3", 32, first + 2, "data_ptr", "system", GdbRegister.Access.of(I386Register.CR3)),
                new GdbRegister("cr4", 32, first + 3, "int32", "system", GdbRegister.Access.of(I386Register.CR4))));
    }

    private static String name(I386Register r) {
        return r.name().toLowerCase(Locale.ROOT);
    }
}
