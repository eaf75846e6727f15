package org.kexeclab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.EntryProbe;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.arch.Arches;
import org.kexeclab.loader.plan.Purgatories;
import org.kexeclab.viewer.Program;

/**
 * The programs a traced run executes, in the order it reaches them: the relocation stub
 * (as {@code MachineKexec.prepare} placed it), then the purgatory of a real kernel's load or
 * the entry probe a built-in image carries at its entry point.
 */
final class RunPrograms {
    private RunPrograms() {
    }

    /** The programs of {@code run}, which was prepared for {@code target}. */
    static List<Program> of(TraceTarget target, KexecRun run) {
        List<Program> out = new ArrayList<>();
        out.add(new Program(Program.STUB, run.launch().stub()));
        if (target.plan() != null && target.plan().hasPurgatory()) {
            long base = target.plan().segment(Purgatories.LABEL).segment().mem();
            Arches.support(target.arch()).purgatory().ifPresent(p -> out.add(new Program(Program.PURGATORY, p.assemble(base))));
        }
        EntryProbe probe = probeAtEntry(target.machine(), target.loaded());
        if (probe != null && probe.program() != null) {
            out.add(new Program(Program.PROBE, probe.program()));
        }
        return out;
    }

    /**
     * The entry probe whose code the image carries at its entry point, or null: the same
     * test {@code KexecRun} makes before it runs the probe there.
     */
    private static EntryProbe probeAtEntry(MachineKexec machine, LoadedImage loaded) {
        long entry = loaded.image().entry();
        if (Long.remainderUnsigned(entry, machine.entryAlignment(entry)) != 0 || !machine.hasEntryProbe(entry)) {
            return null;
        }
        EntryProbe p = machine.entryProbe(entry, StandardMachine.PROBE_RECORD);
        byte[] code = p.code();
        byte[] atEntry = new byte[code.length];
        try {
            loaded.oracle().expectedBytes(entry, atEntry, 0, atEntry.length);
        } catch (RuntimeException notInAnySegment) {
            return null;
        }
        return Arrays.equals(code, atEntry) ? p : null;
    }
}
