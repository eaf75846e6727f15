package org.kexeclab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KernelEntryLeg;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.loader.plan.LoadPlan;
import org.kexeclab.trace.TraceLeg;
import org.kexeclab.trace.Tracer;

/**
 * The load {@code trace} follows, from its options: a built-in image or the user's segments
 * (as {@code run}), a real kernel planned as kexec-tools would with its purgatory
 * ({@code --kernel}), or a replayed {@code kexec -d} layout ({@code --kexec-log}).
 *
 * @param machine the architecture's half of kexec
 * @param loaded  the load, as {@code kexec_load} accepted it
 * @param options how to run it
 * @param plan    the kernel's plan when a real kernel is loaded (its purgatory runs after the stub), else null
 * @param image   the image in words, for headers
 */
record TraceTarget(MachineKexec machine, LoadedImage loaded, KexecOptions options, LoadPlan plan, String image) {

    /**
     * The load the options name on {@code arch}.
     *
     * @throws UsageException if options that do not go together are given
     */
    static TraceTarget of(Arch arch, ImageOptions image, KernelOptions kernel, Path kexecLog,
                          RelocatorOptions relocator) throws KexecLoadException {
        kernel.requireKernelForExtras();
        if (kexecLog != null) {
            if (kernel.given()) {
                throw new UsageException("--kexec-log and --kernel cannot be used together: the log is the layout");
            }
            kernel.refuseImageOptions(image);
            LogReplay replay = LogReplay.load(kexecLog, arch, kernel.mem, image);
            MachineKexec replayed = relocator.machine(replay.arch(), null);
            return new TraceTarget(replayed, Relocators.refuseUnfit(replayed, replay.loaded()), replay.options(), null,
                    "the layout of the kexec -d log '" + kexecLog + "' (" + replay.kind() + ", contents generated)");
        }
        if (kernel.given()) {
            kernel.refuseImageOptions(image);
            MachineKexec machine = relocator.machine(arch, kernel.kernel);
            LoadPlan plan = kernel.plan(arch, List.of(machine));
            return new TraceTarget(machine, kernel.load(machine, plan, image), image.kexecOptions(), plan,
                    String.format(Locale.ROOT, "the %s '%s' with the %s purgatory, %d segments",
                            plan.kernelFormat(), kernel.kernel, arch, plan.segments().size()));
        }
        if (kernel.mem != null) {
            throw new UsageException("--mem goes with --kernel or --kexec-log");
        }
        MachineKexec machine = relocator.machine(arch, null);
        LoadedImage loaded = DemoRunner.load(machine, image, "small");
        return new TraceTarget(machine, loaded, image.kexecOptions(), null, imageWords(image, "small"));
    }

    /** The image {@code image} names in words (built-in images default to {@code defaultImage}). */
    static String imageWords(ImageOptions image, String defaultImage) {
        if (!image.segments.isEmpty()) {
            return "your segments " + String.join(", ", image.segments) + ", entry " + image.entry;
        }
        String name = image.image != null ? image.image : image.crash ? "demo" : defaultImage;
        return "the " + name + " image" + (image.crash ? " (crash variant)" : "")
                + (image.preserveContext ? ", preserving context" : "");
    }

    /** A name per segment where the load has them (a kernel's plan: kernel, initrd, purgatory...), else empty. */
    java.util.List<String> labels() {
        return plan == null ? java.util.List.of() : plan.segments().stream().map(s -> s.label()).toList();
    }

    /**
     * The legs a trace of this load follows: the relocation stub {@code stub} to the image's
     * entry; for a real kernel that entry is the purgatory's, and a second leg runs the
     * purgatory to the kernel's entry.
     */
    List<TraceLeg> legs(Stub stub) {
        long entry = loaded.image().entry();
        if (plan == null || plan.purgatoryStub().isEmpty()) {
            return List.of(Tracer.stubLeg(stub, entry));
        }
        return List.of(new TraceLeg("stub", stub, entry, "the purgatory's entry"),
                new TraceLeg("purgatory", plan.purgatoryStub().get(), plan.kernelEntry(), "the kernel's entry"));
    }

    /** The architecture. */
    Arch arch() {
        return machine.arch();
    }

    /**
     * After {@code run} relocated: follows a real kernel's purgatory to the kernel entry and
     * checks the boot registers there; null when there is no purgatory or the stub did not
     * reach it.
     */
    KernelEntryLeg.Outcome followPurgatory(KexecRun run, KexecOutcome relocation) {
        if (plan == null || !relocation.reachedEntry()) {
            return null;
        }
        return KernelEntryLeg.follow(run, plan.kernelEntry(), plan.bootRegisters());
    }

    /**
     * How the run ended, in one sentence: the relocation's, and with a purgatory whether it
     * reached the kernel entry with the boot registers; null for {@code leg} if it did not run.
     */
    String sentence(KexecOutcome relocation, KernelEntryLeg.Outcome leg) {
        String s = TraceCommand.sentence(relocation);
        if (plan == null || !relocation.verified()) {
            return s;
        }
        if (leg == null) {
            return s + "; the purgatory did not run";
        }
        return leg.verified()
                ? s + String.format("; the purgatory reached the kernel entry %s with the boot registers",
                        Text.hex(plan.kernelEntry()))
                : "FAILED: " + leg.failures().get(0);
    }

    /** True if the run verified, the purgatory's leg included. */
    boolean verified(KexecOutcome relocation, KernelEntryLeg.Outcome leg) {
        return relocation.verified() && (plan == null || leg != null && leg.verified());
    }
}
