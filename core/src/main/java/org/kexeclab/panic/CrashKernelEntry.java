package org.kexeclab.panic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.kexeclab.Arch;
import org.kexeclab.kexec.KexecOutcome;

/**
 * What {@code machine_kexec} on the crash image did in the emulator: whether the CPU reached
 * the crash kernel's entry, with which registers, and whether every check held.
 *
 * @param arch         the architecture
 * @param entered      the stub reached the crash kernel's entry point
 * @param verified     entered, and the boot protocol, memory and entry probe checks all held
 * @param entry        the crash kernel's entry point
 * @param head         the crash image's {@code head} ({@code IND_DONE} = 0x4: nothing to copy)
 * @param registers    registers at the entry, in the architecture's names (empty if not entered)
 * @param instructions stub instructions executed (-1 when not run)
 * @param pagesCopied  pages the stub copied (0 for a crash image; -1 when not run)
 * @param failures     why it was not entered or not verified, one sentence each (empty when verified)
 */
public record CrashKernelEntry(Arch arch, boolean entered, boolean verified, long entry, long head,
                               Map<String, Long> registers, long instructions, long pagesCopied,
                               List<String> failures) {

    /** Copies the collections. */
    public CrashKernelEntry {
        registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        failures = List.copyOf(failures);
    }

    /** The entry as a kexec run in the emulator reported it. */
    public static CrashKernelEntry of(KexecOutcome o, long head) {
        return new CrashKernelEntry(o.arch(), o.reachedEntry(), o.verified(), o.entry(), head, o.entryRegisters(),
                o.instructions(), o.pagesCopied(), o.failures());
    }

    /** {@code machine_kexec} could not be run at all (the engine cannot run the architecture). */
    public static CrashKernelEntry notRun(Arch arch, long entry, long head, String why) {
        return new CrashKernelEntry(arch, false, false, entry, head, Map.of(), -1, -1, List.of(why));
    }

    /** The registers as {@code name=0x...} separated by spaces. */
    public String registerText() {
        StringJoiner j = new StringJoiner(" ");
        registers.forEach((name, value) -> j.add(name + "=0x" + Long.toHexString(value)));
        return j.toString();
    }

    /** This entry as a JSON-ready map (keys in a fixed order, numbers as hex strings). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", arch.name());
        m.put("entered", entered);
        m.put("verified", verified);
        m.put("entry", "0x" + Long.toHexString(entry));
        m.put("head", "0x" + Long.toHexString(head));
        Map<String, Object> regs = new LinkedHashMap<>();
        registers.forEach((name, value) -> regs.put(name, "0x" + Long.toHexString(value)));
        m.put("registers", regs);
        m.put("instructions", instructions);
        m.put("pagesCopied", pagesCopied);
        m.put("failures", failures);
        return m;
    }
}
