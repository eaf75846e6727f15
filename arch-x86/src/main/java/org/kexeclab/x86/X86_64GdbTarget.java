package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.arch.GdbFeature;
import org.kexeclab.arch.GdbRegister;
import org.kexeclab.arch.GdbTarget;

/**
 * x86-64 as GDB debugs it: the {@code org.gnu.gdb.i386.core} and {@code org.gnu.gdb.i386.sse}
 * features with GDB's names, sizes and numbers (rax..r15, rip, eflags as 32 bits, the six segment
 * selectors as 32 bits, st0..st7, the x87 control registers, xmm0..xmm15 from number 40, mxcsr),
 * and the control registers the stub changes (cr0, cr2, cr3, cr4) as a feature of kexec-lab's own,
 * which GDB shows as extra registers ({@code p $cr3}). The x87 and SSE state is not modelled: GDB
 * shows it as unavailable.
 */
public final class X86_64GdbTarget implements GdbTarget {
    private static final String EFLAGS = GdbFeature.flags("i386_eflags", 4, "CF", 0, "PF", 2, "AF", 4, "ZF", 6,
            "SF", 7, "TF", 8, "IF", 9, "DF", 10, "OF", 11, "NT", 14, "RF", 16, "VM", 17, "AC", 18, "VIF", 19,
            "VIP", 20, "ID", 21);
    private static final String VEC128 = "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
            + "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
            + "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
            + "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
            + "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
            + "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
            + "<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/><field name=\"v2_double\" type=\"v2d\"/>"
            + "<field name=\"v16_int8\" type=\"v16i8\"/><field name=\"v8_int16\" type=\"v8i16\"/>"
            + "<field name=\"v4_int32\" type=\"v4i32\"/><field name=\"v2_int64\" type=\"v2i64\"/>"
            + "<field name=\"uint128\" type=\"uint128\"/></union>"
            + GdbFeature.flags("i386_mxcsr", 4, "IE", 0, "DE", 1, "ZE", 2, "OE", 3, "UE", 4, "PE", 5, "DAZ", 6,
                    "IM", 7, "DM", 8, "ZM", 9, "OM", 10, "UM", 11, "PM", 12, "FZ", 15);
    private static final X86Register[] GENERAL = {
        X86Register.RAX, X86Register.RBX, X86Register.RCX, X86Register.RDX, X86Register.RSI, X86Register.RDI,
        X86Register.RBP, X86Register.RSP, X86Register.R8, X86Register.R9, X86Register.R10, X86Register.R11,
        X86Register.R12, X86Register.R13, X86Register.R14, X86Register.R15};
    private static final X86Register[] SEGMENTS = {
        X86Register.CS, X86Register.SS, X86Register.DS, X86Register.ES, X86Register.FS, X86Register.GS};
    private static final String[] X87_CONTROL = {"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"};

    private final List<GdbFeature> features = List.of(core(), sse(), control());

    @Override
    public String architecture() {
        return "i386:x86-64";
    }

    @Override
    public List<GdbFeature> features() {
        return features;
    }

    private static GdbFeature core() {
        List<GdbRegister> r = new ArrayList<>();
        for (X86Register g : GENERAL) {
            boolean pointer = g == X86Register.RBP || g == X86Register.RSP;
            r.add(GdbRegister.of(g.name().toLowerCase(java.util.Locale.ROOT), 64, r.size(), pointer ? "data_ptr" : "int64", g));
        }
        r.add(GdbRegister.of("rip", 64, r.size(), "code_ptr", X86Register.RIP));
        r.add(GdbRegister.of("eflags", 32, r.size(), "i386_eflags", X86Register.RFLAGS));
        for (X86Register s : SEGMENTS) {
            r.add(GdbRegister.of(s.name().toLowerCase(java.util.Locale.ROOT), 32, r.size(), "int32", s));
        }
        for (int i = 0; i < 8; i++) {
            r.add(GdbRegister.unavailable("st" + i, 80, r.size(), "i387_ext", null));
        }
        for (String c : X87_CONTROL) {
            r.add(GdbRegister.unavailable(c, 32, r.size(), "int", "float"));
        }
        return new GdbFeature("org.gnu.gdb.i386.core", EFLAGS, r);
    }

    private static GdbFeature sse() {
        List<GdbRegister> r = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            r.add(GdbRegister.unavailable("xmm" + i, 128, 40 + i, "vec128", null));
        }
        r.add(GdbRegister.unavailable("mxcsr", 32, 56, "i386_mxcsr", "vector"));
        return new GdbFeature("org.gnu.gdb.i386.sse", VEC128, r);
    }

    private static GdbFeature control() {
        return new GdbFeature("org.kexeclab.x86_64.control", List.of(
                new GdbRegister("cr0", 64, 57, "int64", "system", GdbRegister.Access.of(X86Register.CR0)),
                new GdbRegister("cr2", 64, 58, "int64", "system", GdbRegister.Access.of(X86Register.CR2)),
                new GdbRegister("cr3", 64, 59, "data_ptr", "system", GdbRegister.Access.of(X86Register.CR3)),
                new GdbRegister("cr4", 64, 60, "int64", "system", GdbRegister.Access.of(X86Register.CR4))));
    }
}
