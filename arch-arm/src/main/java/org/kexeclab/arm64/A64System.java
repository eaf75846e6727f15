package org.kexeclab.arm64;

import java.util.Locale;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * System instructions the relocation stub needs: {@code mrs/msr} for the named system
 * registers (or the generic {@code s<op0>_<op1>_c<n>_c<m>_<op2>}), {@code msr daifset/daifclr,
 * #imm}, cache and TLB maintenance ({@code dc}, {@code ic}, {@code tlbi}), barriers
 * ({@code dsb}, {@code dmb}, {@code isb}), {@code nop} and the exception calls
 * {@code hvc/svc/smc}.
 */
final class A64System {

    /** System registers by name: {@code op0 << 14 | op1 << 11 | CRn << 7 | CRm << 3 | op2}. */
    private static final Map<String, Integer> REGISTERS = Map.ofEntries(
            Map.entry("sctlr_el1", sysreg(3, 0, 1, 0, 0)),
            Map.entry("ttbr0_el1", sysreg(3, 0, 2, 0, 0)),
            Map.entry("ttbr1_el1", sysreg(3, 0, 2, 0, 1)),
            Map.entry("tcr_el1", sysreg(3, 0, 2, 0, 2)),
            Map.entry("mair_el1", sysreg(3, 0, 10, 2, 0)),
            Map.entry("vbar_el1", sysreg(3, 0, 12, 0, 0)),
            Map.entry("currentel", sysreg(3, 0, 4, 2, 2)),
            Map.entry("ctr_el0", sysreg(3, 3, 0, 0, 1)),
            Map.entry("daif", sysreg(3, 3, 4, 2, 1)));

    /** {@code dc/ic/tlbi} operations: {@code op1 << 11 | CRn << 7 | CRm << 3 | op2}, plus whether they take a register. */
    private static final Map<String, int[]> MAINTENANCE = Map.of(
            "dc civac", new int[] {sysreg(0, 3, 7, 14, 1), 1},
            "dc cvac", new int[] {sysreg(0, 3, 7, 10, 1), 1},
            "dc ivac", new int[] {sysreg(0, 0, 7, 6, 1), 1},
            "dc cvau", new int[] {sysreg(0, 3, 7, 11, 1), 1},
            "ic iallu", new int[] {sysreg(0, 0, 7, 5, 0), 0},
            "ic ialluis", new int[] {sysreg(0, 0, 7, 1, 0), 0},
            "ic ivau", new int[] {sysreg(0, 3, 7, 5, 1), 1},
            "tlbi vmalle1", new int[] {sysreg(0, 0, 8, 7, 0), 0},
            "tlbi vmalle1is", new int[] {sysreg(0, 0, 8, 3, 0), 0});

    private static final Map<String, Integer> BARRIER_OPTIONS = Map.ofEntries(
            Map.entry("sy", 15), Map.entry("st", 14), Map.entry("ld", 13),
            Map.entry("ish", 11), Map.entry("ishst", 10), Map.entry("ishld", 9),
            Map.entry("nsh", 7), Map.entry("nshst", 6), Map.entry("nshld", 5),
            Map.entry("osh", 3), Map.entry("oshst", 2), Map.entry("oshld", 1));

    private A64System() {
    }

    static void register(Map<String, A64Form> forms) {
        forms.put("mrs", A64System::mrs);
        forms.put("msr", A64System::msr);
        forms.put("dc", A64System::maintenance);
        forms.put("ic", A64System::maintenance);
        forms.put("tlbi", A64System::maintenance);
        forms.put("dsb", (ins, ctx) -> barrier(ins, ctx, 0xD503309F));
        forms.put("dmb", (ins, ctx) -> barrier(ins, ctx, 0xD50330BF));
        forms.put("isb", (ins, ctx) -> barrier(ins, ctx, 0xD50330DF));
        forms.put("nop", (ins, ctx) -> {
            A64Operands.count(ins, 0, 0);
            return 0xD503201F;
        });
        forms.put("svc", (ins, ctx) -> exception(ins, ctx, 0xD4000001));
        forms.put("hvc", (ins, ctx) -> exception(ins, ctx, 0xD4000002));
        forms.put("smc", (ins, ctx) -> exception(ins, ctx, 0xD4000003));
    }

    private static int sysreg(int op0, int op1, int crn, int crm, int op2) {
        return op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    private static int mrs(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 2, 2);
        A64Register rt = A64Operands.general64(ins, 0);
        return 0xD5200000 | systemRegister(ins, 1) << 5 | rt.number();
    }

    private static int msr(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 2, 2);
        String target = ins.operands().get(0).trim().toLowerCase(Locale.ROOT);
        if (target.equals("daifset") || target.equals("daifclr")) {
            long imm = A64Operands.range(ins, "immediate", A64Operands.immediate(ins, 1, ctx), 0, 15);
            int op2 = target.equals("daifset") ? 6 : 7;
            return 0xD500401F | 3 << 16 | (int) imm << 8 | op2 << 5;
        }
        A64Register rt = A64Operands.general64(ins, 1);
        return 0xD5000000 | systemRegister(ins, 0) << 5 | rt.number();
    }

    /** The 16-bit system register field of operand {@code index}. */
    private static int systemRegister(Instruction ins, int index) throws AssemblyException {
        String name = ins.operands().get(index).trim().toLowerCase(Locale.ROOT);
        Integer known = REGISTERS.get(name);
        if (known != null) {
            return known;
        }
        String[] p = name.split("_");
        if (p.length == 5 && p[0].matches("s[23]") && p[1].matches("[0-7]") && p[2].matches("c(1[0-5]|[0-9])")
                && p[3].matches("c(1[0-5]|[0-9])") && p[4].matches("[0-7]")) {
            return sysreg(p[0].charAt(1) - '0', p[1].charAt(0) - '0', Integer.parseInt(p[2].substring(1)),
                    Integer.parseInt(p[3].substring(1)), p[4].charAt(0) - '0');
        }
        throw ins.error("unknown system register `" + name + "` (known: " + String.join(", ",
                new java.util.TreeSet<>(REGISTERS.keySet())) + ", or s<op0>_<op1>_c<n>_c<m>_<op2>)");
    }

    private static int maintenance(Instruction ins, EncodeContext ctx) throws AssemblyException {
        A64Operands.count(ins, 1, 2);
        String op = ins.mnemonic() + " " + ins.operands().get(0).trim().toLowerCase(Locale.ROOT);
        int[] known = MAINTENANCE.get(op);
        if (known == null) {
            throw ins.error("unsupported maintenance operation `" + op + "`");
        }
        int rt = 31;
        if (known[1] == 1) {
            A64Operands.count(ins, 2, 2);
            rt = A64Operands.general64(ins, 1).number();
        } else {
            A64Operands.count(ins, 1, 1);
        }
        return 0xD5080000 | known[0] << 5 | rt;
    }

    private static int barrier(Instruction ins, EncodeContext ctx, int opcode) throws AssemblyException {
        A64Operands.count(ins, opcode == 0xD50330DF ? 0 : 1, 1);
        int crm = 15;
        if (!ins.operands().isEmpty()) {
            String o = ins.operands().get(0).trim().toLowerCase(Locale.ROOT);
            Integer named = BARRIER_OPTIONS.get(o);
            crm = named != null ? named : (int) A64Operands.range(ins, "barrier option",
                    A64Operands.immediate(ins, 0, ctx), 0, 15);
        }
        return opcode | crm << 8;
    }

    private static int exception(Instruction ins, EncodeContext ctx, int opcode) throws AssemblyException {
        A64Operands.count(ins, 1, 1);
        long imm = A64Operands.range(ins, "immediate", A64Operands.immediate(ins, 0, ctx), 0, 0xffff);
        return opcode | (int) imm << 5;
    }
}
