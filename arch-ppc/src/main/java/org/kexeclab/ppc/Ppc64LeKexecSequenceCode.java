package org.kexeclab.ppc;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kexeclab.Arch;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.RelocationCode;
import org.kexeclab.vmlinux.RelocationCodeLocator;
import org.kexeclab.vmlinux.SymbolTable;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * Finds ppc64le's {@code kexec_sequence} (misc_64.S; bounded by the next symbol) and the
 * compiled C it runs. Its shape: it starts with {@code mflr r0}, and its {@code bl}s call
 * exactly {@code real_mode}, {@code kexec_copy_flush} (at its global or local entry) and
 * {@code copy_and_flush}; {@code kexec_copy_flush} calls {@code memcpy}, {@code copy_page}
 * and {@code flush_icache_range}. Two {@code real_mode}s exist; the one the code calls is
 * reported. The other helpers ({@code mmu_cleanup_all}, reached through r7;
 * {@code kexec_wait}, {@code kexec_flag}, {@code _mcount}) and {@code .TOC.} come from the
 * symbols.
 *
 * <p>The {@code struct kimage} offsets come from {@code kexec_copy_flush}'s own code: with
 * the image pointer in r3 (or a register {@code mr} copied it to), its first {@code addi} is
 * the address of {@code segment[]}, its first {@code ld} at a non-zero displacement is
 * {@code nr_segments} and its first {@code ld} at 0 is {@code head}.
 */
public final class Ppc64LeKexecSequenceCode implements RelocationCodeLocator {
    private static final Set<String> SEQUENCE_CALLS = Set.of("real_mode", "kexec_copy_flush", "copy_and_flush");
    private static final Set<String> COPY_FLUSH_CALLS = Set.of("memcpy", "copy_page", "flush_icache_range");
    private static final List<String> HELPERS = List.of("kexec_copy_flush", "copy_and_flush", "memcpy", "copy_page",
            "flush_icache_range", "_mcount", "mmu_cleanup_all", "kexec_wait", "kexec_flag", ".TOC.");
    /** The ELFv2 local entry of a function that sets up r2: two instructions in. */
    private static final long LOCAL_ENTRY = 8;

    @Override
    public Arch arch() {
        return PpcArches.PPC64LE;
    }

    @Override
    public RelocationCode locate(Vmlinux kernel) throws VmlinuxException {
        KernelCode code = kernel.function("kexec_sequence");
        if (code.size() > 4096 || code.size() < 4) {
            throw new VmlinuxException(String.format("kexec_sequence is 0x%x bytes up to the next symbol, not one "
                    + "page of code", code.size()));
        }
        if (!PpcDecoder.isMflr(code.word(0)) || PpcDecoder.rt(code.word(0)) != 0) {
            throw new VmlinuxException("kexec_sequence starts with " + PpcDisassembler.forArch(PpcArches.PPC64LE).describe(code.word(0),
                    code.address()) + ", not mflr r0");
        }
        SymbolTable t = kernel.symbols();
        Map<String, KernelSymbol> called = calls(code, t, SEQUENCE_CALLS, true);
        KernelCode copyFlush = kernel.function("kexec_copy_flush");
        calls(copyFlush, t, COPY_FLUSH_CALLS, false);
        Map<String, Long> labels = new LinkedHashMap<>();
        labels.put("kexec_sequence", code.address());
        labels.put("real_mode", called.get("real_mode").address());
        for (String h : HELPERS) {
            labels.put(h, t.require(h).address());
        }
        return new RelocationCode(code, labels, kimageOffsets(copyFlush));
    }

    /**
     * The functions {@code f}'s {@code bl}s call (entered at offset 0 or at the local entry),
     * by name; they must be {@code expected} ({@code exact}) or include it.
     */
    static Map<String, KernelSymbol> calls(KernelCode f, SymbolTable t, Set<String> expected, boolean exact)
            throws VmlinuxException {
        String what = f.name();
        Map<String, KernelSymbol> out = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i + 4 <= f.size(); i += 4) {
            int w = f.word(i);
            if (!PpcDecoder.isBl(w)) {
                continue;
            }
            long target = PpcDecoder.branchTarget(w, f.addressOf(i));
            SymbolTable.Location at = t.enclosing(target).orElseThrow(() -> new VmlinuxException(String.format(
                    "%s calls 0x%x, which no symbol encloses", what, target)));
            seen.add(at.toString());
            if (at.offset() == 0 || at.offset() == LOCAL_ENTRY) {
                out.put(at.symbol().name(), at.symbol());
            }
        }
        if (exact ? !out.keySet().equals(expected) : !out.keySet().containsAll(expected)) {
            throw new VmlinuxException(String.format("%s calls %s, not %s", what, seen, expected));
        }
        return out;
    }

    /** head, nr_segments and segment[] offsets from kexec_copy_flush's reads of its argument. */
    static Map<String, Integer> kimageOffsets(KernelCode f) throws VmlinuxException {
        Set<Integer> image = new HashSet<>(Set.of(3));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i + 4 <= f.size() && out.size() < 3; i += 4) {
            int w = f.word(i);
            if (PpcDecoder.isMr(w)) {
                if (image.contains(PpcDecoder.rt(w))) {
                    image.add(PpcDecoder.ra(w));
                } else {
                    image.remove(PpcDecoder.ra(w));
                }
            } else if ((PpcDecoder.isAddi(w) || PpcDecoder.isLd(w)) && image.contains(PpcDecoder.ra(w))) {
                int d = PpcDecoder.displacement(w);
                String field = PpcDecoder.isAddi(w) ? "segment" : d == 0 ? "head" : "nr_segments";
                out.putIfAbsent(field, d);
                image.remove(PpcDecoder.rt(w));
            } else if (PpcDecoder.isBl(w)) {
                for (int r = 3; r <= 12; r++) {
                    image.remove(r);
                }
            }
        }
        if (out.size() != 3) {
            throw new VmlinuxException("kexec_copy_flush reads only " + out + " of its kimage argument, not head, "
                    + "nr_segments and the segment array");
        }
        return out;
    }
}
