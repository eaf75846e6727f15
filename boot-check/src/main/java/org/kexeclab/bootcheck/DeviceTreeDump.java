package org.kexeclab.bootcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.dt.Fdt;
import org.kexeclab.loader.dt.FdtParser;
import org.kexeclab.loader.dt.FdtWriter;
import org.kexeclab.loader.format.ImageFormatException;
import org.kexeclab.loader.plan.PlanningException;

/**
 * The QEMU machine's own device tree ({@code -M machine,dumpdtb=FILE}), dumped with the very
 * options the boot check runs (the tree depends on the RAM size, the CPU, the serial device),
 * and made ready for a kexec'd kernel by the architecture ({@link QemuMachine#deviceTree}).
 */
final class DeviceTreeDump {
    /** How long QEMU may take to write its tree and exit. */
    static final long TIMEOUT_SECONDS = 60;

    private DeviceTreeDump() {
    }

    /**
     * The machine's tree, ready for the loader (which adds the command line and initrd).
     *
     * @throws QemuUnavailableException if QEMU does not write a readable tree
     * @throws PlanningException        if the architecture cannot use the tree
     */
    static byte[] dump(Path program, QemuMachine machine, long ramSize, MemoryLayout layout, Path dir)
            throws QemuUnavailableException, PlanningException, InterruptedException {
        Path file = dir.resolve("qemu.dtb");
        List<String> argv = QemuCommand.base(program, machine, machine.machine() + ",dumpdtb=" + file.getFileName(),
                ramSize, "null");
        try (QemuProcess q = QemuProcess.start(argv, dir)) {
            if (q.awaitExit(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)) < 0 || !Files.isRegularFile(file)) {
                String why = q.alive() ? "it did not exit within " + TIMEOUT_SECONDS + " s" : firstLine(q.stderr());
                throw new QemuUnavailableException(machine.binary() + " did not dump the " + machine.machine()
                        + " machine's device tree: " + why);
            }
        }
        try {
            Fdt tree = FdtParser.parse(Files.readAllBytes(file));
            return FdtWriter.write(machine.deviceTree(tree, layout));
        } catch (IOException | ImageFormatException e) {
            throw new QemuUnavailableException("the device tree " + machine.binary() + " dumped cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "it wrote nothing";
    }
}
