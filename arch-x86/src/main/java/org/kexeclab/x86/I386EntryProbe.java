package org.kexeclab.x86;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.asm.Assembler;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.kexec.EntryProbe;

/**
 * The i386 entry probe, {@value #RESOURCE}: assembled at the new kernel's entry with the record
 * address predefined as {@value #RECORD_SYMBOL}. It records the seven general registers but esp,
 * EFLAGS and ESP, and sets one status bit per general register that is not zero, plus bit 7 when
 * EFLAGS is not 0x2. Reading EFLAGS takes one {@code pushfd}, which writes a doubleword below ESP:
 * at entry ESP is the top of the control page, valid RAM that nothing needs any more; the probe
 * touches no other memory than its record.
 */
public final class I386EntryProbe {

    /** Classpath resource, relative to this class. */
    public static final String RESOURCE = "entry_probe_i386.S";
    /** The predefined symbol holding the record's address. */
    public static final String RECORD_SYMBOL = "PROBE_RECORD";
    /** Label of the branch-to-self the probe ends on. */
    public static final String DONE = "probe_done";
    /** General registers the probe checks for zero, in status-bit and record order. */
    public static final List<String> CHECKED_REGISTERS = List.of("eax", "ebx", "ecx", "edx", "esi", "edi", "ebp");
    /** Record fields after magic and status. */
    public static final List<String> FIELDS = fields();
    /** What each status bit means, bit 0 first. */
    public static final List<String> STATUS_BITS = statusBits();

    private static final Assembler ASSEMBLER = new Assembler(new X86Encoder(X86Mode.PROTECTED), ByteOrder.LITTLE_ENDIAN);
    private static final Map<Long, Map<Long, EntryProbe>> CACHE = new ConcurrentHashMap<>();
    private static final Map<Long, Map<Long, EntryProbe>> MASKED_CACHE = new ConcurrentHashMap<>();
    /** EFLAGS.IF | EFLAGS.DF. */
    private static final long IF_DF = 0x600;

    private I386EntryProbe() {
    }

    /** The probe assembled to run at {@code entry} and write its record at {@code recordAddress}. */
    public static EntryProbe at(long entry, long recordAddress) {
        return CACHE.computeIfAbsent(entry, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(recordAddress, r -> assemble(entry, r));
    }

    /** The probe's assembled program (code, listing, symbols). */
    public static Stub assembleStub(long entry, long recordAddress) throws AssemblyException {
        return ASSEMBLER.assembleResource(I386EntryProbe.class, RESOURCE, entry, Map.of(RECORD_SYMBOL, recordAddress));
    }

    /**
     * The probe with its EFLAGS check narrowed to the bits the boot protocol constrains: bit 7
     * is set when IF or DF is set, whatever the arithmetic flags. For relocation code that leaves
     * flags from its last instruction (the kernel's {@code relocate_kernel} returns with ZF and PF
     * from an {@code xor}), where the stub promises exactly 0x2. The same source, its one
     * {@code cmp} preceded by an {@code and} with that mask.
     */
    public static EntryProbe interruptsAndDirectionOnly(long entry, long recordAddress) {
        return MASKED_CACHE.computeIfAbsent(entry, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(recordAddress, r -> assembleMasked(entry, r));
    }

    private static EntryProbe assembleMasked(long entry, long recordAddress) {
        String source;
        try (java.io.InputStream in = I386EntryProbe.class.getResourceAsStream(RESOURCE)) {
            source = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("the shipped i386 entry probe cannot be read", e);
        }
        String check = "    cmp ecx, EFLAGS_AT_ENTRY\n";
        if (!source.contains(check)) {
            throw new IllegalStateException("the shipped i386 entry probe has no `cmp ecx, EFLAGS_AT_ENTRY` to narrow");
        }
        source = source.replace(check, "    and ecx, " + IF_DF + "\n    cmp ecx, 0\n");
        try {
            Stub s = ASSEMBLER.assemble(RESOURCE, source, entry, Map.of(RECORD_SYMBOL, recordAddress));
            List<String> bits = new ArrayList<>(STATUS_BITS);
            bits.set(bits.size() - 1, "eflags has interrupts or the direction flag on");
            return new EntryProbe(s.bytes(), entry, s.symbol(DONE), recordAddress, FIELDS, bits);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the narrowed i386 entry probe does not assemble: " + e.getMessage(), e);
        }
    }

    private static EntryProbe assemble(long entry, long recordAddress) {
        try {
            Stub s = assembleStub(entry, recordAddress);
            return EntryProbe.of(s, entry, DONE, recordAddress, FIELDS, STATUS_BITS);
        } catch (AssemblyException e) {
            throw new IllegalStateException("the shipped i386 entry probe does not assemble: " + e.getMessage(), e);
        }
    }

    private static List<String> fields() {
        List<String> f = new ArrayList<>(CHECKED_REGISTERS);
        f.add("eflags");
        f.add("esp");
        return List.copyOf(f);
    }

    private static List<String> statusBits() {
        List<String> b = new ArrayList<>();
        for (String r : CHECKED_REGISTERS) {
            b.add(r + " is not 0");
        }
        b.add("eflags is not 0x2");
        return List.copyOf(b);
    }
}
