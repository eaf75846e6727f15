package org.kexeclab.engine.unicorn;

import com.sun.jna.Pointer;

/**
 * Keeps Unicorn's cache of translated blocks consistent with what the next run needs. Blocks are
 * translated with the hooks and the {@code until} address of their time (unicorn issues 2200 and
 * 2341), so after a change the affected blocks are dropped with {@code uc_ctl} remove-cache.
 * A full {@code UC_CTL_TB_FLUSH} is never used: in 2.0.1 it costs about half a second.
 *
 * <p>Only executable mapped memory holds translated code, and remove-cache must only be given such
 * addresses (it looks the page up as an instruction fetch), so this class tracks it.
 */
final class TranslationCache {
    private final Pointer uc;
    private final UnicornCpu cpu;
    private final MappedRanges executable = new MappedRanges();
    private boolean translatedAnything;
    private long lastUntil = -1;
    private long lastGeneration;
    private boolean lastCounting;

    TranslationCache(UnicornCpu cpu, long uc) {
        this.cpu = cpu;
        this.uc = new Pointer(uc);
    }

    /** Records new permissions of {@code [address, address + size)}, dropping its old translations. */
    void permissions(long address, long size, int perms) {
        dropRange(address, address + size);
        if ((perms & org.kexeclab.engine.Perm.EXEC) != 0) {
            executable.add(address, size);
        } else {
            executable.remove(address, size);
        }
    }

    /**
     * Records that Java wrote {@code [address, address + size)}: Unicorn 2.0.1 keeps running
     * blocks it translated from the old bytes after {@code uc_mem_write}, so code written there
     * must drop them (free before the first run, when nothing is translated yet).
     */
    void written(long address, long size) {
        if (size > 0) {
            dropRange(address, address + size);
        }
    }

    /**
     * True if {@code [address, address + size)} may hold translated code: something was
     * translated since the CPU opened, and the range overlaps executable memory.
     */
    boolean mayHoldCode(long address, long size) {
        if (!translatedAnything || size <= 0) {
            return false;
        }
        for (int i = 0; i < executable.size(); i++) {
            if (Long.compareUnsigned(address, executable.end(i)) < 0
                    && Long.compareUnsigned(executable.start(i), address + size) < 0) {
                return true;
            }
        }
        return false;
    }

    /** True if the guest may execute at {@code address} (the permissions the {@code Cpu} API was given). */
    boolean isExecutable(long address) {
        return executable.contains(address);
    }

    /** Drops every translated block overlapping {@code [start, end)} (a block that must never run again as is). */
    void forget(long start, long end) {
        dropRange(start, end);
    }

    /** Records that {@code [address, address + size)} was unmapped. */
    void unmapped(long address, long size) {
        executable.remove(address, size);
    }

    /** Called before each run: drops the blocks that were translated under different conditions. */
    void prepare(long until, long hookGeneration, boolean counting) {
        if (!translatedAnything) {
            translatedAnything = true;
        } else {
            if (hookGeneration != lastGeneration || counting != lastCounting) {
                dropAll();
            } else if (until != lastUntil) {
                dropAt(lastUntil);
                dropAt(until);
            }
        }
        lastUntil = until;
        lastGeneration = hookGeneration;
        lastCounting = counting;
    }

    private void dropAll() {
        for (int i = 0; i < executable.size(); i++) {
            drop(executable.start(i), executable.end(i));
        }
    }

    private void dropAt(long address) {
        if (executable.contains(address)) {
            drop(address, address + 1);
        }
    }

    private void dropRange(long start, long end) {
        if (!translatedAnything) {
            return;
        }
        for (int i = 0; i < executable.size(); i++) {
            long s = Math.max(start, executable.start(i));
            long e = Math.min(end, executable.end(i));
            if (Long.compareUnsigned(s, e) < 0) {
                drop(s, e);
            }
        }
    }

    private void drop(long start, long end) {
        int err = UcLibrary.variadic().uc_ctl(uc, UcConst.UC_CTL_WRITE_TB_REMOVE_CACHE, start, end);
        cpu.check(err, String.format("ctl remove translation cache 0x%x..0x%x", start, end));
    }
}
