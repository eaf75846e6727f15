package org.kexeclab.engine.unicorn;

import java.nio.ByteOrder;
import org.kexeclab.Arch;
import org.kexeclab.engine.EngineUnavailableException;

/**
 * Run in a child JVM by {@link MissingLibraryTest}: prints the probe reason and the open failure.
 * The library is missing, so no architecture's target is ever looked up: any architecture value
 * will do.
 */
public final class MissingLibraryMain {
    private static final Arch ANY = new Arch("arm64", 8, ByteOrder.LITTLE_ENDIAN, Arch.PAGE_SIZE);

    private MissingLibraryMain() {
    }

    public static void main(String[] args) {
        UnicornEngine engine = UnicornEngine.instance();
        System.out.println("name=" + engine.name());
        System.out.println("probe=" + engine.probe(ANY));
        try {
            engine.open(ANY).close();
            System.out.println("open=ok");
        } catch (EngineUnavailableException e) {
            System.out.println("open=" + e.getMessage());
        }
    }
}
