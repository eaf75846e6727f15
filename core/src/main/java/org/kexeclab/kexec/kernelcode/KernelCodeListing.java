package org.kexeclab.kexec.kernelcode;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.asm.Disassembler;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.SourceLocation;
import org.kexeclab.vmlinux.KernelCode;

/**
 * The listing of a kernel's relocation code: every instruction decoded by the architecture's
 * {@link Disassembler}, listed at each address the code runs from, its location the kernel's
 * own name for the place ({@code identity_mapped+0x3}) in place of a source line.
 */
public final class KernelCodeListing {
    private KernelCodeListing() {
    }

    /**
     * Decodes {@code code} from its first byte and lists it at every one of {@code placements}.
     *
     * @param names code offset to the kernel symbol that starts there (offset 0 must be named)
     */
    public static Listing of(KernelCode code, List<Long> placements, Map<Integer, String> names,
                             Disassembler disassembler) {
        TreeMap<Integer, String> byOffset = new TreeMap<>(names);
        if (!byOffset.containsKey(0)) {
            throw new IllegalArgumentException("the code's first byte has no name among " + names);
        }
        Listing.Builder b = Listing.builder(code.bytes());
        byte[] bytes = code.bytes();
        int offset = 0;
        while (offset < bytes.length) {
            Disassembler.Instruction insn = disassembler.decode(bytes, offset, code.addressOf(offset));
            int length = Math.min(insn.length(), bytes.length - offset);
            Map.Entry<Integer, String> name = byOffset.floorEntry(offset);
            int from = offset - name.getKey();
            SourceLocation where = SourceLocation.symbolic(from == 0 ? name.getValue()
                    : name.getValue() + "+0x" + Integer.toHexString(from));
            for (long p : placements) {
                String text = p == code.address() ? insn.text()
                        : disassembler.decode(bytes, offset, p + offset).text();
                b.add(p + offset, offset, length, where, text);
            }
            offset += length;
        }
        return b.build();
    }
}
