package org.kexeclab.loader.dt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a load edits the device tree beyond the command line and the initrd, per architecture
 * and kind of load: whether the tree's memory nodes and reservations are kept as they are
 * (some kexec-tools loaders never rewrite a user's or the running machine's memory nodes) or
 * replaced by the machine's, and {@code /chosen} properties a crash load adds (the ELF core
 * header's and the usable memory's {@code <address size>} ranges).
 *
 * @param keepMemory   keep every {@code memory} node and {@code /memreserve/} entry of the tree
 * @param chosenRanges {@code /chosen} property name to {@code {address, size}} pairs, written in
 *                     the root's {@code #address-cells}/{@code #size-cells}, in this order
 */
public record DeviceTreeEdits(boolean keepMemory, Map<String, long[]> chosenRanges) {
    /** The edits of a default load on a generated tree: memory and reservations from the layout, nothing added. */
    public static final DeviceTreeEdits REPLACE_MEMORY = new DeviceTreeEdits(false, Map.of());

    /** Copies the map (order kept). */
    public DeviceTreeEdits {
        chosenRanges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chosenRanges));
    }

    /** These edits plus {@code /chosen/name} = {@code <address size>...}. */
    public DeviceTreeEdits withChosenRange(String name, long... addressSizePairs) {
        if (addressSizePairs.length % 2 != 0) {
            throw new IllegalArgumentException(name + " takes address and size pairs");
        }
        Map<String, long[]> m = new LinkedHashMap<>(chosenRanges);
        m.put(name, addressSizePairs.clone());
        return new DeviceTreeEdits(keepMemory, m);
    }
}
