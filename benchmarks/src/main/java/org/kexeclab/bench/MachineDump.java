package org.kexeclab.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.engine.X86Register;

/**
 * Writes a {@link PreparedRelocation} (in its prepared state) to a file the C harness
 * ({@code benchmarks/native/image.c}, whose header documents the format) loads and runs: the
 * architecture, stub start and entry, RAM size, every register the binding can name with its
 * Unicorn id, the prepared memory's non-zero runs and the pages a run changes. Unicorn register
 * ids come from the binding's own table ({@code UnicornEngine.nativeRegisterId}) so C writes
 * exactly the registers Java set.
 */
public final class MachineDump {
    private static final int ARM64_CP_REG = 290;

    private MachineDump() {
    }

    /** Writes {@code machine} (prepared with its initial memory kept) to {@code file}. */
    public static void write(PreparedRelocation machine, Path file) throws IOException {
        Cpu cpu = machine.cpu();
        List<long[]> regs = registers(cpu);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("KXLABDMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(le(4, archCode(cpu.arch()), 4, regs.size()));
            out.write(le(8, machine.begin(), 8, machine.entry(), 8,
                    machine.kexec().loaded().image().layout().ram().get(0).end()));
            for (long[] r : regs) {
                out.write(le(4, r[0], 4, 0, 8, r[1]));
            }
            writeRuns(out, machine.initialRuns(), machine.initialBytes());
            writeRuns(out, List.of(machine.changedRuns()), List.of(machine.changedContents()));
        }
    }

    private static void writeRuns(OutputStream out, List<long[]> runs, List<byte[]> bytes) throws IOException {
        out.write(le(4, runs.size()));
        for (int i = 0; i < runs.size(); i++) {
            out.write(le(8, runs.get(i)[0], 8, runs.get(i)[1]));
            out.write(bytes.get(i));
        }
    }

    /** {id, value} of every register the binding maps to a plain Unicorn id. */
    private static List<long[]> registers(Cpu cpu) {
        List<long[]> out = new ArrayList<>();
        for (Register r : registersOf(cpu.arch())) {
            int id = unicornId(r);
            if (id > 0 && !(r instanceof Arm64Register && id == ARM64_CP_REG)) {
                out.add(new long[] {id, cpu.readRegister(r)});
            }
        }
        return out;
    }

    private static Register[] registersOf(Arch arch) {
        return switch (arch) {
            case X86_64 -> X86Register.values();
            case ARM64 -> Arm64Register.values();
            case ARM -> ArmRegister.values();
            default -> PpcRegister.values();
        };
    }

    private static int unicornId(Register r) {
        return UnicornEngine.nativeRegisterId(r);
    }

    private static int archCode(Arch arch) {
        return switch (arch) {
            case X86_64 -> 1;
            case ARM64 -> 2;
            case ARM -> 3;
            case PPC32 -> 4;
            default -> throw new IllegalArgumentException("the C harness runs Unicorn, which cannot run " + arch);
        };
    }

    /** Little-endian fields: pairs of (width in bytes, value). */
    private static byte[] le(long... widthValue) {
        int n = 0;
        for (int i = 0; i < widthValue.length; i += 2) {
            n += (int) widthValue[i];
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < widthValue.length; i += 2) {
            if (widthValue[i] == 4) {
                b.putInt((int) widthValue[i + 1]);
            } else {
                b.putLong(widthValue[i + 1]);
            }
        }
        return b.array();
    }
}
