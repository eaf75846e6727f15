package org.kexeclab.kexec.load;

import java.util.List;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.image.Errno;
import org.kexeclab.image.KexecImage;
import org.kexeclab.image.KexecLoadException;
import org.kexeclab.image.LoadOptions;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.MachineKexec;

/**
 * {@code kexec_load} on one architecture: the architecture-independent checks and allocation
 * of {@link LoadedImage#load} between what only the architecture's {@link MachineKexec} knows.
 * First the flags, as {@code kexec_load} checks them before anything else:
 * {@code KEXEC_PRESERVE_CONTEXT} where the kernel has no {@code CONFIG_KEXEC_JUMP}
 * ({@link MachineKexec#supportsPreserveContext}) is EINVAL. Last the lab's own check, like
 * the lab checks at the end of {@link org.kexeclab.image.LoadChecks}: an entry point the CPU
 * cannot start at ({@link MachineKexec#entryAlignment}) is refused with EINVAL, where the
 * kernel would accept it and the jump would fault.
 *
 * <p>It sits above the architecture registry ({@link Arches}), which its refusals consult, so
 * that {@code org.kexeclab.kexec}, which the registry's plug-ins implement, does not.
 */
public final class KexecLoad {
    private KexecLoad() {
    }

    /**
     * Checks and loads {@code image} for {@code machine} as a run with {@code options} needs it.
     *
     * @throws KexecLoadException with the kernel's errno when the kernel (or the lab's entry
     *                            check) refuses the image
     */
    public static LoadedImage load(MachineKexec machine, KexecImage image, LoadOptions load, KexecOptions options)
            throws KexecLoadException {
        checkFlags(machine, options);
        LoadedImage loaded = LoadedImage.load(image, load);
        checkEntry(machine, image);
        return loaded;
    }

    /** {@code kexec_load}'s flags check: KEXEC_PRESERVE_CONTEXT only with CONFIG_KEXEC_JUMP. */
    public static void checkFlags(MachineKexec machine, KexecOptions options) throws KexecLoadException {
        if (options.preserveContext() && !machine.supportsPreserveContext()) {
            throw new KexecLoadException(Errno.EINVAL, String.format("kexec_load on %s refuses KEXEC_PRESERVE_CONTEXT "
                    + "(--preserve-context): the flag exists only in kernels with CONFIG_KEXEC_JUMP, which %s",
                    machine.arch(), offeredBy()));
        }
    }

    /**
     * Who offers {@code CONFIG_KEXEC_JUMP}, as the end of a sentence ("only FAMILY offers"), from
     * the kernel families of the registered architectures whose machine takes the flag.
     */
    private static String offeredBy() {
        List<String> families = Arches.supports().stream().filter(s -> s.machineKexec().supportsPreserveContext())
                .map(ArchSupport::kernelFamily).distinct().toList();
        if (families.isEmpty()) {
            return "no architecture here offers";
        }
        return "only " + String.join(" and ", families) + (families.size() == 1 ? " offers" : " offer");
    }

    /** The lab's check that the CPU can start at the image's entry point. */
    public static void checkEntry(MachineKexec machine, KexecImage image) throws KexecLoadException {
        long entry = image.entry();
        int alignment = machine.entryAlignment(entry);
        if (Long.remainderUnsigned(entry, alignment) != 0) {
            throw new KexecLoadException(Errno.EINVAL, String.format("entry must be %d-byte aligned on %s, and the "
                    + "entry point 0x%x is not: the CPU could not start the new kernel there", alignment,
                    machine.arch(), entry));
        }
    }
}
