package org.kexeclab.riscv.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.asm.Disassembler;
import org.kexeclab.riscv.RvDisassembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * What one build's {@code riscv_kexec_relocate} takes and leaves, decoded from its own
 * instructions ({@link RvDisassembler}) rather than assumed, and refused with one sentence naming
 * the first piece that is not there: it keeps its five arguments in s0-s4 ({@code mv s0,a0} ..
 * {@code mv s4,a4}: the pointer to the first list entry, the new kernel's start, the device
 * tree, the hart id and {@code va_pa_offset}, as {@code machine_kexec} passes them); it hands the
 * new kernel a0 = the hart id and a1 = the device tree ({@code mv a0,s3; mv a1,s2}) and jumps to
 * start through a2 ({@code mv a2,s1} .. {@code jr a2}); a SOURCE entry is recognised by
 * {@code andi t1,t0,8; beqz t1} (listed as objdump lists it, {@code and t1,t0,8}) and its copy
 * starts at the next instruction; it copies a page of
 * {@code li t3,N} doublewords, which must be the 4 KiB page kexec_load's list uses.
 *
 * @param copyPage      offset of the first instruction of a SOURCE entry's copy
 * @param wordsPerPage  the doublewords the copy loop moves per page
 */
public record RiscvKexecRelocateShape(int copyPage, int wordsPerPage) {
    private static final List<String> ARGUMENTS = List.of("mv s0,a0", "mv s1,a1", "mv s2,a2", "mv s3,a3", "mv s4,a4");
    private static final List<String> ROLES = List.of("the pointer to the first list entry", "the new kernel's start",
            "the device tree", "the hart id", "va_pa_offset");
    private static final List<String> HAND_OVER = List.of("mv a0,s3", "mv a1,s2", "mv a2,s1");
    private static final Pattern COUNT = Pattern.compile("li t3,(\\d+)");
    private static final int PAGE = 4096;

    /** Decodes {@code code} and checks every piece. */
    public static RiscvKexecRelocateShape of(KernelCode code) throws VmlinuxException {
        List<Integer> at = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Disassembler d = new RvDisassembler();
        for (int i = 0; i < code.size(); ) {
            Disassembler.Instruction insn = d.decode(code.bytes(), i, code.addressOf(i));
            at.add(i);
            text.add(insn.text());
            i += insn.length();
        }
        for (int k = 0; k < ARGUMENTS.size(); k++) {
            if (k >= text.size() || !text.get(k).equals(ARGUMENTS.get(k))) {
                throw new VmlinuxException(String.format("riscv_kexec_relocate's instruction %d is %s, not %s: it does "
                        + "not keep %s (argument a%d) as the 6.12 code does", k + 1, k < text.size() ? text.get(k)
                        : "missing", ARGUMENTS.get(k), ROLES.get(k), k));
            }
        }
        int handOver = indexOfRun(text, HAND_OVER);
        if (handOver < 0 || !text.get(text.size() - 1).equals("jr a2")) {
            throw new VmlinuxException("riscv_kexec_relocate does not hand the new kernel a0 = hart id and a1 = device "
                    + "tree (mv a0,s3; mv a1,s2; mv a2,s1) and end with jr a2 as the 6.12 code does");
        }
        int copyPage = -1;
        int words = -1;
        for (int k = 0; k + 2 < text.size(); k++) {
            if (text.get(k).equals("and t1,t0,8") && text.get(k + 1).startsWith("beqz t1,")) {
                copyPage = at.get(k + 2);
                for (int j = k + 2; j < Math.min(text.size(), k + 6) && words < 0; j++) {
                    Matcher m = COUNT.matcher(text.get(j));
                    if (m.matches()) {
                        words = Integer.parseInt(m.group(1));
                    }
                }
                break;
            }
        }
        if (copyPage < 0) {
            throw new VmlinuxException("riscv_kexec_relocate has no andi t1,t0,8 followed by beqz t1: the test of an "
                    + "entry's SOURCE flag is not where the 6.12 code has it");
        }
        if (words * 8 != PAGE) {
            throw new VmlinuxException(String.format("riscv_kexec_relocate copies %s doublewords a page, not the %d of "
                    + "the 4 KiB pages kexec_load's list holds", words < 0 ? "an unknown number of" : words, PAGE / 8));
        }
        return new RiscvKexecRelocateShape(copyPage, words);
    }

    private static int indexOfRun(List<String> text, List<String> run) {
        for (int k = 0; k + run.size() <= text.size(); k++) {
            if (text.subList(k, k + run.size()).equals(run)) {
                return k;
            }
        }
        return -1;
    }
}
