package org.kexeclab.kexec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.GuestMemory;

/**
 * A tiny program placed at the new kernel's entry point (it is the first bytes of the
 * image's kernel segment, so the stub itself relocates it). Running there, it checks its
 * registers against the boot protocol and writes a "landed" record; reading that record
 * proves the jump by code that ran at the destination, not by the emulator's PC.
 *
 * <p>The record is a run of target-order machine words at {@code recordAddress}:
 * {@code [0] = }{@link #MAGIC}, {@code [1] = } status (0 when every protocol check the probe
 * makes held, else a bitmask of the checks that failed, defined by the architecture), then
 * one word per name in {@code fields}: the register values the probe saw.
 *
 * @param code          the probe's machine code, assembled for {@code entry}
 * @param entry         where it runs (the image's entry point)
 * @param doneAddress   the address it reaches after writing the record (the run stops there)
 * @param recordAddress where it writes the record
 * @param fields        names of the words after magic and status, in record order
 * @param statusBits    what each status bit means, bit 0 first
 * @param program       the probe as assembled at {@code entry} (listing and source, for traces
 *                      that show the probe's lines), or null where the architecture does not say
 */
public record EntryProbe(byte[] code, long entry, long doneAddress, long recordAddress,
                         List<String> fields, List<String> statusBits, Stub program) {

    /** The record's first word: ASCII "LAND". */
    public static final long MAGIC = 0x4C414E44L;

    public EntryProbe {
        code = code.clone();
        fields = List.copyOf(fields);
        statusBits = List.copyOf(statusBits);
    }

    /** A probe whose assembled program is not at hand. */
    public EntryProbe(byte[] code, long entry, long doneAddress, long recordAddress, List<String> fields,
            List<String> statusBits) {
        this(code, entry, doneAddress, recordAddress, fields, statusBits, null);
    }

    /** The probe {@code program}, assembled at {@code entry}, which ends at its label {@code doneLabel}. */
    public static EntryProbe of(Stub program, long entry, String doneLabel, long recordAddress, List<String> fields,
            List<String> statusBits) {
        return new EntryProbe(program.bytes(), entry, program.symbol(doneLabel), recordAddress, fields, statusBits,
                program);
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    /** Bytes the record takes for {@code arch}. */
    public int recordSize(Arch arch) {
        return (2 + fields.size()) * arch.wordSize();
    }

    /** Reads the record back from guest memory. */
    public Record read(GuestMemory memory, Arch arch) {
        int w = arch.wordSize();
        ByteBuffer b = ByteBuffer.wrap(memory.read(recordAddress, recordSize(arch))).order(arch.byteOrder());
        long magic = word(b, w);
        long status = word(b, w);
        Map<String, Long> values = new LinkedHashMap<>();
        for (String f : fields) {
            values.put(f, word(b, w));
        }
        return new Record(magic == MAGIC, status, values);
    }

    /** Names of the failed checks in {@code status}. */
    public List<String> failedChecks(long status) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((status >>> i & 1) != 0) {
                out.add(i < statusBits.size() ? statusBits.get(i) : "check bit " + i);
            }
        }
        return out;
    }

    private static long word(ByteBuffer b, int w) {
        return w == 8 ? b.getLong() : b.getInt() & 0xffff_ffffL;
    }

    /**
     * The record as read.
     *
     * @param landed true if the magic word is there: the probe ran
     * @param status 0 when every check held
     * @param values the registers the probe saw, by field name
     */
    public record Record(boolean landed, long status, Map<String, Long> values) {
        /** True if the probe ran and every check held. */
        public boolean passed() {
            return landed && status == 0;
        }
    }
}
