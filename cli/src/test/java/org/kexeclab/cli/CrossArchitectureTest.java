package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.testkit.Engines;

/** One image, relocated by every runnable architecture's stub, leaves identical destination memory. */
class CrossArchitectureTest {

    @Test
    void sameImage_everyRunnableArchitecture_identicalDestinationMemory() throws Exception {
        Map<Arch, String> digests = new LinkedHashMap<>();
        for (MachineKexec machine : Arches.supports().stream().map(ArchSupport::machineKexec).toList()) {
            if (!Engines.unicorn().probe(machine.arch()).supported()) {
                continue;
            }
            digests.put(machine.arch(), relocateAndDigest(machine));
        }
        assertTrue(digests.size() >= 2, "fewer than two runnable architectures: " + digests.keySet());
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(digests.values()));
        assertEquals(1, distinct.size(), "destination memory differs between architectures: " + digests);
    }

    private static String relocateAndDigest(MachineKexec machine) throws Exception {
        KexecImage image = KexecImage.builder(machine.arch())
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())
                .entry(0x1000000)
                .segment(SegmentData.generated(0x23456, 7), 0x1000000, 0x30000)
                .segment(SegmentData.generated(0x180000, 8), 0x2000000, 0x180000)
                .build();
        LoadedImage loaded = LoadedImage.load(image, LoadOptions.defaults().withControlPages(machine.controlPages()));
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults().withProbe(false),
                Engines.unicorn())) {
            KexecOutcome o = run.execute();
            assertTrue(o.reachedEntry() && o.destinations().passed(), machine.arch() + ": " + o.failures());
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (AddressRange r : loaded.oracle().destinations()) {
                md.update(run.cpu().read(r.start(), (int) r.size()));
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
