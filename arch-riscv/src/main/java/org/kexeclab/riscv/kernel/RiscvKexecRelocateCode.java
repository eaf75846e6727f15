package org.kexeclab.riscv.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.riscv.RiscvArches;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.RelocationCodeLocator;
import org.kexeclab.vmlinux.SymbolTable;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Finds riscv64's {@code riscv_kexec_relocate} ({@code arch/riscv/kernel/kexec_relocate.S}),
 * what {@code machine_kexec_prepare} copies into the control page for every image but a crash
 * image. The kernel keeps it in read-only data with its length in the 32-bit word
 * {@code riscv_kexec_relocate_size}, which bounds it here as it bounds the kernel's copy; it must
 * fit the control page and end with the jump into the new kernel ({@code jr a2}). Its
 * crash-image twin {@code riscv_kexec_norelocate}, run in place, is named among the labels but not
 * run.
 */
public final class RiscvKexecRelocateCode implements RelocationCodeLocator {
    private static final int CONTROL_PAGE = 4096;
    /** {@code c.jr a2} and {@code jalr zero, 0(a2)}. */
    private static final int C_JR_A2 = 0x8602;
    private static final int JALR_A2 = 0x00060067;

    @Override
    public Arch arch() {
        return RiscvArches.RISCV64;
    }

    @Override
    public RelocationCode locate(Vmlinux kernel) throws VmlinuxException {
        SymbolTable t = kernel.symbols();
        KernelSymbol start = t.require("riscv_kexec_relocate");
        KernelSymbol sizeWord = t.require("riscv_kexec_relocate_size");
        long size = ByteBuffer.wrap(kernel.memory().read(sizeWord.address(), 4)).order(ByteOrder.LITTLE_ENDIAN)
                .getInt() & 0xffff_ffffL;
        if (size == 0 || size > CONTROL_PAGE || size % 2 != 0) {
            throw new VmlinuxException(String.format("riscv_kexec_relocate_size holds %d, which is not the even length "
                    + "of code that fits the %d-byte control page machine_kexec_prepare copies it into", size,
                    CONTROL_PAGE));
        }
        KernelCode code = kernel.code("riscv_kexec_relocate", start.address(), (int) size);
        if (!endsWithJumpToA2(code)) {
            throw new VmlinuxException(String.format("riscv_kexec_relocate's %d bytes do not end with jr a2, the jump "
                    + "into the new kernel the 6.12 code ends with", size));
        }
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("riscv_kexec_relocate", start.address());
        labels.put("riscv_kexec_relocate_size", sizeWord.address());
        t.find("riscv_kexec_norelocate").ifPresent(s -> labels.put(s.name(), s.address()));
        return new RelocationCode(code, labels, Map.of());
    }

    private static boolean endsWithJumpToA2(KernelCode code) {
        byte[] b = code.bytes();
        int n = b.length;
        int last16 = (b[n - 2] & 0xff) | (b[n - 1] & 0xff) << 8;
        if (last16 == C_JR_A2) {
            return true;
        }
        return n >= 4 && ByteBuffer.wrap(b, n - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == JALR_A2;
    }
}
