package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.GuestMemoryException;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogException;
import org.kexeclab.loader.log.KexecLogParser;

/**
 * Shared by the arch modules' replay tests: replays a {@code kexec -d} log on its sparse machine
 * and checks that it verifies, maps at most a given number of bytes, and leaves the page just
 * past every window unmapped (unless that page is in the next window).
 */
public final class LogReplays {
    private LogReplays() {
    }

    /** A committed log under {@code /kexec-logs/} (core's test resources, also in the test-jar). */
    public static KexecLog resource(String name) throws IOException, KexecLogException {
        try (InputStream in = LogReplays.class.getResourceAsStream("/kexec-logs/" + name)) {
            if (in == null) {
                throw new IOException("no test resource /kexec-logs/" + name + " on the class path");
            }
            return KexecLogParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Replays {@code log} with {@code machine} on {@code engine}; returns the verified outcome. */
    public static KexecOutcome assertReplays(KexecLog log, MachineKexec machine, CpuEngine engine, long maxMapped)
            throws KexecLoadException {
        LoadedImage loaded = LoadedImage.load(log.toImage(machine.arch()),
                LoadOptions.defaults().withControlPages(machine.controlPages()));
        assertTrue(loaded.mappedBytes() <= maxMapped, loaded.mappedBytes() + " bytes mapped: " + loaded.mappedWindows());
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), engine)) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), o.toString());
            assertEquals(loaded.totalPages(), o.destinations().pagesCompared());
            for (AddressRange w : loaded.mappedWindows()) {
                long past = w.end();
                boolean nextMapped = loaded.mappedWindows().stream().anyMatch(x -> x.contains(past));
                if (!nextMapped && past != 0) {
                    assertThrows(GuestMemoryException.class, () -> run.cpu().read(past, 4),
                            String.format("0x%x, just past %s, must be unmapped", past, w));
                }
            }
            return o;
        }
    }
}
