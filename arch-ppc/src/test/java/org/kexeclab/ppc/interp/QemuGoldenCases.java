package org.kexeclab.ppc.interp;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.testkit.GoldenFile;

/**
 * The ppc64 golden cases measured on qemu-user ({@code golden/ppc64-qemu/cases.txt}, written by
 * {@code regen.sh} there): per case the instruction bytes in both byte orders, the initial r3..r10,
 * CR, XER, CTR and scratch memory, and what qemu-ppc64 and qemu-ppc64le left in them.
 */
final class QemuGoldenCases {
    static final String RESOURCE = "/golden/ppc64-qemu/cases.txt";
    /** Where the programs' 64-byte scratch memory lay (memory cases' base registers point there). */
    static final long SCRATCH = 0x2000_0000L;
    static final int SCRATCH_SIZE = 64;
    /** r3..r10, CR, XER, CTR. */
    static final int VALUES = 11;

    /** One case as one byte order ran it: {@code memIn}/{@code memOut} are zeros when the case has no memory. */
    record Case(String name, String asm, int line, byte[] code, long[] in, byte[] memIn, long[] out, byte[] memOut) {
    }

    private QemuGoldenCases() {
    }

    /** All cases for {@code arch} (PPC64 or PPC64LE), grouped by form name in file order. */
    static Map<String, List<Case>> load(Arch arch) {
        boolean le = arch == PpcArches.PPC64LE;
        Map<String, List<Case>> byForm = new LinkedHashMap<>();
        for (GoldenFile.Row row : GoldenFile.rows(RESOURCE, '|')) {
            Case c = parse(row.fields(), row.number(), le);
            byForm.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        return byForm;
    }

    private static Case parse(List<String> fields, int n, boolean le) {
        String[] f = fields.toArray(String[]::new);
        if (f.length != 10) {
            throw new IllegalArgumentException(RESOURCE + " line " + n + " has " + f.length + " fields, not 10");
        }
        long[] in = values(f[4], null);
        long[] beOut = values(f[6], in);
        long[] out = le && !f[8].equals("=") ? values(f[8], in) : beOut;
        return new Case(f[0], f[1], n, HexFormat.of().parseHex(le ? f[3] : f[2]), in, memory(f[5]), out,
                memory(le ? f[9] : f[7]));
    }

    private static long[] values(String field, long[] before) {
        String[] v = field.trim().split(" ");
        if (v.length != VALUES) {
            throw new IllegalArgumentException("expected " + VALUES + " values, got " + field);
        }
        long[] out = new long[VALUES];
        for (int k = 0; k < VALUES; k++) {
            out[k] = v[k].equals(".") ? before[k] : Long.parseUnsignedLong(v[k], 16);
        }
        return out;
    }

    private static byte[] memory(String field) {
        return field.equals("-") ? new byte[SCRATCH_SIZE] : HexFormat.of().parseHex(field);
    }
}
