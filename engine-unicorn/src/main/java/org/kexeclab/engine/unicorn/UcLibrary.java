package org.kexeclab.engine.unicorn;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.kexeclab.engine.EngineUnavailableException;

/**
 * Loads libunicorn once per JVM: direct mapping for {@link UcNative}, interface mapping for
 * {@link UcVariadic}. The library is {@code libunicorn.so.2} from the system, or the path in
 * system property {@value #PROPERTY} or environment variable {@value #ENV}.
 */
final class UcLibrary {
    /** System property naming the libunicorn file to load. */
    static final String PROPERTY = "kexeclab.unicorn.library";
    /** Environment variable naming the libunicorn file to load (the property wins). */
    static final String ENV = "KEXECLAB_UNICORN_LIBRARY";

    private static final String MISSING = "libunicorn 2 was not found: install Debian's libunicorn2"
            + " package (apt-get install libunicorn2) or point -D" + PROPERTY + " at your build";

    private static final UcVariadic VARIADIC;
    private static final String VERSION;
    private static final Throwable FAILURE;

    static {
        UcVariadic variadic = null;
        String version = null;
        Throwable failure = null;
        try {
            NativeLibrary lib = NativeLibrary.getInstance(libraryName());
            Native.register(UcNative.class, lib);
            variadic = Native.load(lib.getFile() != null ? lib.getFile().getPath() : libraryName(),
                    UcVariadic.class);
            version = readVersion();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            failure = e;
        }
        VARIADIC = variadic;
        VERSION = version;
        FAILURE = failure;
    }

    private UcLibrary() {
    }

    /** The library to load: the property, the environment variable, or {@code "unicorn"}. */
    static String libraryName() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv(ENV);
        return e != null && !e.isBlank() ? e.trim() : "unicorn";
    }

    private static String readVersion() {
        try (Memory parts = new Memory(8)) {
            long base = com.sun.jna.Pointer.nativeValue(parts);
            int packed = UcNative.uc_version(base, base + 4);
            int patch = (packed >>> 8) & 0xff;
            return parts.getInt(0) + "." + parts.getInt(4) + "." + patch;
        }
    }

    /** True if the library loaded. */
    static boolean available() {
        return FAILURE == null;
    }

    /** Throws {@link EngineUnavailableException} with one sentence unless the library loaded. */
    static void require() {
        if (FAILURE != null) {
            throw new EngineUnavailableException(null, MISSING, FAILURE);
        }
    }

    /** The one sentence explaining why the library is missing ({@code null} if it loaded). */
    static String failureSentence() {
        return FAILURE == null ? null : MISSING;
    }

    /** The interface-mapped variadic calls. */
    static UcVariadic variadic() {
        require();
        return VARIADIC;
    }

    /** {@code "2.0.1"}, or {@code null} if the library is missing. */
    static String version() {
        return VERSION;
    }
}
