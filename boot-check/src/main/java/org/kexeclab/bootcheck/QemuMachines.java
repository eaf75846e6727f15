package org.kexeclab.bootcheck;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.kexeclab.Arch;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;

/**
 * Finds an architecture's {@link QemuMachine} (its plug-in's binding) and the machine's
 * {@code qemu-system-*} program on {@code PATH}; a missing one is a sentence saying what to
 * install.
 */
public final class QemuMachines {
    private QemuMachines() {
    }

    /** The QEMU machine of {@code arch}, if its plug-in has one. */
    public static Optional<QemuMachine> find(Arch arch) {
        return Arches.find(arch).flatMap(s -> s.binding(QemuMachine.class));
    }

    /** The architectures that have a QEMU machine, in the registry's order. */
    public static List<Arch> arches() {
        return Arches.supports().stream().filter(s -> s.binding(QemuMachine.class).isPresent()).map(ArchSupport::arch)
                .toList();
    }

    /**
     * The QEMU machine of {@code arch}.
     *
     * @throws QemuUnavailableException if the architecture has none (naming those that have one)
     */
    public static QemuMachine forArch(Arch arch) throws QemuUnavailableException {
        return find(arch).orElseThrow(() -> new QemuUnavailableException("boot-check has no QEMU machine for "
                + arch + "; it has one for " + String.join(", ", arches().stream().map(Arch::name).toList())));
    }

    /**
     * {@code machine}'s program, found on {@code PATH}.
     *
     * @throws QemuUnavailableException if it is not there (saying which Debian package ships it)
     */
    public static Path program(QemuMachine machine) throws QemuUnavailableException {
        return onPath(machine.binary()).orElseThrow(() -> new QemuUnavailableException(machine.binary()
                + " is not installed: install Debian's " + machine.debianPackage() + " package (apt-get install "
                + machine.debianPackage() + ")"));
    }

    /** The executable called {@code name} in a directory of {@code PATH}, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
