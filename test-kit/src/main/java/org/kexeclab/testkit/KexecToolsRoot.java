package org.kexeclab.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.CrashedKernel;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtNode;
import org.kexeclab.loader.dt.FdtWriter;

/**
 * The fake {@code /proc} and {@code /sys} a real kexec-tools reads, for a machine kexec-lab
 * describes ({@code scripts/kexec-tools-plan} runs kexec on it): a file per fact, each written
 * from the same values the kexec-lab side plans with. Which files an architecture's kexec reads
 * is the test's choice; the builder only knows their formats:
 * <ul>
 * <li>{@code proc/iomem}: the layout as resources ({@link #iomem}), the running kernel's code
 *     and data and the crash kernel reservation nested in their System RAM;</li>
 * <li>{@code sys/firmware/memmap/N/{start,end,type}}: the top-level e820 ranges;</li>
 * <li>{@code proc/cmdline}, {@code proc/mounts}, {@code proc/kallsyms}, {@code proc/kcore}
 *     (an ELF core header: PT_LOADs and an optional VMCOREINFO note);</li>
 * <li>{@code sys/kernel/boot_params/{data,version}}, {@code sys/kernel/vmcoreinfo},
 *     {@code sys/devices/system/cpu/...} with each CPU's {@code crash_notes};</li>
 * <li>{@code sys/firmware/fdt} and the same tree unflattened under {@code proc/device-tree}.</li>
 * </ul>
 */
public final class KexecToolsRoot {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** One kernel virtual mapping the fake {@code /proc/kcore} lists (a PT_LOAD). */
    public record KcoreLoad(long vaddr, long paddr, long size) {
    }

    /**
     * The layout in {@code /proc/iomem}'s syntax: reserved ranges inside RAM as {@code Reserved},
     * the rest of RAM as {@code System RAM}; inside it the running kernel as {@code Kernel code}
     * from {@code codeStart} to {@code codeEnd} and {@code Kernel data} from there to its end,
     * and the crash kernel reservation. Bounds are inclusive, eight hex digits at least.
     */
    public static String iomem(MemoryLayout layout, long codeStart, long codeEnd) {
        List<String[]> top = new ArrayList<>();
        for (AddressRange r : layout.ram()) {
            long at = r.start();
            for (AddressRange res : layout.reserved()) {
                if (res.end() <= at || res.start() >= r.end()) {
                    continue;
                }
                if (res.start() > at) {
                    top.add(range(at, res.start(), "System RAM"));
                }
                top.add(range(Math.max(res.start(), at), Math.min(res.end(), r.end()), "Reserved"));
                at = Math.min(res.end(), r.end());
            }
            if (at < r.end()) {
                top.add(range(at, r.end(), "System RAM"));
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] t : top) {
            b.append(t[0]).append(" : ").append(t[1]).append('\n');
            if (!t[1].equals("System RAM")) {
                continue;
            }
            long s = Long.parseUnsignedLong(t[0].substring(0, t[0].indexOf('-')), 16);
            long e = Long.parseUnsignedLong(t[0].substring(t[0].indexOf('-') + 1), 16) + 1;
            layout.runningKernel().filter(k -> k.start() >= s && k.end() <= e).ifPresent(k -> {
                b.append("  ").append(range(codeStart, codeEnd, "")[0]).append(" : Kernel code\n");
                b.append("  ").append(range(codeEnd, k.end(), "")[0]).append(" : Kernel data\n");
            });
            layout.crashReservation().filter(c -> c.start() >= s && c.end() <= e)
                    .ifPresent(c -> b.append("  ").append(range(c.start(), c.end(), "")[0]).append(" : Crash kernel\n"));
        }
        return b.toString();
    }

    private static String[] range(long start, long end, String name) {
        return new String[] {String.format("%08x-%08x", start, end - 1), name};
    }

    /** Writes {@code proc/iomem}. */
    public KexecToolsRoot iomem(String text) {
        return text("proc/iomem", text);
    }

    /** The resource names the firmware's e820 map uses, as /proc/iomem shows them. */
    static final List<String> E820_NAMES = List.of("System RAM", "Reserved", "reserved", "ACPI Tables",
            "ACPI Non-volatile Storage", "Unusable memory", "Persistent Memory (legacy)", "Persistent Memory");

    /** Writes {@code sys/firmware/memmap/N/*} from the top-level lines of an iomem text with e820 names. */
    public KexecToolsRoot firmwareMemmap(String iomem) {
        int n = 0;
        for (String line : iomem.split("\n")) {
            if (line.startsWith(" ") || line.isBlank() || !E820_NAMES.contains(line.substring(line.indexOf(" : ") + 3))) {
                continue;
            }
            String[] bounds = line.substring(0, line.indexOf(' ')).split("-");
            String dir = "sys/firmware/memmap/" + n++ + "/";
            text(dir + "start", "0x" + bounds[0].replaceFirst("^0+(?=.)", "") + "\n");
            text(dir + "end", "0x" + bounds[1].replaceFirst("^0+(?=.)", "") + "\n");
            text(dir + "type", line.substring(line.indexOf(" : ") + 3) + "\n");
        }
        return this;
    }

