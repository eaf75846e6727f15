package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kexeclab.Arch;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.testkit.RealKernels;
import org.kexeclab.x86.X86Arches;

/**
 * {@code trace} and {@code step} on a kernel file: the architecture read from the file, and the
 * run followed through both legs, the relocation stub to the purgatory's entry and the
 * purgatory to the kernel's entry, each named where it begins.
 */
class KernelTraceStepTest {
    @TempDir
    Path dir;

    private String bzImage() throws IOException {
        Path p = dir.resolve("bzImage");
        Files.write(p, KernelFiles.bzImage());
        return p.toString();
    }

    private String arm64Image() throws IOException {
        Path p = dir.resolve("Image");
        Files.write(p, KernelFiles.arm64Image());
        return p.toString();
    }

    /** The text after the first line that starts with {@code marker}. */
    private static String after(String text, String marker) {
        int at = text.indexOf(marker);
        assertTrue(at >= 0, "no '" + marker + "' in\n" + text);
        return text.substring(at);
    }

    @Test
    void trace_kernelWithoutArch_readsTheArchitectureAndTracesThePurgatoryAfterTheStub() throws IOException {
        CliRunner.Result r = CliRunner.run("trace", "-q", "--kernel", bzImage());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("# x86_64 stub relocate_kernel_x86_64.S"), r.out());
        assertTrue(r.out().contains("\n# leg 1 of 2: stub (relocate_kernel_x86_64.S) at 0x"), r.out());
        assertTrue(r.out().contains("\n# leg 2 of 2: purgatory (purgatory_x86_64.S) at 0x"), r.out());
        String purgatory = after(after(r.out(), "#   step").substring(1), "# leg 2 of 2");
        assertTrue(purgatory.contains("  purgatory_x86_64.S:"), "purgatory steps follow the boundary: " + purgatory);
        String stubPart = after(r.out(), "#   step");
        stubPart = stubPart.substring(0, stubPart.indexOf("# leg 2 of 2"));
        assertTrue(!stubPart.contains("purgatory_x86_64.S:"), "no purgatory step before the boundary");
        assertTrue(purgatory.contains("the purgatory reached the kernel entry"), purgatory);
    }

    @Test
    void trace_kernelJsonl_headerListsBothLegsAndALegObjectStartsThePurgatorysSteps() throws IOException {
        CliRunner.Result r = CliRunner.run("trace", "-q", "--kernel", arm64Image(), "--format", "jsonl");
        assertEquals(0, r.status(), r.err());
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            lines.add(OutcomeJson.MAPPER.readTree(l));
        }
        JsonNode legs = lines.get(0).get("trace").get("legs");
        assertEquals(2, legs.size(), lines.get(0).toString());
        assertEquals("stub", legs.get(0).get("name").asText());
        assertEquals("purgatory", legs.get(1).get("name").asText());
        assertEquals(legs.get(1).get("origin"), legs.get(0).get("until"), "the stub hands over at the purgatory");
        int boundary = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).has("leg")) {
                boundary = i;
            }
        }
        assertTrue(boundary > 1, r.out());
        assertEquals(2, lines.get(boundary).get("leg").get("number").asInt());
        JsonNode first = lines.get(boundary + 1);
        assertEquals(legs.get(1).get("origin").asText(), first.get("pc").asText(), first.toString());
        assertTrue(first.get("source").asText().startsWith("purgatory_arm64.S:"), first.toString());
        assertTrue(lines.get(lines.size() - 1).get("end").asText().contains("reached the kernel entry"), r.out());
    }

    @Test
    void trace_kernelTenet_goesOnThroughThePurgatoryToTheKernelEntry() throws IOException {
        String kernel = bzImage();
        CliRunner.Result seg = CliRunner.run("segments", "--kernel", kernel, "--json");
        assertEquals(0, seg.status(), seg.err());
        CliRunner.Result r = CliRunner.run("trace", "-q", "--kernel", kernel, "--format", "tenet");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        String last = lines[lines.length - 1];
        CliRunner.Result text = CliRunner.run("trace", "-q", "--kernel", kernel);
        String entry = after(text.out(), "# leg 2 of 2").split("the kernel's entry ")[1].split("\\s")[0];
        assertTrue(last.contains("rip=" + entry), "the last line stands at the kernel entry " + entry + ": " + last);
    }

    @Test
    void trace_kernelForAnotherArch_refusedWithTheSentenceRunGives() throws IOException {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "arm64", "--kernel", bzImage());
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("this is a kernel for x86_64, not for arm64"), r.err());
    }

    @Test
    void trace_neitherArchNorKernel_usageErrorNamingArch() {
        CliRunner.Result r = CliRunner.run("trace");
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("--arch ARCH is required"), r.err());
    }

    @Test
    void step_kernel_breaksAtThePurgatoryThenStepsItToTheKernelEntryWithTheBootRegisters() throws IOException {
        CliRunner.Result r = CliRunner.runWithInput("break purgatory\ncontinue\nstep\nlist\nbreak kernel\ncontinue\n"
                + "step\n", "step", "--kernel", bzImage());
        assertEquals(0, r.status(), r.err());
        String out = r.out();
        assertTrue(out.contains("Stepping relocate_kernel_x86_64.S on x86_64"), out);
        assertTrue(out.contains("then the purgatory runs to the kernel's entry 0x"), out);
        String reached = after(out, "Reached the purgatory's entry 0x");
        assertTrue(reached.contains("every byte as the oracle expects. Stepping on in the purgatory."), reached);
        assertTrue(after(reached, "(kexec) ").contains("purgatory_x86_64.S:"), "step runs a purgatory line: " + reached);
        assertTrue(after(reached, "Reached the kernel's entry 0x")
                .contains("the boot registers are as the boot protocol wants (rsi=0x"), out);
        assertTrue(out.contains("The stub is not running any more: it reached the kernel's entry"), out);
    }

    @Test
    void step_kernelForAnotherArch_refusedWithTheSentenceRunGives() throws IOException {
        CliRunner.Result r = CliRunner.runWithInput("", "step", "--arch", "x86_64", "--kernel", arm64Image());
        assertEquals(KexecLab.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("this is a kernel for arm64, not for x86_64"), r.err());
    }

    /**
     * Debian's arm64 and amd64 kernels, when fetched, loaded as kexec -p loads them: the crash
     * image copies nothing, so the trace is short and still has both legs to the kernel's entry.
     */
    @Test
    void trace_debianKernelsCrashLoaded_bothLegsToTheKernelEntryOfTheCrashPlan() throws IOException {
        boolean any = false;
        for (Arch arch : List.of(X86Arches.X86_64, ArmArches.ARM64)) {
            Path kernel = RealKernels.forArch(arch).orElse(null);
            if (kernel == null) {
                continue;
            }
            any = true;
            CliRunner.Result seg = CliRunner.run("segments", "--crash", "--kernel", kernel.toString(), "--json");
            JsonNode plan = OutcomeJson.MAPPER.readTree(seg.out());
            CliRunner.Result r = CliRunner.run("trace", "-q", "--crash", "--kernel", kernel.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("# leg 2 of 2: purgatory (purgatory_" + arch.name() + ".S) at "
                    + plan.get("entry").asText() + " to the kernel's entry " + plan.get("kernelEntry").asText()), r.out());
            String purgatory = r.out().substring(r.out().lastIndexOf("# leg 2 of 2"));
            assertTrue(purgatory.contains("  " + plan.get("entry").asText() + "  "), "the purgatory's first step: "
                    + purgatory);
            assertTrue(purgatory.contains("the purgatory reached the kernel entry " + plan.get("kernelEntry").asText()),
                    purgatory);
        }
        assumeTrue(any, "no Debian amd64 or arm64 kernel fetched (scripts/fetch-kernels)");
    }

    @Test
    void step_debianAmd64CrashLoaded_continuesIntoThePurgatoryAndToTheKernelEntry() throws IOException {
        Path kernel = RealKernels.forArch(X86Arches.X86_64).orElse(null);
        assumeTrue(kernel != null, "Debian's amd64 kernel is not fetched (scripts/fetch-kernels)");
        CliRunner.Result r = CliRunner.runWithInput("continue\ncontinue\n", "step", "--crash", "--kernel",
                kernel.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Stepping on in the purgatory."), r.out());
        assertTrue(r.out().contains("the boot registers are as the boot protocol wants (rsi=0x"), r.out());
    }
}
