package org.kexeclab.asm;

/**
 * An architecture's instruction decoder for listings of code the project did not assemble (a
 * kernel's own relocation code): one instruction at a time, its length and its text in the
 * architecture's assembly syntax. Implementations live in the architecture modules, beside
 * their encoders; what they cannot decode they show as data ({@code .byte}, {@code .word}), so a
 * listing always covers every byte.
 */
public interface Disassembler {

    /**
     * One decoded instruction.
     *
     * @param length its length in bytes, at least 1
     * @param text   its text ({@code "mov r11, qword ptr [rsi + 0x8]"}, {@code "ldr x28, [x0, #24]"})
     */
    record Instruction(int length, String text) {
        public Instruction {
            if (length < 1) {
                throw new IllegalArgumentException("an instruction has at least one byte, not " + length);
            }
        }
    }

    /**
     * The instruction whose first byte is {@code code[offset]}, executed at {@code address}
     * (branch targets are shown as addresses); never reads past {@code code.length}.
     */
    Instruction decode(byte[] code, int offset, long address);
}
