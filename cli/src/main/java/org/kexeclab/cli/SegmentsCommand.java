package org.kexeclab.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.kexeclab.Arch;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.MachineKexecs;
import org.kexeclab.loader.SegmentListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code segments}: the image's segments and its indirection list, entry by entry. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = {"Print the image's segments and its indirection list, entry by entry, in plain words.",
            "With --kernel FILE [--initrd FILE] [--cmdline TEXT] [--dtb FILE] [--mem SIZE]: the segments "
                + "kexec-tools would load (purgatory included), in the shape of 'kexec -d' output "
                + "(buf, bufsz, mem, memsz per segment), to compare with kexec-tools."})
final class SegmentsCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "x86_64", converter = ArchConverter.class, paramLabel = "ARCH",
            description = "Architecture (word size and byte order of the list; default: ${DEFAULT-VALUE}).")
    Arch arch;

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
        if (kernel.given()) {
            kernel.refuseImageOptions(image);
            spec.commandLine().getOut().print(SegmentListing.format(kernel.plan(arch)));
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (kernel.mem != null) {
            throw new UsageException("--mem goes with --kernel");
        }
        MachineKexec machine = MachineKexecs.forArch(arch);
        LoadedImage loaded = DemoRunner.load(machine, image, "demo");
        KexecImage img = loaded.image();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s image for %s, entry %s%n", img.type(), arch, Text.hex(img.entry()));
        int i = 0;
        for (Segment s : img.segments()) {
            out.printf("segment[%d].buf   = %s%nsegment[%d].bufsz = %s%nsegment[%d].mem   = %s%nsegment[%d].memsz = %s%n",
                    i, s.data(), i, Text.hex(s.bufsz()), i, Text.hex(s.mem()), i, Text.hex(s.memsz()));
            i++;
        }
        out.printf("control page %s, swap page %s%n", Text.hex(loaded.controlPage()),
                loaded.swapPage() == LoadedImage.NO_PAGE ? "none" : Text.hex(loaded.swapPage()));
        StringBuilder b = new StringBuilder();
        loaded.description().describeTo(b);
        out.print(b);
        out.flush();
        return 0;
    }
}
