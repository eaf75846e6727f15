package org.kexeclab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kexeclab.image.ImageType;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.SegmentData;
import org.kexeclab.kexec.DemoImage;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;

/**
 * Builds the image a command works on: the built-in demo image, the small teaching images
 * ({@code one-page}, {@code small}) whose kernel starts with the entry probe, or the user's
 * own segments ({@code --segment FILE@ADDR[,memsz=N]... --entry ADDR}).
 */
final class ImageSource {
    private static final int PAGE = 4096;

    private ImageSource() {
    }

    static KexecImage build(MachineKexec machine, ImageOptions o, String defaultImage) {
        if (!o.segments.isEmpty()) {
            return userImage(machine, o);
        }
        if (o.entry != null) {
            throw new UsageException("--entry goes with --segment: give the segments the entry point is in");
        }
        String name = o.image != null ? o.image : o.crash ? "demo" : defaultImage;
        if (o.crash && !name.equals("demo")) {
            throw new UsageException("--crash goes with the demo image only (the crash variant exists for it alone); "
                    + "leave out --image " + name);
        }
        return switch (name) {
            case "demo" -> DemoImage.build(machine, o.crash);
            case "one-page" -> probeImage(machine, 1, 0);
            case "small" -> probeImage(machine, 2, 3);
            default -> throw new UsageException("--image: unknown image '" + name + "' (use demo, small or one-page)");
        };
    }

    /** A kernel of {@code kernelPages} starting with the probe, and an initrd of {@code initrdPages}. */
    private static KexecImage probeImage(MachineKexec machine, int kernelPages, int initrdPages) {
        long entry = DemoImage.KERNEL;
        byte[] probe = machine.entryProbe(entry, StandardMachine.PROBE_RECORD).code();
        byte[] kernel = new byte[kernelPages * PAGE];
        SegmentData.generated(kernel.length, 1).read(0, kernel, 0, kernel.length);
        System.arraycopy(probe, 0, kernel, 0, probe.length);
        KexecImage.Builder b = KexecImage.builder(machine.arch()).type(ImageType.DEFAULT)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build()).entry(entry)
                .segment(SegmentData.of(kernel), entry, kernel.length);
        if (initrdPages > 0) {
            b.segment(SegmentData.generated((long) initrdPages * PAGE, 3), DemoImage.INITRD, (long) initrdPages * PAGE);
        }
        return b.build();
    }

    private static KexecImage userImage(MachineKexec machine, ImageOptions o) {
        if (o.image != null) {
            throw new UsageException("--image and --segment cannot be used together");
        }
        if (o.crash) {
            throw new UsageException("--crash goes with the demo image only, not with --segment");
        }
        if (o.entry == null) {
            throw new UsageException("--segment needs --entry ADDR: where the new kernel starts");
        }
        KexecImage.Builder b = KexecImage.builder(machine.arch()).type(ImageType.DEFAULT)
                .layout(StandardMachine.layout(StandardMachine.DEFAULT_RAM).build())
                .entry(Numbers.parse(o.entry, "--entry"));
        for (String spec : o.segments) {
            addSegment(b, spec);
        }
        return b.build();
    }

    /** A user's entry point must be inside a segment, or the jump lands in memory nobody wrote. */
    static void requireEntryInASegment(KexecImage image) {
        long entry = image.entry();
        boolean inside = image.segments().stream()
                .anyMatch(s -> Long.compareUnsigned(entry, s.mem()) >= 0 && Long.compareUnsigned(entry - s.mem(), s.memsz()) < 0);
        if (!inside) {
            throw new KexecFailedException(String.format("the entry point 0x%x is outside every segment: the kernel "
                    + "would accept the image, but the CPU would jump into memory the image never wrote", entry));
        }
    }

    private static void addSegment(KexecImage.Builder b, String spec) {
        int at = spec.lastIndexOf('@');
        if (at <= 0) {
            throw new UsageException("--segment '" + spec + "': write FILE@ADDR[,memsz=N]");
        }
        String file = spec.substring(0, at);
        List<String> parts = List.of(spec.substring(at + 1).split(",", -1));
        long mem = Numbers.parse(parts.get(0), "--segment " + file + " address");
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--segment: cannot read '" + file + "' (" + reason(e) + ")");
        }
        long memsz = (data.length + PAGE - 1L) / PAGE * PAGE;
        for (String p : parts.subList(1, parts.size())) {
            if (!p.startsWith("memsz=")) {
                throw new UsageException("--segment '" + spec + "': unknown option '" + p + "' (only memsz=N)");
            }
            memsz = Numbers.parse(p.substring(6), "--segment memsz");
        }
        b.segment(SegmentData.of(data), mem, Math.max(memsz, 0));
    }

    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
