package org.kexeclab.bootcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line of a boot check, with the memory regions written as files into the
 * check's private directory: the machine with {@code -m}, no default devices, no reboot (a
 * reset ends QEMU instead of looping), no display and no monitor, the serial console on
 * standard output, one {@code -device loader,file=...,addr=...,force-raw=on} per region, the
 * {@code -bios} image when the architecture brings one, and the start address of CPU 0 when it
 * sets one. There is never a {@code -kernel}: QEMU does not load the kernel itself.
 */
final class QemuCommand {
    private QemuCommand() {
    }

    /** The machine's common part: program, {@code -M}, {@code -m}, its options and the fixed ones. */
    static List<String> base(Path program, QemuMachine machine, String machineValue, long ramSize, String serial) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.add("-M");
        argv.add(machineValue);
        argv.add("-m");
        argv.add(megabytes(ramSize));
        argv.addAll(machine.options());
        argv.addAll(List.of("-nodefaults", "-no-reboot", "-display", "none", "-monitor", "none", "-serial", serial));
        return argv;
    }

    /** The whole command for {@code launch}, its regions written into {@code dir} (QEMU runs there: the files are named relative to it). */
    static List<String> of(Path program, QemuMachine machine, long ramSize, QemuLaunch launch, Path dir) {
        List<String> argv = base(program, machine, machine.machine(), ramSize, "stdio");
        if (launch.bios() != null) {
            argv.add("-bios");
            argv.add(write(dir, "bios", launch.bios()).getFileName().toString());
        }
        int i = 0;
        for (MemoryRegion r : launch.regions()) {
            Path f = write(dir, String.format("region-%02d", i++), r);
            argv.add("-device");
            argv.add(String.format("loader,file=%s,addr=0x%x,force-raw=on", f.getFileName(), r.address()));
        }
        if (launch.start() != QemuLaunch.RESET_VECTOR) {
            argv.add("-device");
            argv.add(String.format("loader,addr=0x%x,cpu-num=0", launch.start()));
        }
        return argv;
    }

    /** {@code size} bytes as QEMU's {@code -m} value in MiB ({@code 1024M}). */
    static String megabytes(long size) {
        if (size <= 0 || size % (1 << 20) != 0) {
            throw new IllegalArgumentException("QEMU's RAM is a whole number of MiB, not 0x" + Long.toHexString(size));
        }
        return (size >> 20) + "M";
    }

    private static Path write(Path dir, String name, MemoryRegion r) {
        Path f = dir.resolve(String.format("%s-%x.bin", name, r.address()));
        try {
            Files.write(f, r.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the boot check's " + r.label() + " to " + f, e);
        }
        return f;
    }
}
