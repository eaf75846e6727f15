package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kexeclab.arch.Arches;

/**
 * Tenet traces of x86_64 and arm checked line by line against the rules of Tenet's text trace
 * reader ({@code plugins/tenet/trace/file.py} of gaasedelen/tenet): comma-separated
 * {@code name=value} items only; names from the AMD64 or ARM32 definition or mr/mw/mrw; hex values;
 * memory items {@code ADDR:HEXBYTES}; the first line a full register state; an instruction
 * pointer on every line.
 */
class TenetTraceTest {
    private static final Set<String> AMD64 = Set.of("rax", "rbx", "rcx", "rdx", "rbp", "rsp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
    private static final Set<String> ARM32 = Set.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
            "r10", "r11", "r12", "sp", "lr");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]{1,16}");
    private static final Pattern MEMORY = Pattern.compile("0x[0-9a-f]{1,16}:(?:[0-9a-f]{2})+");
    private static final Pattern STEPS = Pattern.compile("traced ([0-9,]+) steps");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "arm"})
    void tenet_onePage_everyLineFollowsTenetsRules(String arch) {
        Set<String> registers = arch.equals("arm") ? ARM32 : AMD64;
        String ip = arch.equals("arm") ? "pc" : "rip";
        CliRunner.Result r = CliRunner.run("trace", "--arch", arch, "--image", "one-page", "--format", "tenet");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        Matcher m = STEPS.matcher(r.err());
        assertTrue(m.find(), r.err());
        assertEquals(Long.parseLong(m.group(1).replace(",", "")) + 1, lines.size(),
                "one line per executed instruction, and one for the state after the last");
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Integer> names = checkLine(lines.get(i), i + 1, registers, ip);
            assertEquals(1, names.getOrDefault(ip, 0), "line " + (i + 1) + " needs exactly one " + ip);
            if (i == 0) {
                assertTrue(names.keySet().containsAll(registers), "line 1 must carry every register: " + lines.get(0));
                assertFalse(names.containsKey("mr") || names.containsKey("mw"),
                        "nothing has run before line 1, so it has no memory: " + lines.get(0));
            }
        }
    }

    private static Map<String, Integer> checkLine(String line, int n, Set<String> registers, String ip) {
        assertTrue(!line.isEmpty() && line.equals(line.strip()) && !line.contains(" "), "line " + n + ": " + line);
        Map<String, Integer> names = new HashMap<>();
        for (String item : line.split(",", -1)) {
            String[] kv = item.split("=", -1);
            assertEquals(2, kv.length, "line " + n + " item '" + item + "' must be name=value");
            String name = kv[0];
            assertEquals(name.toLowerCase(Locale.ROOT), name, "line " + n);
            names.merge(name, 1, Integer::sum);
            if (name.equals("mr") || name.equals("mw") || name.equals("mrw")) {
                assertTrue(MEMORY.matcher(kv[1]).matches(), "line " + n + " memory item " + item);
            } else {
                assertTrue(registers.contains(name) || name.equals(ip), "line " + n + " unknown register " + name);
                assertTrue(HEX.matcher(kv[1]).matches(), "line " + n + " value " + item);
                assertEquals(1, names.get(name), "line " + n + " repeats " + name);
            }
        }
        return names;
    }

    @Test
    void tenet_x86_storeDataIsInMemoryOrder() {
        CliRunner.Result r = CliRunner.run("trace", "--arch", "x86_64", "--image", "one-page", "--format", "tenet",
                "--limit", "1", "-q");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), "the state before the first instruction and after it");
        Matcher rbx = Pattern.compile("rbx=0x([0-9a-f]+)").matcher(lines.get(0));
        Matcher mw = Pattern.compile("mw=0x[0-9a-f]+:([0-9a-f]{16})").matcher(lines.get(1));
        assertTrue(rbx.find() && mw.find(), r.out());
        long value = Long.parseUnsignedLong(rbx.group(1), 16);
        StringBuilder little = new StringBuilder();
        for (int b = 0; b < 8; b++) {
            little.append(String.format("%02x", (value >>> (8 * b)) & 0xff));
        }
        assertEquals(little.toString(), mw.group(1), "the stub's first store saves rbx, little-endian, on the line "
                + "after it (the store is part of the state once it has run)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "arm"})
    void tenet_replayedByTenetsReaderRules_memoryAndRegistersAreTheEmulatorsAtEveryLine(String arch) throws Exception {
        Set<Long> touched = TenetReplayCheck.run(Arches.byName(arch), Set.of()).touched();
        TenetReplayCheck checked = TenetReplayCheck.run(Arches.byName(arch), touched);
        assertTrue(checked.lines() > 500, "the whole one-page run: " + checked.lines());
        assertTrue(checked.bytesCompared() > 100_000, "memory compared at every line: " + checked.bytesCompared());
    }
}
