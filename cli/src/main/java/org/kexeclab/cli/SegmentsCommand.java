package org.kexeclab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.loader.log.SegmentListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code segments}: the image's segments and its indirection list, entry by entry. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = {"Print the image's segments and its indirection list, entry by entry, in plain words.",
            "With --kernel FILE [--initrd FILE] [--cmdline TEXT] [--dtb FILE] [--mem SIZE]: the segments "
                + "kexec-tools would load (purgatory included), in the shape of 'kexec -d' output "
                + "(buf, bufsz, mem, memsz per segment), to compare with kexec-tools.",
            "With --crash: the segments 'kexec -p' would load into the crash kernel reservation (--crashkernel). "
                + "With --json: the same plan as one JSON object.",
            "With --kexec-log FILE [--mem SIZE]: the logged layout as it is replayed, with the memory map and "
                + "every RAM window the emulated machine maps."})
final class SegmentsCommand implements Callable<Integer> {
    @Option(names = "--arch", converter = ArchConverter.class, paramLabel = "ARCH",
            description = "Architecture (word size and byte order of the list; default: ${bundle:kexeclab.archDefault}, with --kexec-log "
                    + "the log's flags).")
    Arch arch;

    @Option(names = "--kexec-log", paramLabel = "FILE",
            description = "List the replayed layout of a 'kexec -d -l ...' log and the RAM windows it maps.")
    Path kexecLog;

    @Option(names = "--json", description = "With --kernel: the plan as one JSON object, with the fields kexec -d "
            + "prints (entry, flags, nr_segments; buf, bufsz, mem, memsz per segment).")
    boolean json;

    @Mixin
    ImageOptions image;

    @Mixin
    KernelOptions kernel;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        kernel.requireKernelForExtras();
        if (json && !kernel.given()) {
            throw new UsageException("--json goes with --kernel (the plan of a kernel file)");
        }
        if (kexecLog != null) {
            if (kernel.given()) {
                throw new UsageException("--kexec-log and --kernel cannot be used together: the log is the layout");
            }
            kernel.refuseImageOptions(image);
            LogReplay replay = LogReplay.load(kexecLog, arch, kernel.mem, image);
            printLoaded(spec.commandLine().getOut(), replay.heading(), replay.loaded(), replay.memoryText());
            return 0;
        }
        if (kernel.given()) {
            kernel.refuseImageOptions(image);
            arch = kernel.arch(arch);
            LoadPlan plan = kernel.plan(arch);
            kernel.load(plan, image);   // refuses what run refuses, before anything is printed
            spec.commandLine().getOut().print(json
                    ? OutcomeJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PlanJson.of(plan)) + "\n"
                    : SegmentListing.format(plan));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (kernel.mem != null) {
            throw new UsageException("--mem goes with --kernel or --kexec-log");
        }
        if (arch == null) {
            arch = Arches.all().get(0);
        }
        MachineKexec machine = Arches.support(arch).machineKexec();
        LoadedImage loaded = DemoRunner.load(machine, image, "demo");
        KexecImage img = loaded.image();
        printLoaded(spec.commandLine().getOut(), String.format("%s image for %s, entry %s", img.type(), img.arch(),
                Text.hex(img.entry())), loaded, "");
        return 0;
    }

    /**
     * {@code heading}, the image's segments in kexec -d shape, then {@code memory} (the
     * replay's memory map and mapped windows, or nothing), its control and swap pages, and its
     * list entry by entry.
     */
    private static void printLoaded(PrintWriter out, String heading, LoadedImage loaded, String memory) {
        KexecImage img = loaded.image();
        out.println(heading);
        int i = 0;
        for (Segment s : img.segments()) {
            out.printf("segment[%d].buf   = %s%nsegment[%d].bufsz = %s%nsegment[%d].mem   = %s%nsegment[%d].memsz = %s%n",
                    i, s.data(), i, Text.hex(s.bufsz()), i, Text.hex(s.mem()), i, Text.hex(s.memsz()));
            i++;
        }
        out.print(memory);
        out.printf("control page %s, swap page %s%n", Text.hex(loaded.controlPage()),
                loaded.swapPage() == LoadedImage.NO_PAGE ? "none" : Text.hex(loaded.swapPage()));
        StringBuilder b = new StringBuilder();
        loaded.description().describeTo(b);
        out.print(b);
        out.flush();
    }
}
