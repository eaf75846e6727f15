package org.kexeclab.loader.dt;

import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.PlanningException;

/**
 * Builds the device tree kexec hands the new kernel where the architecture boots with one, or patches a
 * user's DTB the same way: {@code /chosen} gets {@code bootargs} and
 * {@code linux,initrd-start}/{@code -end}, every {@code /memory} node is replaced by one
 * {@code memory@...} node whose {@code reg} lists the machine's RAM, and the machine's
 * reserved ranges become {@code /memreserve/} entries.
 */
public final class DeviceTrees {
    private DeviceTrees() {
    }

    /** A minimal tree for {@code arch} on {@code layout}: root cells 2/2, /chosen, /memory. */
    public static Fdt standard(Arch arch, MemoryLayout layout) {
        FdtNode root = new FdtNode("");
        root.setCells("#address-cells", 1, 2).setCells("#size-cells", 1, 2);
        root.setString("compatible", "kexec-lab," + arch.name());
        root.setString("model", "kexec-lab standard machine (" + arch.name() + ")");
        root.add(new FdtNode("chosen"));
        return new Fdt(root, List.of(), 0);
    }

    /**
     * {@code fdt} with /chosen, /memory and the reservations set for this load. The nodes
     * of {@code fdt} are edited in place (parse a fresh tree to keep the original).
     *
     * @param cmdline     the kernel command line (bootargs); null leaves bootargs as it is
     * @param initrdStart first byte of the initrd, or -1 for no initrd (removes stale properties)
     * @param initrdEnd   first byte after the initrd
     * @throws PlanningException if an address does not fit the tree's #address-cells/#size-cells
     */
    public static Fdt patch(Fdt fdt, MemoryLayout layout, String cmdline, long initrdStart, long initrdEnd)
            throws PlanningException {
        return patch(fdt, layout, cmdline, initrdStart, initrdEnd, DeviceTreeEdits.REPLACE_MEMORY);
    }

    /**
     * Like {@link #patch(Fdt, MemoryLayout, String, long, long)}; with {@code edits.keepMemory()}
     * the tree's memory nodes and reservations stay as they are, and {@code edits.chosenRanges()}
     * are set in {@code /chosen}.
     */
    public static Fdt patch(Fdt fdt, MemoryLayout layout, String cmdline, long initrdStart, long initrdEnd,
                            DeviceTreeEdits edits) throws PlanningException {
        FdtNode root = fdt.root();
        int addressCells = cells(root, "#address-cells", 2);
        int sizeCells = cells(root, "#size-cells", 1);
        FdtNode chosen = root.childOrCreate("chosen");
        if (cmdline != null) {
            chosen.setString("bootargs", cmdline);
        }
        if (initrdStart >= 0) {
            chosen.setCells("linux,initrd-start", addressCells, checkFits(initrdStart, addressCells, "initrd start"));
            chosen.setCells("linux,initrd-end", addressCells, checkFits(initrdEnd, addressCells, "initrd end"));
        } else {
            chosen.remove("linux,initrd-start").remove("linux,initrd-end");
        }
        for (java.util.Map.Entry<String, long[]> e : edits.chosenRanges().entrySet()) {
            chosen.set(e.getKey(), ranges(e.getValue(), addressCells, sizeCells, e.getKey()));
        }
        if (edits.keepMemory()) {
            return new Fdt(root, fdt.reservations(), fdt.bootCpuId());
        }
        root.removeChildren(n -> n.equals("memory") || n.startsWith("memory@"));
        List<AddressRange> ram = layout.ram();
        FdtNode memory = root.add(new FdtNode("memory@" + Long.toHexString(ram.get(0).start())));
        memory.setString("device_type", "memory");
        memory.set("reg", reg(ram, addressCells, sizeCells));
        List<Fdt.Reservation> rsv = new ArrayList<>();
        for (AddressRange r : layout.reserved()) {
            rsv.add(new Fdt.Reservation(r.start(), r.size()));
        }
        return new Fdt(root, rsv, fdt.bootCpuId());
    }

    /** {@code {address, size, ...}} as cells of the tree's widths. */
    private static byte[] ranges(long[] pairs, int addressCells, int sizeCells, String what) throws PlanningException {
        int entry = (addressCells + sizeCells) * 4;
        byte[] out = new byte[pairs.length / 2 * entry];
        for (int i = 0; i < pairs.length / 2; i++) {
            put(out, i * entry, addressCells, checkFits(pairs[2 * i], addressCells, what + " address"));
            put(out, i * entry + addressCells * 4, sizeCells, checkFits(pairs[2 * i + 1], sizeCells, what + " size"));
        }
        return out;
    }

    private static byte[] reg(List<AddressRange> ram, int addressCells, int sizeCells) throws PlanningException {
        int entry = (addressCells + sizeCells) * 4;
        byte[] out = new byte[ram.size() * entry];
        for (int i = 0; i < ram.size(); i++) {
            AddressRange r = ram.get(i);
            put(out, i * entry, addressCells, checkFits(r.start(), addressCells, "RAM start"));
            put(out, i * entry + addressCells * 4, sizeCells, checkFits(r.size(), sizeCells, "RAM size"));
        }
        return out;
    }

    private static void put(byte[] out, int at, int cells, long v) {
        for (int b = 0; b < cells * 4; b++) {
            int shift = 8 * (cells * 4 - 1 - b);
            out[at + b] = shift >= 64 ? 0 : (byte) (v >>> shift);
        }
    }

    private static long checkFits(long v, int cells, String what) throws PlanningException {
        if (cells < 2 && (v >>> 32) != 0) {
            throw new PlanningException(String.format("the %s 0x%x does not fit the device tree's %d-cell numbers",
                    what, v, cells));
        }
        return v;
    }

    private static int cells(FdtNode root, String prop, int dflt) throws PlanningException {
        long v = root.number(prop).orElse((long) dflt);
        if (v < 1 || v > 2) {
            throw new PlanningException(String.format("the device tree's root %s is %d; only 1 or 2 are supported",
                    prop, v));
        }
        return (int) v;
    }
}
