package org.kexeclab.arm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.RelocationCodeLocator;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Finds 32-bit arm's {@code relocate_new_kernel}: the code from that symbol to
 * {@code relocate_new_kernel_end}, whose length the word at {@code relocate_new_kernel_size}
 * repeats (machine_kexec copies that many bytes, then writes its data block right after them).
 * The code's first instruction, {@code adr r7, relocate_new_kernel_end}, points at that block,
 * and its four {@code ldr rN, [r7, #imm]} read the block's fields: into r0 the indirection
 * page and into r1 the start address at the top, into r1 the machine type and into r2 the
 * boot r2 (the DTB) at the exit. Their immediates are the block's layout.
 */
public final class ArmRelocateNewKernelCode implements RelocationCodeLocator {
    private static final int DATA_BASE = 7;
    private static final int[] LOAD_REGISTERS = {0, 1, 1, 2};
    private static final String[] LOAD_FIELDS = {"indirection_page", "start_address", "mach_type", "r2"};

    @Override
    public Arch arch() {
        return ArmArches.ARM;
    }

    @Override
    public RelocationCode locate(Vmlinux kernel) throws VmlinuxException {
        KernelSymbol start = kernel.symbols().require("relocate_new_kernel");
        KernelSymbol end = kernel.symbols().require("relocate_new_kernel_end");
        KernelSymbol sizeWord = kernel.symbols().require("relocate_new_kernel_size");
        long size = end.address() - start.address();
        if (size <= 0 || size > 4096 || (size & 3) != 0) {
            throw new VmlinuxException(String.format("relocate_new_kernel_end is 0x%x bytes after relocate_new_kernel, "
                    + "which is not word-aligned code of at most one page", size));
        }
        long stored = kernel.memory().u32(sizeWord.address());
        if (stored != size) {
            throw new VmlinuxException(String.format("relocate_new_kernel_size holds 0x%x, but relocate_new_kernel_end "
                    + "is 0x%x bytes after relocate_new_kernel", stored, size));
        }
        KernelCode code = kernel.code("relocate_new_kernel", start.address(), (int) size);
        int first = code.word(0);
        if (!A32Decoder.isAdr(first) || A32Decoder.rd(first) != DATA_BASE
                || A32Decoder.adrTarget(first, code.address()) != end.address()) {
            throw new VmlinuxException(String.format("relocate_new_kernel starts with %s, not add r7, pc, #imm "
                    + "pointing at relocate_new_kernel_end", A32Decoder.describe(first, code.address())));
        }
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("relocate_new_kernel", start.address());
        labels.put("relocate_new_kernel_end", end.address());
        labels.put("relocate_new_kernel_size", sizeWord.address());
        return new RelocationCode(code, labels, dataLayout(code));
    }

    /** The data block's field offsets, from the four loads through r7. */
    static Map<String, Integer> dataLayout(KernelCode code) throws VmlinuxException {
        List<int[]> loads = new ArrayList<>();
        for (int i = 4; i + 4 <= code.size(); i += 4) {
            int w = code.word(i);
            if (A32Decoder.isLdrImmediate(w) && A32Decoder.rn(w) == DATA_BASE) {
                loads.add(new int[] {A32Decoder.rd(w), A32Decoder.ldrOffset(w)});
            }
        }
        StringBuilder regs = new StringBuilder();
        loads.forEach(l -> regs.append(regs.length() == 0 ? "r" : ", r").append(l[0]));
        boolean shape = loads.size() == LOAD_REGISTERS.length;
        for (int i = 0; shape && i < LOAD_REGISTERS.length; i++) {
            shape = loads.get(i)[0] == LOAD_REGISTERS[i];
        }
        if (!shape) {
            throw new VmlinuxException("relocate_new_kernel loads through r7 into " + (regs.length() == 0 ? "nothing"
                    : regs) + ", not into r0, r1 (top) and r1, r2 (exit)");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < LOAD_FIELDS.length; i++) {
            if (out.containsValue(loads.get(i)[1])) {
                throw new VmlinuxException("relocate_new_kernel reads two data-block fields at offset "
                        + loads.get(i)[1]);
            }
            out.put(LOAD_FIELDS[i], loads.get(i)[1]);
        }
        return out;
    }
}
