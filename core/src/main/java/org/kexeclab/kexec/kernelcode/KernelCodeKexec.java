package org.kexeclab.kexec.kernelcode;

import java.util.List;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.kexec.StandardMachine;
import org.kexeclab.vmlinux.RelocationCode;

/**
 * A {@link MachineKexec} whose relocation code is the kernel's own: its {@link #assembleStub}
 * is the kernel's code as found in a kernel file (listed by its symbols), its
 * {@link #prepare} sets up what that kernel's {@code machine_kexec} sets up before calling
 * it, and its {@link #entryProtocol} is what that code leaves at the new kernel's entry. Built
 * by an architecture's {@link KernelRelocation}.
 */
public interface KernelCodeKexec extends MachineKexec {

    /** The kernel's code, labels and field offsets, as the locator found them. */
    RelocationCode code();

    /** Where the code came from, in a few words ("relocate_kernel, 496 bytes at 0xffffffff81078000"). */
    String describe();

    /**
     * Why the kernel's {@code machine_kexec} would not call its relocation code for
     * {@code loaded} (some architectures jump straight to an image loaded in place), as one sentence;
     * null if it would.
     */
    default String refusal(LoadedImage loaded) {
        return null;
    }

    /**
     * The machine a load for this code is planned on, of {@code ramSize} bytes: the standard
     * sparse layout unless the code needs more (the old kernel it belongs to kept in RAM, the
     * kernel's own page size for the list).
     */
    default MemoryLayout layout(long ramSize) {
        return StandardMachine.layout(ramSize).sparse().build();
    }

    /**
     * How a run of this code differs from a run of kexec-lab's stub on the same image by design,
     * one sentence each (a swap through the swap page where the stub copies, a copy with the MMU
     * on, a different stack at entry), for {@code compare}.
     */
    List<String> differencesFromStub();
}
