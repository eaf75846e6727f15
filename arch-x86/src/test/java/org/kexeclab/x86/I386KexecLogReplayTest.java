package org.kexeclab.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogParser;
import org.kexeclab.testkit.Engines;

/**
 * A {@code kexec -d} log of an i386 load (flags carry KEXEC_ARCH_386 = 3 in bits 16..31; the
 * layout of a 686 bzImage with its setup segment and purgatory) names i386 and replays on both
 * engines, also with KEXEC_PRESERVE_CONTEXT, which 32-bit x86 accepts.
 */
class I386KexecLogReplayTest {
    private static String log(long flags) {
        return """
                kexec_load: entry = 0x1fff8000 flags = 0x%x
                nr_segments = 3
                segment[0].buf   = 0x9f000000
                segment[0].bufsz = 0x3ff000
                segment[0].mem   = 0x1000000
                segment[0].memsz = 0x400000
                segment[1].buf   = 0x9f400000
                segment[1].bufsz = 0x1123
                segment[1].mem   = 0x1f000000
                segment[1].memsz = 0x2000
                segment[2].buf   = 0x9f500000
                segment[2].bufsz = 0x200
                segment[2].mem   = 0x1fff8000
                segment[2].memsz = 0x1000
                """.formatted(flags);
    }

    @ParameterizedTest
    @CsvSource({"unicorn, 0x30000", "java, 0x30000", "unicorn, 0x30002", "java, 0x30002"})
    void replay_i386Log_namesI386AndVerifies(String engineName, String flags) throws Exception {
        KexecLog log = KexecLogParser.parse(log(Long.decode(flags)));
        assertEquals(Optional.of(X86Arches.I386), log.archFromFlags());
        log.checkFlags(X86Arches.I386);
        LoadedImage loaded = LoadedImage.load(log.toImage(X86Arches.I386), LoadOptions.defaults());
        try (KexecRun run = KexecRun.prepare(new I386MachineKexec(), loaded,
                KexecOptions.defaults().withPreserveContext(log.preserveContext()), Engines.named(engineName))) {
            KexecOutcome o = run.execute();
            assertTrue(o.verified(), o.toString());
            assertEquals(loaded.totalPages(), o.destinations().pagesCompared(), o.toString());
        }
    }
}
