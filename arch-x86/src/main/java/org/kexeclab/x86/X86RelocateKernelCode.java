package org.kexeclab.x86;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.RelocationCodeLocator;
import org.kexeclab.vmlinux.SymbolTable;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Finds x86_64's {@code relocate_kernel}. Its length, {@code kexec_control_code_size}, is an
 * absolute symbol kallsyms does not keep, so the code is bounded by the next text symbol that
 * is not one of its own labels (machine_kexec copies KEXEC_CONTROL_CODE_MAX_SIZE, 2048 bytes, anyway). Its local labels
 * {@code identity_mapped}, {@code virtual_mapped} and {@code swap_pages} must lie inside it,
 * in that order. Its shape: it starts by saving the callee-saved registers and the flags
 * ({@code push rbx, rbp, r12, r13, r14, r15; pushfq}) and its last byte before the
 * {@code int3} padding is a {@code ret}.
 */
public final class X86RelocateKernelCode implements RelocationCodeLocator {
    /** KEXEC_CONTROL_CODE_MAX_SIZE: what machine_kexec copies. */
    static final int MAX_SIZE = 2048;
    private static final String[] LABELS = {"identity_mapped", "virtual_mapped", "swap_pages"};
    private static final String[] PROLOGUE = {"push rbx", "push rbp", "push r12", "push r13", "push r14", "push r15",
        "pushfq"};
    private static final String[] REGS = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
    private static final int INT3 = 0xcc;
    private static final int RET = 0xc3;

    @Override
    public Arch arch() {
        return X86Arches.X86_64;
    }

    @Override
    public RelocationCode locate(Vmlinux kernel) throws VmlinuxException {
        SymbolTable t = kernel.symbols();
        KernelSymbol start = t.require("relocate_kernel");
        KernelSymbol next = nextOutside(t, start);
        long size = next.address() - start.address();
        if (size > MAX_SIZE) {
            throw new VmlinuxException(String.format("relocate_kernel runs 0x%x bytes to the next text symbol %s, more "
                    + "than the %d bytes machine_kexec copies", size, next.name(), MAX_SIZE));
        }
        KernelCode code = kernel.code("relocate_kernel", start.address(), (int) size);
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("relocate_kernel", start.address());
        long previous = start.address();
        for (String name : LABELS) {
            long a = t.require(name).address();
            if (a <= previous || a >= next.address()) {
                throw new VmlinuxException(String.format("%s (0x%x) is not after the previous label and inside "
                        + "relocate_kernel [0x%x, 0x%x)", name, a, start.address(), next.address()));
            }
            labels.put(name, a);
            previous = a;
        }
        checkPrologue(code);
        labels.put("ret", code.address() + lastRet(code));
        labels.put(next.name(), next.address());
        return new RelocationCode(code, labels, Map.of());
    }

    /** The first text symbol after relocate_kernel that is not one of its own labels. */
    private static KernelSymbol nextOutside(SymbolTable t, KernelSymbol start) throws VmlinuxException {
        KernelSymbol s = start;
        do {
            s = t.nextText(s.address()).orElseThrow(() -> new VmlinuxException(
                    "relocate_kernel is the last text symbol, so nothing bounds it"));
        } while (List.of(LABELS).contains(s.name()));
        return s;
    }

    /** The first instructions, decoded as one-byte pushes (with REX.B for r8-r15) and pushfq. */
    static List<String> prologue(KernelCode code, int count) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < count && i < code.size()) {
            int b = code.bytes()[i] & 0xff;
            boolean rexB = b == 0x41;
            if (rexB && i + 1 < code.size()) {
                b = code.bytes()[++i] & 0xff;
            }
            if (b >= 0x50 && b <= 0x57) {
                out.add("push " + (rexB ? "r" + (b - 0x50 + 8) : REGS[b - 0x50]));
            } else if (b == 0x9c && !rexB) {
                out.add("pushfq");
            } else {
                out.add(String.format("(byte 0x%02x)", b));
                break;
            }
            i++;
        }
        return out;
    }

    private static void checkPrologue(KernelCode code) throws VmlinuxException {
        List<String> got = prologue(code, PROLOGUE.length);
        if (!got.equals(List.of(PROLOGUE))) {
            throw new VmlinuxException("relocate_kernel starts with " + String.join("; ", got) + ", not "
                    + String.join("; ", PROLOGUE));
        }
    }

    /** The offset of the final ret: the last byte before the int3 padding (one int3 may follow ret as the SLS guard). */
    static int lastRet(KernelCode code) throws VmlinuxException {
        int i = code.size() - 1;
        while (i >= 0 && (code.bytes()[i] & 0xff) == INT3) {
            i--;
        }
        if (i < 0 || (code.bytes()[i] & 0xff) != RET) {
            throw new VmlinuxException(String.format("relocate_kernel's last byte before its int3 padding is 0x%02x, "
                    + "not ret", i < 0 ? 0 : code.bytes()[i] & 0xff));
        }
        return i;
    }
}
