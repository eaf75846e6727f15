package org.kexeclab.panic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration order of {@code panic_notifier_list} and parsing of {@code NAME:PRIORITY:BEHAVIOUR}. */
class NotifierChainTest {

    private static List<String> order(String... specs) throws PanicConfigException {
        NotifierChain c = new NotifierChain();
        for (String s : specs) {
            c.register(PanicNotifier.parse(s));
        }
        return c.inCallOrder().stream().map(PanicNotifier::name).toList();
    }

    @Test
    void register_highestPriorityFirst() throws Exception {
        assertEquals(List.of("hi", "mid", "lo"), order("lo:-5:ok", "hi:100:ok", "mid:0:ok"));
    }

    @Test
    void register_equalPriorities_keepRegistrationOrder() throws Exception {
        assertEquals(List.of("x", "a", "b", "c", "y"), order("a:1:ok", "b:1:ok", "y:0:ok", "x:2:ok", "c:1:ok"));
    }

    @Test
    void register_sameNameTwice_refusedLikeEexist() {
        PanicConfigException e = assertThrows(PanicConfigException.class, () -> order("a:1:ok", "a:2:fail"));
        assertTrue(e.getMessage().contains("-EEXIST"), e.getMessage());
    }

    @Test
    void parse_wellFormed_fieldsAndSpecRoundTrip() throws Exception {
        PanicNotifier n = PanicNotifier.parse("pstore:-3:HANG");
        assertEquals("pstore", n.name());
        assertEquals(-3, n.priority());
        assertEquals(NotifierBehaviour.HANG, n.behaviour());
        assertEquals("pstore:-3:hang", n.spec());
    }

    @Test
    void parse_malformed_oneSentenceNamingTheProblem() {
        String[][] cases = {
            {"pstore:1", "2 field(s)"},
            {"pstore:high:ok", "not an integer"},
            {"pstore:1:explode", "not one of ok, fail, hang, stop"},
            {"bad name:1:ok", "letters, digits"},
            {"a:1:ok:extra", "4 field(s)"},
        };
        for (String[] c : cases) {
            PanicConfigException e = assertThrows(PanicConfigException.class, () -> PanicNotifier.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains("NAME:PRIORITY:ok|fail|hang|stop"), e.getMessage());
        }
    }

    @Test
    void config_badCpus_oneSentenceEach() {
        assertThrows(PanicConfigException.class, () -> PanicConfig.builder().cpus(0).build());
        PanicConfigException e = assertThrows(PanicConfigException.class,
                () -> PanicConfig.builder().cpus(2).panicCpu(2).build());
        assertTrue(e.getMessage().contains("use 0 to 1"), e.getMessage());
        assertThrows(PanicConfigException.class, () -> PanicConfig.builder().concurrentPanicCpu(0).build());
        assertThrows(PanicConfigException.class, () -> PanicConfig.builder().notifierBudgetMillis(0).build());
    }
}
