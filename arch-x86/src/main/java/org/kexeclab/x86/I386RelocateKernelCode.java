package org.kexeclab.x86;

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
 * Finds i386's {@code relocate_kernel} ({@code relocate_kernel_32.S}), what
 * {@code machine_kexec} copies into the control page. It is bounded by the next text symbol
 * that is not one of its own labels ({@code identity_mapped}, {@code virtual_mapped},
 * {@code swap_pages}, which must lie inside it in that order) and must fit the
 * {@value #MAX_SIZE} bytes machine_kexec copies. Its shape: it starts by saving the callee-saved
 * registers and the flags ({@code push ebx, esi, edi, ebp; pushf}) and its last byte before the
 * {@code int3} padding is a {@code ret}. What it reads and where is decoded afterwards
 * ({@link I386KernelCodeShape}).
 */
public final class I386RelocateKernelCode implements RelocationCodeLocator {
    /** KEXEC_CONTROL_CODE_MAX_SIZE: what machine_kexec copies. */
    static final int MAX_SIZE = 2048;
    /** push ebx; push esi; push edi; push ebp; pushf. */
    private static final byte[] PROLOGUE = {0x53, 0x56, 0x57, 0x55, (byte) 0x9c};
    private static final List<String> LABELS = List.of("identity_mapped", "virtual_mapped", "swap_pages");

    @Override
    public Arch arch() {
        return X86Arches.I386;
    }

    @Override
    public RelocationCode locate(Vmlinux kernel) throws VmlinuxException {
        SymbolTable t = kernel.symbols();
        KernelSymbol start = t.require("relocate_kernel");
        KernelSymbol next = start;
        do {
            next = t.nextText(next.address()).orElseThrow(() -> new VmlinuxException(
                    "relocate_kernel is the last text symbol, so nothing bounds it"));
        } while (LABELS.contains(next.name()));
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
        labels.put("ret", code.address() + X86RelocateKernelCode.lastRet(code));
        labels.put(next.name(), next.address());
        return new RelocationCode(code, labels, Map.of());
    }

    private static void checkPrologue(KernelCode code) throws VmlinuxException {
        for (int i = 0; i < PROLOGUE.length; i++) {
            if (i >= code.size() || code.bytes()[i] != PROLOGUE[i]) {
                throw new VmlinuxException(String.format("relocate_kernel's byte %d is 0x%02x, not 0x%02x: it does not "
                        + "start with push ebx; push esi; push edi; push ebp; pushf as the 6.1 code does", i,
                        i < code.size() ? code.bytes()[i] & 0xff : 0, PROLOGUE[i] & 0xff));
            }
        }
    }
}
