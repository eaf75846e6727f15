package org.kexeclab.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.MachineKexecs;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.loader.KexecLog;
import org.kexeclab.loader.KexecLogException;
import org.kexeclab.loader.KexecLogParser;

/**
 * A {@code kexec -d} log loaded for replay ({@code run} and {@code segments} with
 * {@code --kexec-log}): the parsed log, its architecture, the sparse machine it replays on
 * (the log's memory map, a standard machine just large enough, or {@code --mem}) and the
 * load, whose {@link LoadedImage#mappedWindows()} are all the engine maps.
 *
 * @param file   the log file, for messages
 * @param log    the parsed log
 * @param memory where the memory map came from, in words
 * @param loaded the loaded image
 */
record LogReplay(Path file, KexecLog log, String memory, LoadedImage loaded) {

    /**
     * Parses {@code file} and loads its layout for {@code arch} (null: from the log's flags)
     * on a sparse machine; {@code mem} (nullable) replaces the log's memory map.
     *
     * @throws KexecLoadException if the kernel would refuse the logged layout
     */
    static LogReplay load(Path file, Arch arch, String mem, ImageOptions image) throws KexecLoadException {
        KexecLog log = parse(file);
        Arch target = arch != null ? arch : log.archFromFlags().orElseThrow(() -> new UsageException(
                "--kexec-log: the log's flags do not name the architecture; give --arch"));
        MemoryLayout layout;
        String memory;
        if (mem != null) {
            long size = Numbers.parse(mem, "--mem");
            layout = StandardMachine.layout(size).sparse().build();
            memory = String.format(Locale.ROOT, "--mem: RAM [0x0, %s)", Text.hex(size));
        } else {
            layout = log.layout();
            memory = log.ram().isEmpty()
                    ? String.format(Locale.ROOT, "no memory map in the log: RAM [0x0, %s)", Text.hex(log.minimumRam()))
                    : "the log's MEMORY RANGES: RAM " + ranges(log.ram());
        }
        KexecImage img = log.toImage(target, layout);
        int control = MachineKexecs.forArch(target).controlPages();
        return new LogReplay(file, log, memory, LoadedImage.load(img, image.loadOptions(control)));
    }

    private static KexecLog parse(Path file) {
        String text = new String(KernelOptions.read(file, "--kexec-log"), StandardCharsets.UTF_8);
        try {
            return KexecLogParser.parse(text);
        } catch (KexecLogException e) {
            throw new UsageException("cannot replay '" + file + "': " + e.getMessage());
        }
    }

    /** The architecture replayed. */
    Arch arch() {
        return loaded.image().arch();
    }

    /** "memory ..." and "mapped ..." lines: the memory map and every window the engine maps. */
    String memoryText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("  memory      %s%n", memory));
        List<AddressRange> windows = loaded.mappedWindows();
        b.append(String.format(Locale.ROOT, "  mapped      %s in %d window%s, nothing else (a stray access faults):%n",
                mib(loaded.mappedBytes()), windows.size(), windows.size() == 1 ? "" : "s"));
        for (AddressRange w : windows) {
            String range = "[" + Text.hex(w.start()) + ", " + Text.hex(w.end()) + ")";
            b.append(String.format(Locale.ROOT, "              %-28s %10s  %s%n", range, mib(w.size()), w.label()));
        }
        return b.toString();
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    private static String ranges(List<AddressRange> ram) {
        StringBuilder b = new StringBuilder();
        for (AddressRange r : ram) {
            b.append(b.length() == 0 ? "" : " ")
                    .append(String.format("[%s, %s)", Text.hex(r.start()), Text.hex(r.end())));
        }
        return b.toString();
    }
}
