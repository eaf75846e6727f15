package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kexeclab.image.Segment;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.Purgatories;

/**
 * kexec-lab's plan against kexec-tools' for the same machine, segment by segment in address
 * order (kexec-tools sorts its segments): the number of segments, each segment's mem and memsz,
 * and its bufsz, except the purgatory's (kexec-lab's own purgatory is not kexec-tools'; it fills
 * the same hole).
 */
public final class PlanComparison {
    private PlanComparison() {
    }

    /** One row per segment in address order: "mem memsz bufsz label" (bufsz "-" for the purgatory). */
    public static List<String> rows(LoadPlan plan) {
        List<PlannedSegment> segs = new ArrayList<>(plan.segments());
        segs.sort(Comparator.comparingLong(s -> s.segment().mem()));
        List<String> out = new ArrayList<>();
        for (PlannedSegment p : segs) {
            Segment s = p.segment();
            boolean purgatory = p.label().equals(Purgatories.LABEL);
            out.add(row(s.mem(), s.memsz(), purgatory ? -1 : s.bufsz()));
        }
        return out;
    }

    /** The same rows for kexec-tools' logged plan; {@code purgatoryAt} is the segment whose bufsz is not compared. */
    public static List<String> rows(KexecLog log, long purgatoryAt) {
        List<String> out = new ArrayList<>();
        log.segments().stream().sorted(Comparator.comparingLong(KexecLog.Segment::mem)).forEach(s ->
                out.add(row(s.mem(), s.memsz(), s.mem() == purgatoryAt ? -1 : s.bufsz())));
        return out;
    }

    /** Asserts kexec-tools and kexec-lab place the same segments, naming the case and showing both plans. */
    public static void assertSame(String name, KexecLog kexecTools, LoadPlan kexecLab) {
        long purgatory = kexecLab.segment(Purgatories.LABEL).segment().mem();
        List<String> want = rows(kexecTools, purgatory);
        List<String> got = rows(kexecLab);
        assertEquals(String.join("\n", want), String.join("\n", got), name + ": kexec-tools (expected) vs kexec-lab");
    }

    private static String row(long mem, long memsz, long bufsz) {
        return String.format("mem 0x%x memsz 0x%x bufsz %s", mem, memsz, bufsz < 0 ? "-" : "0x" + Long.toHexString(bufsz));
    }
}
