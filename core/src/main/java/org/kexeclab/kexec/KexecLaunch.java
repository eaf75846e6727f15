package org.kexeclab.kexec;

import org.kexeclab.asm.Stub;

/**
 * The state {@link MachineKexec#prepare} leaves behind: the stub as placed in the control page
 * (data slots patched) and the address of its first instruction.
 *
 * @param stub        the relocation stub as copied into the control page
 * @param begin       where the old kernel jumps: the stub's entry ({@code relocate_kernel})
 * @param controlPage the control page's physical address
 */
public record KexecLaunch(Stub stub, long begin, long controlPage) {
}
