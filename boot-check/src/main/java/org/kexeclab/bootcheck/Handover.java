package org.kexeclab.bootcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kexeclab.Arch;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;

/**
 * The state the emulator left at the new kernel's entry, as a {@link QemuMachine} turns it into
 * a {@link QemuLaunch}: every destination of the load read back out of the emulated memory
 * after the run, the entry point and the registers the machine names
 * ({@link QemuMachine#entryRegisters()}) as the emulated CPU holds them there.
 * {@link #emulated()} is the emulated memory itself, for state beyond the destinations an
 * architecture needs (page tables a register points at); it is valid only while
 * {@link QemuMachine#launch} runs.
 *
 * @param arch      the architecture
 * @param memory    each destination as the emulator left it, in address order
 * @param entry     the kernel entry the CPU reached
 * @param registers the named registers at that entry, in {@link QemuMachine#entryRegisters()}'s order
 * @param layout    the memory map the load was planned and relocated on
 * @param emulated  the emulated memory
 */
public record Handover(Arch arch, List<MemoryRegion> memory, long entry, Map<String, Long> registers,
                       MemoryLayout layout, GuestMemory emulated) {
    /** Copies the collections. */
    public Handover {
        memory = List.copyOf(memory);
        registers = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
    }

    /**
     * The value of register {@code name} at the entry.
     *
     * @throws IllegalArgumentException if the machine did not name it
     */
    public long register(String name) {
        Long v = registers.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the handover holds no register '" + name + "'");
        }
        return v;
    }

    /**
     * The highest page of free RAM below {@code limit}: allocatable in the layout and outside
     * every destination, where an architecture may put its entry trampoline.
     *
     * @throws IllegalStateException if there is none (a load that fills RAM)
     */
    public long highestFreePage(long limit) {
        long page = layout.pageSize();
        List<AddressRange> ram = new ArrayList<>(layout.allocatableRam());
        for (int i = ram.size() - 1; i >= 0; i--) {
            AddressRange r = ram.get(i);
            long top = Long.compareUnsigned(r.end(), limit) > 0 ? limit : r.end();
            if (Long.compareUnsigned(top, r.start() + page) < 0) {
                continue;
            }
            long p = (top - page) & -page;
            while (Long.compareUnsigned(p, r.start()) >= 0 && Long.compareUnsigned(p + page, top) <= 0) {
                MemoryRegion hit = regionOverlapping(p, p + page);
                if (hit == null) {
                    return p;
                }
                if (Long.compareUnsigned(hit.address(), r.start() + page) < 0) {
                    break;
                }
                p = (hit.address() & -page) - page;
            }
        }
        throw new IllegalStateException("no free page of RAM below 0x" + Long.toHexString(limit)
                + " is left for the entry trampoline");
    }

    private MemoryRegion regionOverlapping(long from, long to) {
        for (MemoryRegion r : memory) {
            if (r.overlaps(from, to)) {
                return r;
            }
        }
        return null;
    }
}
