package org.kexeclab.bootcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.loader.KernelLoader;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.plan.LoadRequest;
import org.kexeclab.loader.plan.PlannedSegment;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The boot check: the final word on a relocation belongs to the kernel itself. A real kernel
 * is planned on the memory map of the architecture's QEMU machine (its own device tree, its
 * RAM base), relocated by the stub in the emulator and followed through the purgatory to the
 * kernel entry, both verified as {@code run} verifies them; then the destination memory is read
 * back out of the emulated CPU, together with the entry registers, and handed to a real
 * {@code qemu-system-*} (no {@code -kernel}: every byte QEMU runs is one the emulator left),
 * whose serial console is watched for the kernel's banner. QEMU never outlives the check and
 * its files live in a private directory removed afterwards.
 */
public final class BootCheck {
    private BootCheck() {
    }

    /**
     * What to check.
     *
     * @param arch       the architecture
     * @param load       the kernel, initrd and command line (the machine's console arguments are put first)
     * @param ramSize    the QEMU machine's RAM, planned on and given to QEMU ({@code -m})
     * @param engine     the CPU engine that relocates
     * @param loadOptions how kexec_load allocates
     * @param kexecOptions the run's options
     * @param timeout    how long QEMU may take to print the banner
     * @param corruption the negative control's page, or null for none
     */
    public record Request(Arch arch, LoadRequest load, long ramSize, CpuEngine engine, LoadOptions loadOptions,
                          KexecOptions kexecOptions, Duration timeout, PageCorruption corruption) {
        /** Requires everything but the corruption. */
        public Request {
            Objects.requireNonNull(arch, "arch");
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(loadOptions, "loadOptions");
            Objects.requireNonNull(kexecOptions, "kexecOptions");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * Runs the check.
     *
     * @throws QemuUnavailableException if the architecture has no QEMU machine or its QEMU cannot run here
     * @throws ImageFormatException     if the kernel or initrd cannot be used
     * @throws PlanningException        if the load does not fit the machine
     * @throws KexecLoadException       if the kernel would refuse the load
     * @throws IllegalArgumentException if the corrupted page's address is in no destination (one sentence)
     */
    public static BootCheckReport run(Request req) throws QemuUnavailableException, ImageFormatException,
            PlanningException, KexecLoadException, IOException, InterruptedException {
        return runAll(req, List.of(new Variant(req.corruption(), req.timeout()))).get(0);
    }

    /**
     * The check and its negative control on one relocation: the emulator's handover is booted
     * as it is, then again with {@code control}'s page inverted, which QEMU may run for
     * {@code controlTimeout} or {@value #CONTROL_FACTOR} times as long as the intact handover
     * took to its banner, whichever is longer (a control that was not given the time the kernel
     * needs would prove nothing). The control proves the check can fail: it must not boot.
     *
     * @return the intact check's report, then the control's
     * @throws IllegalArgumentException if the control's page is in no destination (one sentence)
     * @see #run(Request)
     */
    public static List<BootCheckReport> runWithControl(Request req, PageCorruption control, Duration controlTimeout)
            throws QemuUnavailableException, ImageFormatException, PlanningException, KexecLoadException,
            IOException, InterruptedException {
        Objects.requireNonNull(control, "control");
        return runAll(req, List.of(new Variant(null, req.timeout()), new Variant(control, controlTimeout)));
    }

    /** How many times the intact handover's time to the banner its control may run, at least. */
    public static final int CONTROL_FACTOR = 3;

    /** One boot of the handover: intact (no corruption) or with a page corrupted. */
    private record Variant(PageCorruption corruption, Duration timeout) {
    }

    private static List<BootCheckReport> runAll(Request req, List<Variant> variants) throws QemuUnavailableException,
            ImageFormatException, PlanningException, KexecLoadException, IOException, InterruptedException {
        QemuMachine machine = QemuMachines.forArch(req.arch());
        Path program = QemuMachines.program(machine);
        Path dir = privateDirectory();
        try {
            MemoryLayout layout = machine.layout(req.ramSize());
            LoadPlan plan = KernelLoader.withPurgatory(KernelLoader.plan(req.arch(),
                    machineRequest(req, machine, program, layout, dir), layout));
            List<BootCheckReport> reports = new ArrayList<>();
            MachineKexec mk = Arches.support(req.arch()).machineKexec();
            LoadedImage loaded = KexecLoad.load(mk, plan.image(),
                    req.loadOptions().withControlPages(mk.controlPages()), req.kexecOptions());
            try (KexecRun run = KexecRun.prepare(mk, loaded, req.kexecOptions(), req.engine())) {
                KexecOutcome relocation = run.execute();
                KernelEntryLeg.Outcome leg = relocation.verified()
                        ? KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters()) : null;
                if (leg == null || !leg.verified()) {
                    BootCheckReport failed = new BootCheckReport(machine, plan, relocation, leg, List.of(), Map.of(),
                            null, null, List.of(), null);
                    return variants.stream().map(v -> failed).toList();
                }
                Handover intact = handover(machine, plan, run);
                for (Variant v : variants) {
                    Variant timed = reports.isEmpty() || !reports.get(0).booted() ? v : new Variant(v.corruption(),
                            atLeast(v.timeout(), reports.get(0).verdict().seconds() * CONTROL_FACTOR));
                    reports.add(boot(program, machine, req.ramSize(), plan, relocation, leg, intact, timed, dir));
                }
            }
            return reports;
        } finally {
            deleteAll(dir);
        }
    }

    private static Duration atLeast(Duration d, double seconds) {
        Duration scaled = Duration.ofMillis(Math.round(seconds * 1000));
        return scaled.compareTo(d) > 0 ? scaled : d;
    }

    /** Hands {@code intact} (with the variant's page corrupted) to QEMU and watches its console. */
    private static BootCheckReport boot(Path program, QemuMachine machine, long ramSize, LoadPlan plan,
                                        KexecOutcome relocation, KernelEntryLeg.Outcome leg, Handover intact,
                                        Variant v, Path dir) throws QemuUnavailableException, PlanningException,
            InterruptedException {
        Handover h = intact;
        String corrupted = null;
        if (v.corruption() != null) {
            PageCorruption.Applied applied = v.corruption().apply(h.memory(), h.entry());
            h = new Handover(h.arch(), applied.memory(), h.entry(), h.registers(), h.layout(), h.emulated());
            corrupted = applied.described();
        }
        List<AddressRange> ranges = new ArrayList<>();
        for (MemoryRegion m : h.memory()) {
            ranges.add(AddressRange.of(m.address(), m.bytes().length, m.label()));
        }
        QemuLaunch launch = machine.launch(h);
        List<String> argv = QemuCommand.of(program, machine, ramSize, launch, dir);
        BootVerdict verdict;
        try (QemuProcess q = QemuProcess.start(argv, dir)) {
            verdict = ConsoleWatch.watch(q, v.timeout(), machine.failureMarkers());
        }
        return new BootCheckReport(machine, plan, relocation, leg, ranges, h.registers(), corrupted, launch, argv,
                verdict);
    }

    /** The request as the machine boots it: its console first on the command line, its own device tree. */
    private static LoadRequest machineRequest(Request req, QemuMachine machine, Path program, MemoryLayout layout,
                                              Path dir) throws QemuUnavailableException, PlanningException,
            InterruptedException {
        String user = req.load().cmdline().strip();
        LoadRequest load = req.load().withCmdline(machine.consoleArguments() + (user.isEmpty() ? "" : " " + user))
                .withRam(req.ramSize());
        if (machine.usesDeviceTree()) {
            load = load.withDtb(DeviceTreeDump.dump(program, machine, req.ramSize(), layout, dir));
        }
        return load;
    }

    /**
     * The emulator's state at the kernel entry: every planned destination read back from the
     * emulated memory (its full {@code memsz}: the zero-filled rest is part of what kexec
     * leaves), and the machine's entry registers read from the CPU.
     */
    static Handover handover(QemuMachine machine, LoadPlan plan, KexecRun run) {
        List<MemoryRegion> memory = new ArrayList<>();
        for (PlannedSegment s : plan.segments()) {
            Segment seg = s.segment();
            if (seg.memsz() > 0) {
                memory.add(new MemoryRegion(seg.mem(), run.cpu().read(seg.mem(), Math.toIntExact(seg.memsz())),
                        s.label()));
            }
        }
        memory.sort(Comparator.comparingLong(MemoryRegion::address));
        Arch arch = plan.image().arch();
        Map<String, Long> registers = new LinkedHashMap<>();
        for (String name : machine.entryRegisters()) {
            registers.put(name, run.cpu().readRegister(KernelEntryLeg.register(arch, run.cpu().registers(), name)));
        }
        return new Handover(arch, memory, plan.kernelEntry(), registers, plan.image().layout(), run.cpu());
    }

    private static Path privateDirectory() throws IOException {
        try {
            return Files.createTempDirectory("kexec-lab-boot-check-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempDirectory("kexec-lab-boot-check-");
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
