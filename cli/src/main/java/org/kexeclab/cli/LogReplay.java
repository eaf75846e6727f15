package org.kexeclab.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.load.KexecLoad;
import org.kexeclab.loader.log.KexecLog;
import org.kexeclab.loader.log.KexecLogException;
import org.kexeclab.loader.log.KexecLogParser;

/**
 * A {@code kexec -d} log loaded for replay ({@code run}, {@code segments}, {@code compare} and
 * {@code panic} with {@code --kexec-log}): the parsed log, its architecture, the sparse machine it replays on
 * (the log's memory map, a standard machine just large enough, or {@code --mem}) and the
 * load, whose {@link LoadedImage#mappedWindows()} are all the engine maps.
 *
 * <p>The log's flags are honoured: another architecture's field or an unknown flag is refused
 * as {@code kexec_load} refuses it, {@code KEXEC_ON_CRASH} replays a crash image in a
 * reservation derived from the segments, {@code KEXEC_PRESERVE_CONTEXT} swaps (where the architecture takes it; EINVAL
 * elsewhere, like {@code --preserve-context}).
 *
 * @param file    the log file, for messages
 * @param log     the parsed log
 * @param memory  where the memory map came from, in words
 * @param loaded  the loaded image
 * @param options how to run it: the command's options, preserving context if the log's flags say so
 */
record LogReplay(Path file, KexecLog log, String memory, LoadedImage loaded, KexecOptions options) {

    /**
     * Parses {@code file} and loads its layout for {@code arch} (null: from the log's flags)
     * on a sparse machine; {@code mem} (nullable) replaces the log's memory map.
     *
     * @throws KexecLoadException if the kernel would refuse the logged layout
     */
    static LogReplay load(Path file, Arch arch, String mem, ImageOptions image) throws KexecLoadException {
        return load(file, parse(file), arch, mem, image);
    }

    /**
     * As {@link #load(Path, Arch, String, ImageOptions)}, for a log that must be a crash load
     * ({@code kexec -p}, {@code KEXEC_ON_CRASH} in its flags): the crash image {@code panic} jumps to.
     *
     * @throws UsageException if the log's flags do not say {@code KEXEC_ON_CRASH}
     */
    static LogReplay loadCrash(Path file, Arch arch, String mem, ImageOptions image) throws KexecLoadException {
        KexecLog log = parse(file);
        if (!log.onCrash()) {
            throw new UsageException("--kexec-log: '" + file + "' is not a kexec -p log: "
                    + log.flags().map(f -> "its flags " + Text.hex(f) + " do not").orElse("it logs no flags to")
                    + " say KEXEC_ON_CRASH (0x1), so there is no crash image for panic to jump to");
        }
        return load(file, log, arch, mem, image);
    }

    private static LogReplay load(Path file, KexecLog log, Arch arch, String mem, ImageOptions image)
            throws KexecLoadException {
        Arch target = arch != null ? arch : log.archFromFlags().orElseThrow(() -> new UsageException(
                "--kexec-log: the log's flags do not name the architecture; give --arch"));
        try {
            log.checkFlags(target);
        } catch (KexecLoadException e) {
            throw arch == null ? e : e.withHint("leave --arch out to replay the log on the architecture it names");
        }
        MemoryLayout layout;
        String memory;
        if (mem != null) {
            long size = KernelOptions.parseRam(mem);
            layout = log.layout(size);
            memory = String.format(Locale.ROOT, "--mem: RAM [0x0, %s)", Text.hex(size));
        } else {
            layout = log.layout();
            memory = log.ram().isEmpty()
                    ? String.format(Locale.ROOT, "no memory map in the log: RAM [0x0, %s)", Text.hex(log.minimumRam()))
                    : "the log's MEMORY RANGES: RAM " + ranges(log.ram());
        }
        memory += layout.crashReservation().map(r -> String.format(Locale.ROOT, "; crash kernel reservation [%s, %s) "
                + "around the segments (kexec -d does not print crashk_res)", Text.hex(r.start()), Text.hex(r.end())))
                .orElse("");
        KexecOptions options = image.kexecOptions().withPreserveContext(image.preserveContext || log.preserveContext());
        MachineKexec machine = Arches.support(target).machineKexec();
        LoadedImage loaded = KexecLoad.load(machine, log.toImage(target, layout),
                image.loadOptions(machine.controlPages()), options);
        return new LogReplay(file, log, memory, loaded, options);
    }

    /** The kind of load the log is, in words: "a default load", "a crash load (KEXEC_ON_CRASH)", ... */
    String kind() {
        String kind = log.onCrash() ? "a crash load (KEXEC_ON_CRASH)" : "a default load";
        return log.preserveContext() ? kind + " preserving context (KEXEC_PRESERVE_CONTEXT)" : kind;
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

    /**
     * What is listed, in words: "kexec -d log 'FILE' (flags 0x3e0000), replayed as a default
     * load on ARCH, entry 0x63fff7760".
     */
    String heading() {
        String flags = log.flags().map(f -> "flags " + Text.hex(f)).orElse("no flags logged");
        return String.format(Locale.ROOT, "kexec -d log '%s' (%s), replayed as %s on %s, entry %s", file, flags,
                kind(), arch(), Text.hex(loaded.image().entry()));
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
