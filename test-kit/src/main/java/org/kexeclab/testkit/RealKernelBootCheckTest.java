package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.bootcheck.BootCheck;
import org.kexeclab.bootcheck.BootCheckReport;
import org.kexeclab.bootcheck.PageCorruption;
import org.kexeclab.bootcheck.QemuMachine;
import org.kexeclab.bootcheck.QemuMachines;
import org.kexeclab.bootcheck.QemuUnavailableException;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlannedSegment;

/**
 * The boot check of one architecture's fetched distribution kernel (skipped, with one sentence,
 * when the kernel is not fetched or the machine's {@code qemu-system-*} is not installed or
 * cannot start the machine, as riscv64's without its OpenSBI firmware): the
 * kernel relocated in the emulator on the QEMU machine's memory map must print its banner on
 * QEMU, and the negative control, the same handover with the kernel entry's page inverted
 * (code every kernel runs before its first printk), must not, given at least three times as long
 * as the intact kernel took. Both boots share one relocation.
 * Subclass it once per architecture in the arch's module; a check too slow for every build
 * (a compressed kernel decompressing itself under QEMU's TCG) runs only when
 * {@value #LONG_RUN_PROPERTY} is {@code true}.
 */
public abstract class RealKernelBootCheckTest {
    /** RAM of the QEMU machine. */
    private static final long RAM = 1L << 30;
    /** Generous for a banner that takes 0.2-3 s under load on two shared cores. */
    private static final Duration BANNER_TIMEOUT = Duration.ofSeconds(60);
    /** The control's least wait (BootCheck gives it at least three times the intact handover's time to the banner). */
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(8);

    /** System property that also runs the long boot checks ({@code mvn verify -Dkexeclab.bootcheck.long=true}). */
    public static final String LONG_RUN_PROPERTY = "kexeclab.bootcheck.long";

    /** The architecture checked. */
    protected abstract Arch arch();

    /** Why this check runs only in the long run, or null to run it in every build. */
    protected String longRunBecause() {
        return null;
    }

    @Test
    void bootCheck_fetchedKernel_printsBannerAndCorruptedEntryPageDoesNot() throws Exception {
        Arch arch = arch();
        assumeTrue(longRunBecause() == null || Boolean.getBoolean(LONG_RUN_PROPERTY), () -> longRunBecause()
                + ": it runs with -D" + LONG_RUN_PROPERTY + "=true");
        Optional<Path> file = RealKernels.forArch(arch);
        assumeTrue(file.isPresent(), "no " + RealKernels.debianArch(arch) + " kernel fetched (scripts/fetch-kernels)");
        QemuMachine machine = QemuMachines.forArch(arch);
        try {
            QemuMachines.program(machine);
        } catch (QemuUnavailableException e) {
            assumeTrue(false, e.getMessage());
        }
        BootCheck.Request req = new BootCheck.Request(arch, LoadRequest.of(Files.readAllBytes(file.get())), RAM,
                CpuEngines.forArch(arch), LoadOptions.defaults(), KexecOptions.defaults(), BANNER_TIMEOUT, null);
        long t0 = System.nanoTime();
        List<BootCheckReport> r = null;
        try {
            r = BootCheck.runWithControl(req, PageCorruption.entryPage(), CONTROL_TIMEOUT);
        } catch (QemuUnavailableException e) {
            assumeTrue(false, e.getMessage()); // installed but cannot start the machine (its firmware is missing)
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        BootCheckReport intact = r.get(0);
        BootCheckReport control = r.get(1);
        assertTrue(intact.booted(), () -> file.get().getFileName() + ": " + intact.failure());
        assertTrue(intact.verdict().banner().startsWith("Linux version "), intact.verdict().banner());
        assertFalse(intact.command().contains("-kernel"), "QEMU must not load the kernel itself");
        for (PlannedSegment s : intact.plan().segments()) {
            assertTrue(intact.memory().stream().anyMatch(m -> m.start() == s.segment().mem()
                    && m.size() == s.segment().memsz()), () -> s.label() + " was not handed over whole");
        }
        intact.leg().registers().forEach((name, value) -> {
            if (intact.registers().containsKey(name)) {
                assertEquals(value, intact.registers().get(name), name + " handed over is not the emulated CPU's");
            }
        });
        assertFalse(control.booted(), () -> "the corrupted control booted: " + control.verdict().sentence());
        assertTrue(control.corrupted().contains("kernel entry"), control.corrupted());
        System.out.printf("boot-check %s %s: %s; control (%s): %s; %.1f s in all%n", arch,
                file.get().getFileName(), intact.verdict().sentence(), control.corrupted(),
                control.verdict().sentence(), seconds);
    }
}
