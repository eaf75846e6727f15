package org.kexeclab.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.concurrent.TimeUnit;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.engine.unicorn.UnicornTarget;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline the binding is measured against: the same register write as
 * {@link RegisterBenchmark}'s, through a plain JNA interface mapping with a {@code long[]}
 * argument, as a first binding would do it. Unicorn's numbers for the architecture and the
 * register come from the architecture's Unicorn target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NaiveRegisterBenchmark {
    /** {@code unicorn:arch}, see {@link BenchTarget}; {@link BenchMain} fills in the Unicorn ones. */
    @Param({})
    public String target;

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
    private int registerId;
    private final long[] value = new long[1];

    @Setup
    public void open() {
        BenchTarget t = BenchTarget.parse(target);
        if (!t.engine().equals("unicorn")) {
            throw new IllegalStateException("NaiveRegisterBenchmark target " + target + " is skipped: it calls "
                    + "libunicorn directly");
        }
        UnicornTarget ut = Arches.support(t.arch()).binding(UnicornTarget.class).orElseThrow(
                () -> new IllegalStateException("Unicorn has no target for " + t.arch()));
        registerId = UnicornEngine.nativeRegisterId(t.arch(), Arches.support(t.arch()).registers().traced().get(0));
        lib = Native.load("unicorn", NaiveUnicorn.class);
        PointerByReference out = new PointerByReference();
        if (lib.uc_open(ut.ucArch(), ut.ucMode(), out) != 0) {
            throw new IllegalStateException("uc_open failed");
        }
        uc = out.getValue();
    }

    @TearDown
    public void close() {
        lib.uc_close(uc);
    }

    /** {@code uc_reg_write(r)} through interface mapping. */
    @Benchmark
    public int writeRegisterInterfaceMapped() {
        value[0]++;
        return lib.uc_reg_write(uc, registerId, value);
    }
}
