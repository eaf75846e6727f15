package org.kexeclab.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline the binding is measured against: the same register write through a plain JNA
 * interface mapping with a {@code long[]} argument, as a first binding would do it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NaiveRegisterBenchmark {
    private static final int UC_ARCH_ARM64 = 2;
    private static final int UC_ARM64_REG_X5 = 204;

    /** Interface-mapped libunicorn, as in a naive binding. */
    public interface NaiveUnicorn extends Library {
        /** {@code uc_err uc_open(uc_arch arch, uc_mode mode, uc_engine **uc);} */
        int uc_open(int arch, int mode, PointerByReference uc);

        /** {@code uc_err uc_reg_write(uc_engine *uc, int regid, const void *value);} */
        int uc_reg_write(Pointer uc, int regid, long[] value);

        /** {@code uc_err uc_close(uc_engine *uc);} */
        int uc_close(Pointer uc);
    }

    private NaiveUnicorn lib;
    private Pointer uc;
    private final long[] value = new long[1];

    @Setup
    public void open() {
        lib = Native.load("unicorn", NaiveUnicorn.class);
        PointerByReference out = new PointerByReference();
        if (lib.uc_open(UC_ARCH_ARM64, 0, out) != 0) {
            throw new IllegalStateException("uc_open failed");
        }
        uc = out.getValue();
    }

    @TearDown
    public void close() {
        lib.uc_close(uc);
    }

    /** {@code uc_reg_write(X5)} through interface mapping. */
    @Benchmark
    public int writeRegisterInterfaceMapped() {
        value[0]++;
        return lib.uc_reg_write(uc, UC_ARM64_REG_X5, value);
    }
}
