package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.kexec.ExpectedRegister;
import org.kexeclab.kexec.KexecLaunch;
import org.kexeclab.testkit.TestImages;

/** What Ppc32MachineKexec derives without running: the entry rules and the page-count label. */
class Ppc32MachineKexecUnitTest {
    private final Ppc32MachineKexec machine = new Ppc32MachineKexec();

    private ExpectedRegister rule(List<ExpectedRegister> rules, PpcRegister r) {
        return rules.stream().filter(e -> e.register() == r).findFirst().orElseThrow();
    }

    @Test
    void entryProtocol_linkRegister_isTheInstructionAfterBlrl() throws Exception {
        LoadedImage loaded = LoadedImage.load(TestImages.image(machine, TestImages.spread(1, 2)));
        Stub stub = machine.assembleStub(loaded.controlPage());
        List<ExpectedRegister> rules = machine.entryProtocol(loaded, new KexecLaunch(stub, stub.origin(), loaded.controlPage()));
        long lr = rule(rules, PpcRegister.LR).value();
        Listing listing = stub.listing();
        int i = listing.indexOf(lr - 4);
        assertEquals("blrl", listing.text(i).trim());
        assertNotEquals(loaded.image().entry(), lr, "blrl links to its own successor, not to start");
        assertEquals(loaded.image().entry(), rule(rules, PpcRegister.R4).value());
        assertEquals(0x1002, rule(rules, PpcRegister.MSR).value());
        assertEquals(0, rule(rules, PpcRegister.R3).value());
        assertEquals(loaded.controlPage() + 0xff8, rule(rules, PpcRegister.R1).value());
    }

    @Test
    void copyPageLabel_firstInstructionOfSourceCopy_notInsideTheWordLoop() {
        Stub stub = machine.assembleStub(0x300000);
        assertTrue(stub.globals().contains("kexec_copy_page"));
        assertEquals(stub.symbol("copy_source"), stub.symbol("kexec_copy_page"));
        assertTrue(stub.symbol("kexec_copy_page") < stub.symbol("copy_word"));
    }

    @Test
    void copyChecksum_crashImage_zeroBecauseNothingIsCopied() throws Exception {
        LoadedImage crash = LoadedImage.load(TestImages.crashImage(machine, TestImages.spread(2, 4), 0x1000000, 0x1000000));
        LoadedImage normal = LoadedImage.load(TestImages.image(machine, TestImages.spread(2, 4)));
        assertEquals(0, Ppc32MachineKexec.copyChecksum(crash));
        assertNotEquals(0, Ppc32MachineKexec.copyChecksum(normal));
    }
}
