package org.kexeclab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.EngineUnavailableException;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.MachineKexec;

/**
 * {@code compare --kexec-log FILE...}: each {@code kexec -d} log's layout replayed on its
 * architecture's stub (contents generated) and counted as {@code compare} counts the demo
 * image, one {@link ComparisonRow} per log, headed by what each log is.
 *
 * @param replays the replayed logs, in the order given
 * @param rows    one row per log, in the same order
 */
record LogComparison(List<LogReplay> replays, List<ComparisonRow> rows) {

    /**
     * Replays every log in {@code files}: on {@code arch} (null: each log's flags), {@code mem}
     * (nullable) replacing each log's memory map; each is run once for its outcome and once more,
     * from a fresh load, with its loads and stores counted.
     *
     * @throws KexecLoadException if the kernel would refuse a logged layout
     */
    static LogComparison run(List<Path> files, Arch arch, String mem, ImageOptions image, StatusLine progress)
            throws KexecLoadException {
        List<LogReplay> replays = new ArrayList<>();
        List<ComparisonRow> rows = new ArrayList<>();
        for (Path file : files) {
            LogReplay replay = LogReplay.load(file, arch, mem, image);
            replays.add(replay);
            rows.add(row(replay, LogReplay.load(file, arch, mem, image), image, progress));
        }
        return new LogComparison(replays, rows);
    }

    /** One log's row: {@code replay} run for the outcome, {@code again} (the same load) counted. */
    private static ComparisonRow row(LogReplay replay, LogReplay again, ImageOptions image, StatusLine progress) {
        Arch arch = replay.arch();
        MachineKexec machine = Arches.support(arch).machineKexec();
        try {
            KexecOutcome outcome = KernelRunner.replay(machine, replay, image, progress);
            MemoryStats stats = new MemoryStats();
            KernelRunner.replay(machine, again, image, progress, stats);
            return new ComparisonRow(arch, outcome, null, stats, null);
        } catch (EngineException | EngineUnavailableException e) {
            return new ComparisonRow(arch, null, "the CPU engine could not run the replay: " + e.getMessage(), null, null);
        }
    }

    /** Every row verified. */
    boolean verified() {
        return rows.stream().allMatch(r -> r.outcome() != null && r.outcome().verified());
    }

    /** The logs, one line each ("row N: kexec -d log ..."), then the table and the entry registers. */
    String text(boolean markdown) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < replays.size(); i++) {
            b.append(markdown ? "- " : "").append("row ").append(i + 1).append(": ").append(replays.get(i).heading())
                    .append('\n');
        }
        b.append(markdown ? "\n" : "").append("segment contents are generated (a kexec -d log records the layout, "
                + "not the bytes)\n\n");
        return b.append(ComparisonRow.table(rows, markdown)).append(ComparisonRow.entryRegisters(rows, markdown))
                .toString();
    }

    /** The rows as a JSON array: each outcome with its log, load kind, loads, stores and bytes written. */
    ArrayNode json() {
        ArrayNode arr = OutcomeJson.MAPPER.createArrayNode();
        for (int i = 0; i < rows.size(); i++) {
            ComparisonRow r = rows.get(i);
            LogReplay replay = replays.get(i);
            ObjectNode n = r.json();
            n.put("kexecLog", replay.file().toString());
            n.put("kind", replay.kind());
            n.put("contents", "generated");
            arr.add(n);
        }
        return arr;
    }
}