    /** Writes {@code proc/cmdline} and {@code proc/mounts} (sysfs at /sys, which x86's boot_params lookup needs). */
    public KexecToolsRoot runningCommandLine(String cmdline) {
        text("proc/cmdline", cmdline + "\n");
        return text("proc/mounts", "sysfs /sys sysfs rw,relatime 0 0\nproc /proc proc rw,relatime 0 0\n");
    }

    /** Writes {@code sys/kernel/boot_params}: 4096 zero bytes and a protocol version. */
    public KexecToolsRoot zeroBootParams(int version) {
        files.put("sys/kernel/boot_params/data", new byte[4096]);
        return text("sys/kernel/boot_params/version", String.format("0x%04x%n", version));
    }

    /** Writes {@code proc/kallsyms} with these symbols (type T, address order as given). */
    public KexecToolsRoot kallsyms(Map<String, Long> symbols) {
        StringBuilder b = new StringBuilder();
        symbols.forEach((name, a) -> b.append(String.format("%016x %s %s%n", a, name.equals("_end") ? "B" : "T", name)));
        return text("proc/kallsyms", b.toString());
    }

    /** Writes {@code proc/kcore}: an ELF64 core header with {@code loads} and, if given, a VMCOREINFO note. */
    public KexecToolsRoot kcore(int machine, ByteOrder order, List<KcoreLoad> loads, String vmcoreinfo) {
        byte[] note = vmcoreinfo == null ? new byte[0] : note("VMCOREINFO", vmcoreinfo.getBytes(StandardCharsets.US_ASCII),
                order);
        int phnum = (note.length > 0 ? 1 : 0) + loads.size();
        ByteBuffer b = ByteBuffer.allocate(64 + 56 * phnum + note.length).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1, 0});
        b.position(16);
        b.putShort((short) 4).putShort((short) machine).putInt(1).putLong(0).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) phnum).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        if (note.length > 0) {
            b.putInt(4).putInt(0).putLong(64 + 56L * phnum).putLong(0).putLong(0).putLong(note.length)
                    .putLong(0).putLong(0);
        }
        long offset = 0x1000;
        for (KcoreLoad l : loads) {
            b.putInt(1).putInt(7).putLong(offset).putLong(l.vaddr()).putLong(l.paddr()).putLong(l.size())
                    .putLong(l.size()).putLong(4096);
            offset += l.size();
        }
        b.put(note);
        files.put("proc/kcore", b.array());
        return this;
    }

    private static byte[] note(String name, byte[] desc, ByteOrder order) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        int nl = (n.length + 3) & ~3;
        int dl = (desc.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + nl + dl).order(order);
        b.putInt(n.length).putInt(desc.length).putInt(0).put(n).position(12 + nl);
        b.put(desc);
        return b.array();
    }

    /**
     * Writes what a crash load reads about the CPUs and notes: {@code sys/devices/system/cpu/
     * {possible,present,online}}, each CPU's {@code crash_notes} (hex address) and
     * {@code crash_notes_size}, and {@code sys/kernel/vmcoreinfo} ("ADDR SIZE", both hex).
     */
    public KexecToolsRoot cpus(CrashedKernel k) {
        String list = k.cpus() == 1 ? "0\n" : "0-" + (k.cpus() - 1) + "\n";
        for (String f : List.of("possible", "present", "online")) {
            text("sys/devices/system/cpu/" + f, list);
        }
        for (int i = 0; i < k.cpus(); i++) {
            text("sys/devices/system/cpu/cpu" + i + "/crash_notes", Long.toHexString(k.crashNotes().get(i)) + "\n");
            text("sys/devices/system/cpu/cpu" + i + "/crash_notes_size", k.crashNotesSize() + "\n");
        }
        return text("sys/kernel/vmcoreinfo", String.format("0x%016x %x%n", k.vmcoreinfo(), k.vmcoreinfoSize()));
    }

    /** Writes {@code sys/firmware/fdt} and the tree unflattened under {@code proc/device-tree}. */
    public KexecToolsRoot deviceTree(Fdt fdt) {
        files.put("sys/firmware/fdt", FdtWriter.write(fdt));
        unflatten(fdt.root(), "proc/device-tree");
        return this;
    }

    private void unflatten(FdtNode node, String dir) {
        if (!node.name().isEmpty()) {
            int at = node.name().indexOf('@');
            files.put(dir + "/name", ((at < 0 ? node.name() : node.name().substring(0, at)) + "\0")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        node.properties().forEach((p, v) -> files.put(dir + "/" + p, v.clone()));
        for (FdtNode c : node.children()) {
            unflatten(c, dir + "/" + c.name());
        }
    }

    /** Writes {@code bytes} at {@code path} (relative to the root, e.g. {@code proc/device-tree/chosen/x}). */
    public KexecToolsRoot file(String path, byte[] bytes) {
        files.put(path, bytes.clone());
        return this;
    }

    private KexecToolsRoot text(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Writes every file under {@code dir} (created; {@code proc/} and {@code sys/} always exist). */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir.resolve("proc"));
            Files.createDirectories(dir.resolve("sys"));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
