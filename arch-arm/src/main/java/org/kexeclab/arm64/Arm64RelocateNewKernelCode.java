package org.kexeclab.arm64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.RelocationCodeLocator;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Finds arm64's {@code arm64_relocate_new_kernel} in a kernel whose kallsyms has text symbols
 * only (no KALLSYMS_ALL: the code lives in {@code .rodata.text} and is not named there).
 * {@code machine_kexec_post_load} copies it into the control page: it computes
 * {@code __relocate_new_kernel_start} and {@code _end} with {@code adrp}/{@code add} pairs and
 * subtracts them for the copy's size, so the one {@code sub} of two such addresses gives end
 * and start.
 *
 * <p>The code's leading {@code ldr xN, [x0, #imm]} run reads the {@code struct kimage} fields
 * (the 6.1 stable form loads all seven before it clobbers anything). The immediates are the
 * field offsets; which field each is comes from the code itself for three of them (the
 * register tested by {@code cbz} is {@code el2_vectors}, the one the final {@code br} jumps
 * to is {@code start}, the one moved into {@code x0} before it is {@code dtb_mem}) and from
 * the source's register roles for the rest ({@code x16} head, {@code x17} ttbr1, {@code x18}
 * zero page, {@code x22} phys_offset).
 */
public final class Arm64RelocateNewKernelCode implements RelocationCodeLocator {
    /** The largest code the control page could take. */
    private static final long MAX_SIZE = 4096;
    private static final Map<Integer, String> SOURCE_ROLES = Map.of(16, "head", 17, "ttbr1", 18, "zero_page",
            22, "phys_offset");

    @Override
    public Arch arch() {
        return ArmArches.ARM64;
    }

    @Override
    public RelocationCode locate(Vmlinux kernel) throws VmlinuxException {
        KernelCode caller = kernel.function("machine_kexec_post_load");
        long[] bounds = copiedRange(caller);
        long start = bounds[0];
        long end = bounds[1];
        if (Long.compareUnsigned(end - start, MAX_SIZE) > 0 || end == start || ((start | end) & 3) != 0) {
            throw new VmlinuxException(String.format("machine_kexec_post_load copies [0x%x, 0x%x), which is not "
                    + "word-aligned code of at most one page", start, end));
        }
        KernelCode code = kernel.code("arm64_relocate_new_kernel", start, (int) (end - start));
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("machine_kexec_post_load", caller.address());
        labels.put("__relocate_new_kernel_start", start);
        labels.put("__relocate_new_kernel_end", end);
        return new RelocationCode(code, labels, kimageOffsets(code));
    }

    /**
     * {start, end} from the one {@code sub xd, xn, xm} whose operands both hold
     * {@code adrp}/{@code add} addresses. A register's value is forgotten when any other
     * instruction might write it (its bits 0-4 name it), which can only lose a pair, never
     * invent one.
     */
    static long[] copiedRange(KernelCode f) throws VmlinuxException {
        long[] value = new long[32];
        boolean[] page = new boolean[32];
        boolean[] address = new boolean[32];
        List<long[]> found = new ArrayList<>();
        for (int i = 0; i + 4 <= f.size(); i += 4) {
            int w = f.word(i);
            int rd = A64Decoder.rd(w);
            int rn = A64Decoder.rn(w);
            if (A64Decoder.isAdrp(w)) {
                value[rd] = A64Decoder.adrpTarget(w, f.addressOf(i));
                page[rd] = true;
                address[rd] = false;
            } else if (A64Decoder.isAddImmediate(w) && rn != 31 && page[rn] && rd != 31) {
                value[rd] = value[rn] + A64Decoder.addImmediate(w);
                address[rd] = true;
                page[rd] = false;
            } else if (A64Decoder.isSubRegister(w) && address[rn] && address[A64Decoder.rm(w)]) {
                found.add(new long[] {value[A64Decoder.rm(w)], value[rn]});
                page[rd] = address[rd] = false;
            } else if (rd != 31) {
                page[rd] = address[rd] = false;
            }
        }
        if (found.size() != 1) {
            throw new VmlinuxException(String.format("machine_kexec_post_load has %d subtractions of two adrp/add "
                    + "addresses, not the one that sizes __relocate_new_kernel_start..__relocate_new_kernel_end",
                    found.size()));
        }
        return found.get(0);
    }

