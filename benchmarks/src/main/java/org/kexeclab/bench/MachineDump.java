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
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.engine.unicorn.UnicornTarget;

/**
 * Writes a {@link PreparedRelocation} (in its prepared state) to a file the C harness
 * ({@code benchmarks/native/image.c}, whose header documents the format) loads and runs: the
 * Unicorn architecture, mode and program-counter id, the word size, stub start and entry, RAM size, every register the binding can name with its
 * Unicorn id, the prepared memory's non-zero runs and the pages a run changes. Unicorn register
 * ids come from the binding's own table ({@code UnicornEngine.nativeRegisterId}) so C writes
 * exactly the registers Java set.
 */
public final class MachineDump {
    private MachineDump() {
    }

    /** Writes {@code machine} (prepared with its initial memory kept) to {@code file}. */
    public static void write(PreparedRelocation machine, Path file) throws IOException {
        Cpu cpu = machine.cpu();
        List<long[]> regs = registers(cpu);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("KXLABDMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            UnicornTarget target = targetOf(cpu.arch());
            out.write(le(4, target.ucArch(), 4, target.ucMode(), 4, UnicornEngine.nativeRegisterId(cpu.arch(),
                    cpu.registers().pc()), 4, cpu.arch().wordSize(), 4, regs.size()));
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

    /** {id, value} of every register the binding reaches by a plain Unicorn id. */
    private static List<long[]> registers(Cpu cpu) {
        List<long[]> out = new ArrayList<>();
        for (Register r : cpu.registers().all()) {
            int id = UnicornEngine.nativeRegisterId(cpu.arch(), r);
            if (id > 0) {
                out.add(new long[] {id, cpu.readRegister(r)});
            }
        }
        return out;
    }

    private static UnicornTarget targetOf(Arch arch) {
        return Arches.support(arch).binding(UnicornTarget.class).orElseThrow(() -> new IllegalArgumentException(
                "the C harness runs Unicorn, which cannot run " + arch));
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
