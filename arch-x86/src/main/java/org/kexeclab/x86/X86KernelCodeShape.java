package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.asm.Disassembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * What one build's {@code relocate_kernel} reads and where, decoded from its own instructions
 * (by {@link X86Disassembler}) rather than assumed: the byte offsets in the page list {@code rsi}
 * points to of the virtual control page ({@code r11}), the physical control page ({@code r8}),
 * the page-table root ({@code r9}) and the swap page ({@code r10}); the offsets from the virtual
 * control page where it saves rsp, CR0, CR3 and CR4; the offset of the first instruction run for
 * a SOURCE entry (after {@code test cl,0x8; je}); and every {@code rep} string move with the
 * count {@code mov ecx,N} gives it. A code without one of these is refused with one sentence.
 *
 * @param pageList  page-list role ({@code va_control}, {@code pa_control}, {@code pa_table},
 *                  {@code pa_swap}) to its byte offset in the list
 * @param saveSlots saved register ({@code rsp}, {@code cr0}, {@code cr3}, {@code cr4}) to its
 *                  offset from the control page
 * @param copyPage  offset of the first instruction of a SOURCE entry's page copy
 * @param repMoves  offset of each {@code rep movs} to the count loaded into ecx just before it
 */
record X86KernelCodeShape(Map<String, Integer> pageList, Map<String, Integer> saveSlots, int copyPage,
                          Map<Integer, Long> repMoves) {
    private static final Map<String, String> LIST_REGISTER = Map.of("r11", "va_control", "r8", "pa_control",
            "r9", "pa_table", "r10", "pa_swap");
    private static final Pattern LIST_LOAD = Pattern.compile("mov (r8|r9|r10|r11),QWORD PTR \\[rsi(?:\\+0x(\\p{XDigit}+))?]");
    private static final Pattern SAVE = Pattern.compile("mov QWORD PTR \\[r11\\+0x(\\p{XDigit}+)],(rsp|rax)");
    private static final Pattern READ_CR = Pattern.compile("mov rax,(cr[034])");
    private static final Pattern COUNT = Pattern.compile("mov ecx,0x(\\p{XDigit}+)");

    /** Decodes {@code code} and checks it has every piece; refuses it naming the first one missing. */
    static X86KernelCodeShape of(RelocationCode code) throws VmlinuxException {
        KernelCode c = code.code();
        if ((c.address() & 0xfff) != 0) {
            throw new VmlinuxException(String.format("relocate_kernel at 0x%x does not start a page: the transition "
                    + "page table maps its kernel-text page onto the control page, where its copy starts", c.address()));
        }
        List<Integer> at = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Disassembler d = new X86Disassembler();
        for (int i = 0; i < c.size(); ) {
            Disassembler.Instruction insn = d.decode(c.bytes(), i, c.addressOf(i));
            at.add(i);
            text.add(insn.text());
            i += Math.max(1, insn.length());
        }
        Map<String, Integer> pageList = new LinkedHashMap<>();
        Map<String, Integer> saves = new LinkedHashMap<>();
        Map<Integer, Long> reps = new LinkedHashMap<>();
        int copyPage = -1;
        String lastCr = null;
        for (int k = 0; k < text.size(); k++) {
            String t = text.get(k);
            Matcher m;
            if ((m = LIST_LOAD.matcher(t)).matches()) {
                pageList.putIfAbsent(LIST_REGISTER.get(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2), 16));
            } else if ((m = READ_CR.matcher(t)).matches()) {
                lastCr = m.group(1);
            } else if ((m = SAVE.matcher(t)).matches()) {
                String what = m.group(2).equals("rsp") ? "rsp" : lastCr;
                if (what != null) {
                    saves.putIfAbsent(what, Integer.parseInt(m.group(1), 16));
                }
                lastCr = null;
            } else if (t.equals("test cl,0x8") && k + 2 < text.size() && text.get(k + 1).startsWith("je ")
                    && copyPage < 0) {
                copyPage = at.get(k + 2);
            } else if (t.startsWith("rep movs") && k > 0 && (m = COUNT.matcher(text.get(k - 1))).matches()) {
                reps.put(at.get(k), Long.parseLong(m.group(1), 16));
            }
        }
        for (String role : List.of("va_control", "pa_control", "pa_table", "pa_swap")) {
            if (!pageList.containsKey(role)) {
                throw new VmlinuxException("relocate_kernel does not load its " + role + " page-list entry the way the "
                        + "6.1 code does (mov r8/r9/r10/r11, QWORD PTR [rsi+N])");
            }
        }
        for (String reg : List.of("rsp", "cr0", "cr3", "cr4")) {
            if (!saves.containsKey(reg)) {
                throw new VmlinuxException("relocate_kernel does not save " + reg + " at an offset from r11 (the "
                        + "virtual control page) the way the 6.1 code does");
            }
        }
        if (copyPage < 0) {
            throw new VmlinuxException("relocate_kernel has no test cl,0x8 followed by je: the test of an entry's "
                    + "SOURCE flag is not where the 6.1 code has it");
        }
        if (reps.isEmpty()) {
            throw new VmlinuxException("relocate_kernel has no rep movs after a mov ecx,N: its page copy is not "
                    + "the string move the 6.1 code uses");
        }
        return new X86KernelCodeShape(Map.copyOf(pageList), Map.copyOf(saves), copyPage, Map.copyOf(reps));
    }
}
