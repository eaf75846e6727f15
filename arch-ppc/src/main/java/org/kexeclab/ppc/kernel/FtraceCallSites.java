package org.kexeclab.ppc.kernel;

import java.util.Arrays;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcDecoder;
import org.kexeclab.ppc.PpcDisassembler;
import org.kexeclab.vmlinux.KernelMemory;
import org.kexeclab.vmlinux.SymbolTable;
import org.kexeclab.vmlinux.Vmlinux;
import org.kexeclab.vmlinux.VmlinuxException;

/**
 * The kernel's {@code _mcount} call sites, as its {@code __mcount_loc} table lists them
 * (doublewords from {@code __start_mcount_loc} to {@code __stop_mcount_loc}), every one of
 * which must hold {@code bl _mcount}. A kernel built with ftrace is linked with a
 * {@code mflr r0; bl _mcount} at the top of each traceable function; at boot
 * {@code ftrace_init} replaces every listed {@code bl} with a {@code nop} (and refuses, as this
 * class does, a site that holds anything else), so a running kernel never calls {@code _mcount}
 * unless tracing is switched on. kexec-lab runs the code as that running kernel has it:
 * {@link #patchedWord()} over each site.
 *
 * @param mcount the address of {@code _mcount}
 * @param sites  the call sites, in table order
 */
public record FtraceCallSites(long mcount, long[] sites) {
    /** {@code nop} ({@code ori r0, r0, 0}): what ftrace writes over each {@code bl _mcount}. */
    public static final int NOP = 0x6000_0000;

    /**
     * Reads the table of {@code kernel} and checks every site.
     *
     * @throws VmlinuxException if the table or {@code _mcount} is missing, or a site holds another instruction
     */
    public static FtraceCallSites read(Vmlinux kernel) throws VmlinuxException {
        SymbolTable t = kernel.symbols();
        long mcount = t.require("_mcount").address();
        long start = t.require("__start_mcount_loc").address();
        long stop = t.require("__stop_mcount_loc").address();
        if (Long.compareUnsigned(stop, start) < 0 || (stop - start) % 8 != 0 || stop - start > 8L << 20) {
            throw new VmlinuxException(String.format("__mcount_loc runs from 0x%x to 0x%x, which is not a table of "
                    + "doublewords", start, stop));
        }
        KernelMemory m = kernel.memory();
        long[] sites = new long[(int) ((stop - start) / 8)];
        for (int i = 0; i < sites.length; i++) {
            sites[i] = m.word(start + 8L * i, 8);
            int w = (int) m.u32(sites[i]);
            if (!PpcDecoder.isBl(w) || PpcDecoder.branchTarget(w, sites[i]) != mcount) {
                throw new VmlinuxException(String.format("the ftrace call site at %s holds %s, not bl _mcount, so "
                        + "ftrace would refuse it at boot", t.describe(sites[i]), PpcDisassembler.forArch(PpcArches.PPC64LE).describe(w, sites[i])));
            }
        }
        return new FtraceCallSites(mcount, sites);
    }

    /** The word every site holds once ftrace has initialised. */
    public int patchedWord() {
        return NOP;
    }

    /** The number of sites. */
    public int count() {
        return sites.length;
    }

    /** True if {@code address} is a listed site. */
    public boolean contains(long address) {
        for (long s : sites) {
            if (s == address) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FtraceCallSites f && f.mcount == mcount && Arrays.equals(f.sites, sites);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mcount) * 31 + Arrays.hashCode(sites);
    }

    @Override
    public String toString() {
        return String.format("FtraceCallSites{%d sites, _mcount 0x%x}", sites.length, mcount);
    }
}