    /** The {@code struct kimage} field offsets the code's leading loads from {@code x0} use. */
    static Map<String, Integer> kimageOffsets(KernelCode code) throws VmlinuxException {
        Map<Integer, Integer> loaded = new LinkedHashMap<>();
        int i = 0;
        for (; i + 4 <= code.size(); i += 4) {
            int w = code.word(i);
            if (!A64Decoder.isLdr64Immediate(w) || A64Decoder.rn(w) != 0 || A64Decoder.rd(w) == 0) {
                break;
            }
            if (loaded.put(A64Decoder.rd(w), A64Decoder.ldr64Offset(w)) != null) {
                throw new VmlinuxException("arm64_relocate_new_kernel loads x" + A64Decoder.rd(w) + " from x0 twice");
            }
        }
        Map<Integer, String> roles = new TreeMap<>(SOURCE_ROLES);
        roles.putAll(tailRoles(code));
        if (!loaded.keySet().equals(roles.keySet())) {
            StringBuilder want = new StringBuilder();
            roles.forEach((r, f) -> want.append(want.length() == 0 ? "" : ", ").append('x').append(r).append(' ')
                    .append(f));
            throw new VmlinuxException(String.format("arm64_relocate_new_kernel starts with loads from x0 into %s, "
                    + "not into the registers of %s: not the 6.1 code shape", regs(loaded.keySet()), want));
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, Integer> e : loaded.entrySet()) {
            out.put(roles.get(e.getKey()), e.getValue());
        }
        if (out.get("head") != 0) {
            throw new VmlinuxException(String.format("arm64_relocate_new_kernel reads kimage.head at %d, but head is "
                    + "struct kimage's first field", out.get("head")));
        }
        return out;
    }

    /** start, el2_vectors and dtb_mem registers from the code's exit: cbz, mov x0, br. */
    private static Map<Integer, String> tailRoles(KernelCode code) throws VmlinuxException {
        int last = code.word(code.size() - 4);
        if (!A64Decoder.isBr(last)) {
            throw new VmlinuxException(String.format("arm64_relocate_new_kernel does not end with br xN (its last "
                    + "word is %s)", A64Decoder.describe(last, code.addressOf(code.size() - 4))));
        }
        int cbz = -1;
        int dtb = -1;
        for (int i = 0; i + 4 < code.size(); i += 4) {
            int w = code.word(i);
            if (A64Decoder.isCbz64(w)) {
                cbz = A64Decoder.rd(w);
            } else if (A64Decoder.isMovRegister(w) && A64Decoder.rd(w) == 0) {
                dtb = A64Decoder.rm(w);
            }
        }
        if (cbz < 0 || dtb < 0) {
            throw new VmlinuxException("arm64_relocate_new_kernel has no cbz on el2_vectors or no mov x0, dtb before "
                    + "its final br");
        }
        int start = A64Decoder.rn(last);
        if (start == cbz || start == dtb || cbz == dtb) {
            throw new VmlinuxException(String.format("arm64_relocate_new_kernel uses x%d for start, x%d for el2_vectors "
                    + "and x%d for dtb_mem: they should be three registers", start, cbz, dtb));
        }
        return Map.of(start, "start", cbz, "el2_vectors", dtb, "dtb_mem");
    }

    private static String regs(Iterable<Integer> rs) {
        StringBuilder sb = new StringBuilder();
        for (int r : rs) {
            sb.append(sb.length() == 0 ? "x" : ", x").append(r);
        }
        return sb.toString();
    }
}
