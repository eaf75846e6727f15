package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.asm.Disassembler;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * What one build's i386 {@code relocate_kernel} reads and where, decoded from its own
 * instructions ({@link X86Disassembler} in protected mode) rather than assumed, and refused with
 * one sentence naming the first piece that is not there:
 * <ul>
 * <li>the stack arguments of its cdecl call: which register each {@code mov REG, [esp+N]} loads,
 *     after the {@link #pushes} its prologue made, must be the argument {@code machine_kexec_32.c}
 *     passes in that place (ebx the indirection page, ebp the page list, edx start, ecx has_pae,
 *     esi preserve_context);</li>
 * <li>the byte offsets in the page list of the virtual control page (the first
 *     {@code mov edi, [ebp+N]}), the physical one (the last {@code mov edi, [ebp+N]} before the
 *     stack moves to {@code [edi+size]}), the page directory ({@code mov eax, [ebp+N]} just before
 *     {@code mov cr3, eax}) and the swap page (the one copied to the control-page slot that
 *     {@code identity_mapped} passes to {@code swap_pages});</li>
 * <li>where it saves esp, CR0, CR3 and CR4 from the virtual control page; the new stack's top
 *     ({@code lea esp, [edi+N]}); the CR0 bits {@code identity_mapped} clears and sets; how many
 *     words {@code identity_mapped} pushes before its {@code ret} into start;</li>
 * <li>the first instruction of a SOURCE entry's copy (after {@code test cl, 0x8; je}) and every
 *     {@code rep movs} with the count {@code mov ecx, N} gives it.</li>
 * </ul>
 *
 * @param pushes         words the prologue pushes before reading its arguments
 * @param pageList       page-list role ({@code va_control}, {@code pa_control}, {@code pa_pgd},
 *                       {@code pa_swap}) to its byte offset
 * @param saveSlots      saved register ({@code esp}, {@code cr0}, {@code cr3}, {@code cr4}) to
 *                       its offset from the control page
 * @param stackTop       offset from the physical control page of the stack it switches to
 * @param cr0Clear       the mask {@code identity_mapped} ands CR0 with
 * @param cr0Set         the bits it then ors in
 * @param entryPushes    words {@code identity_mapped} pushes; its {@code ret} pops the last
 * @param copyPage       offset of the first instruction of a SOURCE entry's copy
 * @param repMoves       offset of each {@code rep movs} to the count loaded into ecx just before it
 */
record I386KernelCodeShape(int pushes, Map<String, Integer> pageList, Map<String, Integer> saveSlots, int stackTop,
                           long cr0Clear, long cr0Set, int entryPushes, int copyPage, Map<Integer, Long> repMoves) {
    /** The arguments of relocate_kernel in the order machine_kexec passes them, by the register the 6.1 code loads. */
    private static final List<String> ARGUMENTS = List.of("ebx", "ebp", "edx", "ecx", "esi");
    private static final List<String> ARGUMENT_NAMES = List.of("indirection_page", "page_list", "start_address",
            "cpu_has_pae", "preserve_context");
    private static final Pattern ARG = Pattern.compile("mov (e[a-z]{2}),DWORD PTR \\[esp\\+0x(\\p{XDigit}+)]");
    private static final Pattern LIST = Pattern.compile("mov (edi|eax),DWORD PTR \\[ebp(?:\\+0x(\\p{XDigit}+))?]");
    private static final Pattern STORE = Pattern.compile("mov DWORD PTR \\[edi\\+0x(\\p{XDigit}+)],(esp|eax|ebx|edi)");
    private static final Pattern LOAD_SLOT = Pattern.compile("mov eax,DWORD PTR \\[edi\\+0x(\\p{XDigit}+)]");
    private static final Pattern STACK = Pattern.compile("lea esp,\\[edi\\+0x(\\p{XDigit}+)]");
    private static final Pattern AND = Pattern.compile("and eax,0x(\\p{XDigit}+)");
    private static final Pattern OR = Pattern.compile("or eax,0x(\\p{XDigit}+)");
    private static final Pattern COUNT = Pattern.compile("mov ecx,0x(\\p{XDigit}+)");

    /** Decodes {@code code} (whose {@code identity_mapped} starts at {@code identityMapped}) and checks every piece. */
    static I386KernelCodeShape of(KernelCode code, int identityMapped) throws VmlinuxException {
        Decoded d = Decoded.of(code);
        int pushes = 0;
        while (pushes < d.text.size() && (d.text.get(pushes).startsWith("push ") || d.text.get(pushes).equals("pushf"))) {
            pushes++;
        }
        checkArguments(d, pushes);
        Map<String, Integer> list = pageList(d);
        Map<String, Integer> saves = saveSlots(d);
        int im = d.index(identityMapped);
        if (im < 0) {
            throw new VmlinuxException("identity_mapped does not start at an instruction boundary of relocate_kernel");
        }
        int entryPushes = 0;
        while (d.text.get(im + entryPushes).startsWith("push ")) {
            entryPushes++;
        }
        long[] cr0 = cr0Bits(d, im);
        int copyPage = -1;
        Map<Integer, Long> reps = new LinkedHashMap<>();
        for (int k = 0; k < d.text.size(); k++) {
            Matcher m;
            if (d.text.get(k).equals("test cl,0x8") && k + 2 < d.text.size() && d.text.get(k + 1).startsWith("je ")
                    && copyPage < 0) {
                copyPage = d.at.get(k + 2);
            } else if (d.text.get(k).startsWith("rep movs") && k > 0 && (m = COUNT.matcher(d.text.get(k - 1))).matches()) {
                reps.put(d.at.get(k), Long.parseLong(m.group(1), 16));
            }
        }
        if (copyPage < 0) {
            throw new VmlinuxException("relocate_kernel has no test cl,0x8 followed by je: the test of an entry's "
                    + "SOURCE flag is not where the 6.1 code has it");
        }
        if (reps.isEmpty()) {
            throw new VmlinuxException("relocate_kernel has no rep movs after a mov ecx,N: its page copy is not the "
                    + "string move the 6.1 code uses");
        }
        return new I386KernelCodeShape(pushes, list, saves, stackTop(d), cr0[0], cr0[1], entryPushes, copyPage,
                Map.copyOf(reps));
    }

    /** Each argument register must be loaded from the stack slot of the argument machine_kexec passes there. */
    private static void checkArguments(Decoded d, int pushes) throws VmlinuxException {
        Map<String, Integer> loaded = new LinkedHashMap<>();
        for (String t : d.text) {
            Matcher m = ARG.matcher(t);
            if (m.matches()) {
                loaded.putIfAbsent(m.group(1), Integer.parseInt(m.group(2), 16));
            }
        }
        for (int i = 0; i < ARGUMENTS.size(); i++) {
            int want = 4 * pushes + 4 + 4 * i;
            Integer got = loaded.get(ARGUMENTS.get(i));
            if (got == null || got != want) {
                throw new VmlinuxException(String.format("relocate_kernel does not load %s (argument %d, %s) from "
                        + "[esp+0x%x] after its %d pushes as the 6.1 code does (it loads it from %s)", ARGUMENTS.get(i),
                        i + 1, ARGUMENT_NAMES.get(i), want, pushes,
                        got == null ? "nowhere" : String.format("[esp+0x%x]", got)));
            }
        }
    }

    private static Map<String, Integer> pageList(Decoded d) throws VmlinuxException {
        Map<String, Integer> list = new LinkedHashMap<>();
        Map<Integer, Integer> slotFromList = new LinkedHashMap<>();
        int lastEdi = -1;
        int swapSlot = -1;
        for (int k = 0; k < d.text.size(); k++) {
            String t = d.text.get(k);
            String next = k + 1 < d.text.size() ? d.text.get(k + 1) : "";
            Matcher m = LIST.matcher(t);
            Matcher s;
            if (m.matches()) {
                int off = m.group(2) == null ? 0 : Integer.parseInt(m.group(2), 16);
                if (m.group(1).equals("edi")) {
                    list.putIfAbsent("va_control", off);
                    lastEdi = off;
                } else if (next.equals("mov cr3,eax")) {
                    list.putIfAbsent("pa_pgd", off);
                } else if ((s = STORE.matcher(next)).matches() && s.group(2).equals("eax")) {
                    slotFromList.put(Integer.parseInt(s.group(1), 16), off);
                }
            } else if (STACK.matcher(t).matches() && lastEdi >= 0) {
                list.putIfAbsent("pa_control", lastEdi);
            } else if ((s = LOAD_SLOT.matcher(t)).matches() && next.equals("push eax") && k + 3 < d.text.size()
                    && d.text.get(k + 2).equals("push ebx") && d.text.get(k + 3).startsWith("call ") && swapSlot < 0) {
                swapSlot = Integer.parseInt(s.group(1), 16);
            }
        }
        if (slotFromList.containsKey(swapSlot)) {
            list.put("pa_swap", slotFromList.get(swapSlot));
        }
        for (String role : List.of("va_control", "pa_control", "pa_pgd", "pa_swap")) {
            Integer off = list.get(role);
            if (off == null || off < 0 || off % 4 != 0 || off >= 16) {
                throw new VmlinuxException("relocate_kernel does not read its " + role + " page-list entry the way the "
                        + "6.1 code does (a mov from [ebp+N], N one of 0, 4, 8, 12)");
            }
        }
        if (list.values().stream().distinct().count() != 4) {
            throw new VmlinuxException("relocate_kernel reads two page-list roles from the same entry: " + list);
        }
        return Map.copyOf(list);
    }

    private static Map<String, Integer> saveSlots(Decoded d) throws VmlinuxException {
        Map<String, Integer> saves = new LinkedHashMap<>();
        String lastCr = null;
        for (String t : d.text) {
            Matcher m = STORE.matcher(t);
            if (t.matches("mov eax,cr[034]")) {
                lastCr = t.substring(t.length() - 3);
            } else if (m.matches()) {
                String what = m.group(2).equals("esp") ? "esp" : m.group(2).equals("eax") ? lastCr : null;
                if (what != null) {
                    saves.putIfAbsent(what, Integer.parseInt(m.group(1), 16));
                }
                lastCr = null;
            }
        }
        for (String reg : List.of("esp", "cr0", "cr3", "cr4")) {
            if (!saves.containsKey(reg)) {
                throw new VmlinuxException("relocate_kernel does not save " + reg + " at an offset from edi (the "
                        + "virtual control page) the way the 6.1 code does");
            }
        }
        return Map.copyOf(saves);
    }

    private static int stackTop(Decoded d) throws VmlinuxException {
        for (String t : d.text) {
            Matcher m = STACK.matcher(t);
            if (m.matches()) {
                return Integer.parseInt(m.group(1), 16);
            }
        }
        throw new VmlinuxException("relocate_kernel never moves its stack to [edi+N] of the physical control page "
                + "as the 6.1 code does");
    }

    /** The {@code and eax,M; or eax,B; mov cr0,eax} identity_mapped applies to CR0. */
    private static long[] cr0Bits(Decoded d, int from) throws VmlinuxException {
        for (int k = from; k + 3 < d.text.size(); k++) {
            Matcher a = AND.matcher(d.text.get(k + 1));
            Matcher o = OR.matcher(d.text.get(k + 2));
            if (d.text.get(k).equals("mov eax,cr0") && a.matches() && o.matches()
                    && d.text.get(k + 3).equals("mov cr0,eax")) {
                return new long[] {Long.parseLong(a.group(1), 16), Long.parseLong(o.group(1), 16)};
            }
        }
        throw new VmlinuxException("identity_mapped does not set CR0 with mov eax,cr0; and eax,M; or eax,B; "
                + "mov cr0,eax as the 6.1 code does");
    }

    /** The code decoded once: each instruction's offset and text. */
    private record Decoded(List<Integer> at, List<String> text) {
        static Decoded of(KernelCode c) {
            List<Integer> at = new ArrayList<>();
            List<String> text = new ArrayList<>();
            Disassembler dis = new X86Disassembler(X86Mode.PROTECTED);
            for (int i = 0; i < c.size(); ) {
                Disassembler.Instruction insn = dis.decode(c.bytes(), i, c.addressOf(i));
                at.add(i);
                text.add(insn.text());
                i += Math.max(1, insn.length());
            }
            return new Decoded(at, text);
        }

        int index(int offset) {
            return at.indexOf(offset);
        }
    }
}
