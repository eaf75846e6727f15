package org.kexeclab.riscv.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.interp.InterpEngine;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.riscv.RiscvCsr;
import org.kexeclab.riscv.RiscvFixtures;
import org.kexeclab.riscv.RiscvRegister;
import org.kexeclab.riscv.RvFormat;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.Lockstep;

/**
 * Every instruction form the Java engine's RV64 hart implements, with random operands and
 * register values (edge values a quarter of the time), stepped on the Java engine and Unicorn
 * and compared: every integer register, the pc, every CSR and every store. Loads and stores
 * address a mapped data page through s0; branches and jumps stay inside the code page; mip and
 * sip are never set, so no interrupt is pending.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RiscvLockstepRandomTest {
    private static final int CASES = Integer.getInteger("lockstep.cases", 150);
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;
    private static final int S0 = 8;
    private static final int NOP = 0x13;
    private static final long[] EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x7fff_ffffL, 0x8000_0000L,
        0xffff_ffffL, -0x8000_0000L, 31, 32, 63, 64};
    private static final int[] CSRS = {RiscvCsr.SSTATUS, RiscvCsr.SIE, RiscvCsr.STVEC, RiscvCsr.SSCRATCH,
        RiscvCsr.SEPC, RiscvCsr.SCAUSE, RiscvCsr.STVAL, RiscvCsr.SIP, RiscvCsr.SATP, RiscvCsr.MSTATUS, RiscvCsr.MISA,
        RiscvCsr.MIDELEG, RiscvCsr.MIE, RiscvCsr.MTVEC, RiscvCsr.MSCRATCH, RiscvCsr.MEPC, RiscvCsr.MCAUSE,
        RiscvCsr.MTVAL, RiscvCsr.MIP, RiscvCsr.MHARTID};

    private Lockstep pair;

    @BeforeAll
    void open() {
        CpuEngine unicorn = Engines.unicorn();
        Engines.assumeRuns(unicorn, RiscvArches.RISCV64);
        pair = new Lockstep(RiscvFixtures.lockstep(), InterpEngine.instance().open(RiscvArches.RISCV64),
                unicorn.open(RiscvArches.RISCV64), true);
        pair.map(CODE, 0x10000, Perm.ALL);
        pair.map(DATA, 0x10000, Perm.READ | Perm.WRITE);
        byte[] nops = new byte[0x10000];
        for (int i = 0; i < nops.length; i += 4) {
            nops[i] = NOP;
        }
        pair.write(CODE, nops);
        byte[] data = new byte[0x10000];
        new SplittableRandom(7).nextBytes(data);
        pair.write(DATA, data);
    }

    @AfterAll
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    static Stream<Arguments> forms() {
        List<Arguments> out = new ArrayList<>();
        String[] op = {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"};
        String[] mul = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
        for (int f3 = 0; f3 < 8; f3++) {
            int k = f3;
            out.add(form(op[k], r -> RvFormat.r(0, reg(r), reg(r), k, reg(r), RvFormat.OP)));
            out.add(form(mul[k], r -> RvFormat.r(1, reg(r), reg(r), k, reg(r), RvFormat.OP)));
            if (k != 1 && k != 5) {
                out.add(form(new String[] {"addi", null, "slti", "sltiu", "xori", null, "ori", "andi"}[k],
                        r -> RvFormat.i(r.nextInt(4096), reg(r), k, reg(r), RvFormat.OP_IMM)));
            }
        }
        out.add(form("sub", r -> RvFormat.r(0x20, reg(r), reg(r), 0, reg(r), RvFormat.OP)));
        out.add(form("sra", r -> RvFormat.r(0x20, reg(r), reg(r), 5, reg(r), RvFormat.OP)));
        out.add(form("slli", r -> RvFormat.i(r.nextInt(64), reg(r), 1, reg(r), RvFormat.OP_IMM)));
        out.add(form("srli", r -> RvFormat.i(r.nextInt(64), reg(r), 5, reg(r), RvFormat.OP_IMM)));
        out.add(form("srai", r -> RvFormat.i(0x400 | r.nextInt(64), reg(r), 5, reg(r), RvFormat.OP_IMM)));
        out.add(form("addiw", r -> RvFormat.i(r.nextInt(4096), reg(r), 0, reg(r), RvFormat.OP_IMM_32)));
        out.add(form("slliw", r -> RvFormat.i(r.nextInt(32), reg(r), 1, reg(r), RvFormat.OP_IMM_32)));
        out.add(form("srliw", r -> RvFormat.i(r.nextInt(32), reg(r), 5, reg(r), RvFormat.OP_IMM_32)));
        out.add(form("sraiw", r -> RvFormat.i(0x400 | r.nextInt(32), reg(r), 5, reg(r), RvFormat.OP_IMM_32)));
        int[][] w32 = {{0, 0}, {0x20, 0}, {0, 1}, {0, 5}, {0x20, 5}, {1, 0}, {1, 4}, {1, 5}, {1, 6}, {1, 7}};
        for (int[] fw : w32) {
            out.add(form("op32 " + fw[0] + "/" + fw[1], r -> RvFormat.r(fw[0], reg(r), reg(r), fw[1], reg(r),
                    RvFormat.OP_32)));
        }
        out.add(form("lui", r -> RvFormat.u(r.nextInt(1 << 20), reg(r), RvFormat.LUI)));
        out.add(form("auipc", r -> RvFormat.u(r.nextInt(1 << 20), reg(r), RvFormat.AUIPC)));
        memoryForms(out);
        controlForms(out);
        for (int f3 : new int[] {1, 2, 3, 5, 6, 7}) {
            out.add(form("csr f3=" + f3, r -> csr(r, f3)));
        }
        out.add(form("fence", r -> r.nextInt(256) << 20 | RvFormat.MISC_MEM));
        out.add(form("fence.i", r -> 0x100f));
        return out.stream();
    }

    /**
     * A CSR instruction on a random CSR; mip and sip only with source x0 (or immediate 0), so no
     * interrupt ever becomes pending: Unicorn would take an enabled pending one, the Java hart
     * takes none (kexec runs with interrupts off).
     */
    private static int csr(SplittableRandom r, int f3) {
        int csr = CSRS[r.nextInt(CSRS.length)];
        int source = csr == RiscvCsr.MIP || csr == RiscvCsr.SIP ? 0 : r.nextInt(32);
        return csr << 20 | source << 15 | f3 << 12 | reg(r) << 7 | RvFormat.SYSTEM;
    }

    private static void memoryForms(List<Arguments> out) {
        String[] loads = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
        for (int k = 0; k < loads.length; k++) {
            int f3 = k;
            out.add(form(loads[k], r -> RvFormat.i(r.nextInt(4096), S0, f3, reg(r), RvFormat.LOAD)));
        }
        String[] stores = {"sb", "sh", "sw", "sd"};
        for (int k = 0; k < stores.length; k++) {
            int f3 = k;
            out.add(form(stores[k], r -> RvFormat.s(r.nextInt(4096) - 2048, reg(r), S0, f3, RvFormat.STORE)));
        }
    }

    private static void controlForms(List<Arguments> out) {
        for (int f3 : new int[] {0, 1, 4, 5, 6, 7}) {
            out.add(form("branch f3=" + f3, r -> RvFormat.b(2 * (r.nextInt(1024) - 512), reg(r), reg(r), f3,
                    RvFormat.BRANCH)));
        }
        out.add(form("jal", r -> RvFormat.j(4 * (r.nextInt(1024) - 512), reg(r), RvFormat.JAL)));
        out.add(form("jalr", r -> RvFormat.i(r.nextInt(4096), S0, 0, reg(r), RvFormat.JALR)));
    }

    private static Arguments form(String name, ToIntFunction<SplittableRandom> word) {
        return Arguments.of(name, word);
    }

    private static int reg(SplittableRandom r) {
        int x = r.nextInt(32);
        return x == S0 ? 9 : x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void lockstep_randomOperands_javaEngineMatchesUnicorn(String name, ToIntFunction<SplittableRandom> form) {
        SplittableRandom r = new SplittableRandom(name.hashCode() * 0x9e37_79b9_7f4a_7c15L);
        for (int i = 0; i < CASES; i++) {
            for (int x = 1; x < 32; x++) {
                pair.set(RiscvRegister.x(x), r.nextInt(4) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextLong());
            }
            boolean jump = name.equals("jalr");
            pair.set(RiscvRegister.x(S0), (jump ? CODE + 0x8000 : DATA + 0x8000) - 2048 + r.nextInt(64));
            long at = CODE + 0x4000 + 8L * r.nextInt(0x800);
            int word = form.applyAsInt(r);
            pair.write(at, new byte[] {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)});
            String diff = pair.step(at);
            pair.write(at, new byte[] {NOP, 0, 0, 0});
            int n = i;
            assertEquals("", diff, () -> String.format("%s case %d: word 0x%08x at 0x%x", name, n, word, at));
        }
    }
}
