package org.kexeclab.bootcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.image.MemoryLayout;

/** QEMU's command line: every region a loader blob at its address, the start, never -kernel. */
class QemuCommandTest {
    @TempDir
    Path dir;

    /** A machine with nothing of an architecture's: only what the command line reads. */
    private static final QemuMachine MACHINE = new QemuMachine() {
        @Override
        public String binary() {
            return "qemu-system-test";
        }

        @Override
        public String debianPackage() {
            return "qemu-system-test";
        }

        @Override
        public String machine() {
            return "board,x-opt=on";
        }

        @Override
        public List<String> options() {
            return List.of("-cpu", "model");
        }

        @Override
        public long ramBase() {
            return 0;
        }

        @Override
        public MemoryLayout layout(long ramSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String consoleArguments() {
            return "console=ttyS0";
        }

        @Override
        public List<String> entryRegisters() {
            return List.of();
        }

        @Override
        public QemuLaunch launch(Handover handover) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void of_regionsAndStart_loaderBlobsAndCpuStartWithoutKernel() throws Exception {
        MemoryRegion kernel = new MemoryRegion(0x40200000L, new byte[] {1, 2, 3}, "kernel");
        QemuLaunch launch = new QemuLaunch(List.of(kernel), null, 0x7fffe000L, "how");
        List<String> argv = QemuCommand.of(Path.of("qemu-system-test"), MACHINE, 1L << 30, launch, dir);
        assertEquals(List.of("qemu-system-test", "-M", "board,x-opt=on", "-m", "1024M", "-cpu", "model", "-nodefaults",
                "-no-reboot", "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-device", "loader,file=region-00-40200000.bin,addr=0x40200000,force-raw=on",
                "-device", "loader,addr=0x7fffe000,cpu-num=0"), argv);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("region-00-40200000.bin")));
        assertFalse(argv.contains("-kernel"));
    }

    @Test
    void of_biosAtResetVector_biosAndNoStart() {
        QemuLaunch launch = new QemuLaunch(List.of(), new MemoryRegion(0, new byte[4096], "firmware"),
                QemuLaunch.RESET_VECTOR, "how");
        List<String> argv = QemuCommand.of(Path.of("qemu-system-test"), MACHINE, 512L << 20, launch, dir);
        assertEquals(List.of("-bios", "bios-0.bin"), argv.subList(argv.size() - 2, argv.size()));
    }

    @Test
    void megabytes_notWholeMib_refused() {
        assertThrows(IllegalArgumentException.class, () -> QemuCommand.megabytes((1L << 30) + 4096));
    }
}
