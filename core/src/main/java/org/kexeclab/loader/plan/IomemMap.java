package org.kexeclab.loader.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.StandardMachine;

/**
 * A machine's memory map in {@code /proc/iomem}'s syntax, the file kexec-tools reads it from:
 * one resource per line, {@code START-END : NAME} with inclusive hexadecimal bounds, two more
 * spaces of indent for each level of nesting. Blank lines and lines starting with {@code #} are
 * skipped.
 *
 * <p>What a load takes from it: RAM is every top-level {@code System RAM} resource, narrowed to
 * whole pages; the crash kernel reservation is a {@code Crash kernel} resource; the running
 * kernel is the span of its {@code Kernel code}, {@code Kernel data}, {@code Kernel rodata} and
 * {@code Kernel bss} resources. Every other resource is not RAM for kexec (firmware, devices).
 * {@link #layout()} makes it a sparse standard machine: its first MiB stays the machine's own.
 */
public final class IomemMap {
    /** The resource names that are RAM at the top level. */
    public static final String SYSTEM_RAM = "System RAM";
    /** The name of the crash kernel reservation. */
    public static final String CRASH_KERNEL = "Crash kernel";
    private static final Pattern LINE = Pattern.compile("( *)([0-9a-fA-F]+)-([0-9a-fA-F]+) : (\\S.*)");
    private static final List<String> KERNEL_PARTS = List.of("Kernel code", "Kernel rodata", "Kernel data",
            "Kernel bss");

    /**
     * One line of the map.
     *
     * @param start first byte
     * @param last  last byte (inclusive, as the file says)
     * @param name  the resource's name
     * @param depth nesting level (0 = top level)
     */
    public record Resource(long start, long last, String name, int depth) {
        /** The resource as a half-open range. */
        public AddressRange range() {
            return new AddressRange(start, last + 1, name);
        }
    }

    private final List<Resource> resources;

    private IomemMap(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    /**
     * Parses {@code text}.
     *
     * @throws MemoryMapException for a line that is not a resource, a resource outside its
     *                            parent or overlapping a sibling, odd indentation, two crash
     *                            kernel reservations, or a map without System RAM
     */
    public static IomemMap parse(String text) throws MemoryMapException {
        List<Resource> out = new ArrayList<>();
        List<Resource> open = new ArrayList<>();   // the innermost resource at each depth
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Resource r = resource(i + 1, line, open.size());
            nest(i + 1, r, open);
            out.add(r);
        }
        IomemMap map = new IomemMap(out);
        if (map.ram().isEmpty()) {
            throw new MemoryMapException(0, "the map has no top-level System RAM resource of at least one whole page");
        }
        if (out.stream().filter(r -> r.name().equals(CRASH_KERNEL)).count() > 1) {
            throw new MemoryMapException(0, "the map has more than one Crash kernel resource");
        }
        return map;
    }

    private static Resource resource(int n, String line, int openDepth) throws MemoryMapException {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new MemoryMapException(n, "'" + line.strip() + "' is not a resource (START-END : NAME, hexadecimal)");
        }
        if (m.group(1).length() % 2 != 0 || m.group(1).length() / 2 > openDepth) {
            throw new MemoryMapException(n, "the indent of '" + line.strip() + "' is not two spaces per level below "
                    + "the resource above it");
        }
        long start;
        long last;
        try {
            start = Long.parseUnsignedLong(m.group(2), 16);
            last = Long.parseUnsignedLong(m.group(3), 16);
        } catch (NumberFormatException e) {
            throw new MemoryMapException(n, "'" + m.group(2) + "-" + m.group(3) + "' does not fit 64 bits");
        }
        if (Long.compareUnsigned(last, start) < 0 || last == -1L) {
            throw new MemoryMapException(n, String.format("the end 0x%x is below the start 0x%x, or the last byte of "
                    + "the address space", last, start));
        }
        return new Resource(start, last, m.group(4).strip(), m.group(1).length() / 2);
    }

    /** Checks {@code r} lies inside its parent and after its previous sibling, and makes it the open one. */
    private static void nest(int n, Resource r, List<Resource> open) throws MemoryMapException {
        while (open.size() > r.depth()) {
            Resource closed = open.remove(open.size() - 1);
            if (open.size() == r.depth() && Long.compareUnsigned(r.start(), closed.last()) <= 0) {
                throw new MemoryMapException(n, String.format("%s at 0x%x overlaps %s [0x%x-0x%x] or comes before it",
                        r.name(), r.start(), closed.name(), closed.start(), closed.last()));
            }
        }
        if (r.depth() > 0) {
            Resource parent = open.get(r.depth() - 1);
            if (Long.compareUnsigned(r.start(), parent.start()) < 0 || Long.compareUnsigned(r.last(), parent.last()) > 0) {
                throw new MemoryMapException(n, String.format("%s [0x%x-0x%x] is not inside %s [0x%x-0x%x]", r.name(),
                        r.start(), r.last(), parent.name(), parent.start(), parent.last()));
            }
        }
        open.add(r);
    }

    /** Every resource, in the file's order. */
    public List<Resource> resources() {
        return resources;
    }

    /** RAM: the top-level System RAM resources, each narrowed to whole 4 KiB pages (pieces smaller than a page dropped). */
    public List<AddressRange> ram() {
        List<AddressRange> out = new ArrayList<>();
        for (Resource r : resources) {
            if (r.depth() == 0 && r.name().equals(SYSTEM_RAM)) {
                long start = (r.start() + 0xfff) & -0x1000L;
                long end = (r.last() + 1) & -0x1000L;
                if (Long.compareUnsigned(end, start) > 0) {
                    out.add(new AddressRange(start, end, "RAM"));
                }
            }
        }
        return out;
    }

    /** The crash kernel reservation, if the map has one. */
    public Optional<AddressRange> crashKernel() {
        return resources.stream().filter(r -> r.name().equals(CRASH_KERNEL)).map(Resource::range).findFirst();
    }

    /** The running kernel: from its first to its last part ("Kernel code" .. "Kernel bss"), if the map names them. */
    public Optional<AddressRange> runningKernel() {
        long start = -1;
        long end = 0;
        for (Resource r : resources) {
            if (KERNEL_PARTS.contains(r.name())) {
                start = start < 0 ? r.start() : Math.min(start, r.start());
                end = Math.max(end, r.last() + 1);
            }
        }
        return start < 0 ? Optional.empty() : Optional.of(new AddressRange(start, end, "running kernel"));
    }

    /**
     * The map as a sparse standard machine ({@link StandardMachine#sparseLayout}): its RAM,
     * the machine's first MiB reserved, its crash kernel reservation and running kernel.
     *
     * @throws MemoryMapException if the crash kernel reservation or the running kernel is not inside RAM
     */
    public MemoryLayout layout() throws MemoryMapException {
        MemoryLayout.Builder b = StandardMachine.sparseLayout(ram());
        Optional<AddressRange> crash = crashKernel();
        crash.ifPresent(c -> b.crashReservation(c.start(), c.size()));
        runningKernel().ifPresent(k -> b.runningKernel(k.start(), k.size()));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MemoryMapException(0, e.getMessage() + " (System RAM, whole pages)");
        }
    }
}
