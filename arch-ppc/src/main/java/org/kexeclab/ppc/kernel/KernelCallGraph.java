package org.kexeclab.ppc.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kexeclab.ppc.PpcDecoder;
import org.kexeclab.vmlinux.KernelCode;
import org.kexeclab.vmlinux.KernelSymbol;
import org.kexeclab.vmlinux.SymbolTable;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The kernel functions a kexec can run, found from its roots ({@code kexec_sequence} and the
 * {@code mmu_cleanup_all} it is handed in r7) by following every relative branch that leaves a
 * function ({@code b}, {@code bl}, {@code bc} to another symbol), each function bounded by the
 * next symbol. Ftrace call sites are not followed: a running kernel has a {@code nop} there
 * ({@link FtraceCallSites}). Calls through CTR ({@code bctrl}) are not followed either: their
 * targets are data; a run that reaches code outside these functions is reported
 * ({@link Ppc64LeKernelCodeKexec}). Only {@value #MAX_DEPTH} calls deep from a root, and never
 * into the functions a caller names as not followed (a failure handler such as
 * {@code __stack_chk_fail}, which only a corrupted stack reaches). The functions are what a listing of the kernel's code shows
 * and what the run's instruction count covers.
 *
 * @param functions the functions, in address order
 */
public record KernelCallGraph(List<KernelCode> functions) {
    /** More functions than this means the crawl escaped into the rest of the kernel. */
    static final int MAX_FUNCTIONS = 64;
    private static final long MAX_FUNCTION_BYTES = 64 << 10;
    /** Calls followed from a root: kexec_sequence, kexec_copy_flush, then memcpy and the like. */
    static final int MAX_DEPTH = 2;

    /** Copies the list. */
    public KernelCallGraph {
        functions = List.copyOf(functions);
    }

    /**
     * The functions reachable from {@code roots} in {@code kernel}.
     *
     * @param notFollowed functions left out (by name)
     * @throws VmlinuxException if a branch leads where no symbol is, or the crawl passes {@value #MAX_FUNCTIONS} functions
     */
    public static KernelCallGraph of(Vmlinux kernel, List<Long> roots, FtraceCallSites ftrace,
                                     java.util.Set<String> notFollowed) throws VmlinuxException {
        SymbolTable t = kernel.symbols();
        Map<Long, KernelCode> found = new TreeMap<>(Long::compareUnsigned);
        Deque<long[]> todo = new ArrayDeque<>();
        roots.forEach(r -> todo.add(new long[] {r, 0}));
        while (!todo.isEmpty()) {
            long[] next = todo.pop();
            long at = next[0];
            KernelSymbol s = t.enclosing(at).orElseThrow(() -> new VmlinuxException(String.format(
                    "the kexec code branches to 0x%x, which no symbol encloses", at))).symbol();
            if (found.containsKey(s.address()) || notFollowed.contains(s.name())) {
                continue;
            }
            KernelCode f = bounded(kernel, s);
            found.put(s.address(), f);
            if (found.size() > MAX_FUNCTIONS) {
                throw new VmlinuxException(String.format("the kexec code's branches reach more than %d functions "
                        + "(the last %s), so they are not the small call graph of kexec_sequence", MAX_FUNCTIONS,
                        s.name()));
            }
            if (next[1] < MAX_DEPTH) {
                exits(f, ftrace).forEach(e -> todo.add(new long[] {e, next[1] + 1}));
            }
        }
        return new KernelCallGraph(new ArrayList<>(found.values()));
    }

    /** {@code s}'s code up to the next symbol (by address: two {@code real_mode}s share a name). */
    private static KernelCode bounded(Vmlinux kernel, KernelSymbol s) throws VmlinuxException {
        long size = kernel.symbols().sizeOf(s).orElseThrow(() -> new VmlinuxException(s.name()
                + " is the last symbol, so nothing bounds its size"));
        if (size > MAX_FUNCTION_BYTES) {
            throw new VmlinuxException(String.format("%s would be 0x%x bytes up to the next symbol, which is not one "
                    + "function", s.name(), size));
        }
        return kernel.code(s.name(), s.address(), (int) size);
    }

    /** The targets of {@code f}'s relative branches that lie outside it, ftrace sites left out. */
    static List<Long> exits(KernelCode f, FtraceCallSites ftrace) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i + 4 <= f.size(); i += 4) {
            int w = f.word(i);
            long pc = f.addressOf(i);
            long target;
            if (PpcDecoder.opcode(w) == 18 && (w & 2) == 0) {
                target = PpcDecoder.branchTarget(w, pc);
            } else if (PpcDecoder.opcode(w) == 16 && (w & 2) == 0) {
                target = pc + (short) (w & 0xfffc);
            } else {
                continue;
            }
            boolean inside = Long.compareUnsigned(target - f.address(), f.size()) < 0;
            if (!inside && !ftrace.contains(pc)) {
                out.add(target);
            }
        }
        return out;
    }

    /** The lowest address of any function. */
    public long start() {
        return functions.get(0).address();
    }

    /** The address after the highest function. */
    public long end() {
        KernelCode last = functions.get(functions.size() - 1);
        return last.address() + last.size();
    }

    /** The function at {@code address}, if one starts there. */
    public java.util.Optional<KernelCode> startingAt(long address) {
        return functions.stream().filter(f -> f.address() == address).findFirst();
    }
}
