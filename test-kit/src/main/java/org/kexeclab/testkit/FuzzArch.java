package org.kexeclab.testkit;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;

/**
 * What the engine fuzzers ({@link JavaEngineFuzz}, {@link EngineDifferentialFuzz}) need to know
 * of one architecture to make random code it runs and to compare two engines on it. Each arch
 * module's tests implement it once per architecture. A mode is an instruction set of the
 * architecture: 0 is its own, others (32-bit ARM's Thumb) are chosen by
 * {@link #chooseMode}.
 */
public interface FuzzArch {

    /** The architecture. */
    Arch arch();

    /** How many modes there are (0 to this, exclusive). */
    default int modes() {
        return 1;
    }

    /** The mode a new random machine runs in; draws from {@code r} only if there is a choice. */
    default int chooseMode(SplittableRandom r) {
        return 0;
    }

    /** How sentences name the mode: "" for the architecture's own, else a space and its name. */
    default String modeName(int mode) {
        return "";
    }

    /** Bits ORed into an address to run code there in {@code mode}. */
    default long entryBits(int mode) {
        return 0;
    }

    /** Alignment of instructions in {@code mode}, in bytes. */
    int alignment(int mode);

    /** Makes the 32-bit word at {@code c[i..i+3]} more likely a valid instruction of {@code mode}. */
    void bias(byte[] c, int i, int mode, SplittableRandom r);

    /** The length of the instruction of {@code mode} at the start of {@code c}, given that one step moved the PC by {@code delta}; 0 if unknown. */
    int instructionLength(byte[] c, int mode, long delta);

    /** The seed of {@code mode}'s instruction pool ({@link InstructionPool}), fixed so cases stay reproducible. */
    long poolSeed(int mode);

    /** The general registers (and flags) a random machine sets and a differential run compares. */
    List<Register> generalRegisters();

    /** The bits of {@code register} a random machine may set. */
    default long settableBits(Register register) {
        return -1L;
    }

    /** The bits of {@code register} both engines must agree on after a step. */
    default long comparedBits(Register register) {
        return -1L;
    }

    /** Registers compared besides the general ones, with the bits compared. */
    default Map<Register, Long> alsoCompared() {
        return Map.of();
    }

    /** Rewrites code words Unicorn 2.0.1 must not be given (it would kill the process) into harmless ones. */
    default void defuse(byte[] code) {
    }

    /** Why the instruction at {@code code[at]} is not compared between the engines, or null if it is. */
    default String notCompared(byte[] code, int at) {
        return null;
    }

    /** The register whose difference alone is counted apart (flags many instructions leave undefined), or null. */
    default Register flagsCountedApart() {
        return null;
    }

    /** The address a run must begin at to continue where {@code cpu} stopped in {@code mode}. */
    default long resume(Cpu cpu, int mode) {
        return cpu.pc() | entryBits(mode);
    }
}
