package io.lvsj.keepalived;

import io.lvsj.keepalived.Getopt.Spec;
import io.lvsj.keepalived.Getopt.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** getopt_long's rules, as keepalived's command line follows them. */
class GetoptTest {
    private static final Spec FILE = new Spec('f', "use-file", Value.REQUIRED, "FILE", "");
    private static final Spec TEST = new Spec('t', "config-test", Value.OPTIONAL, "LOG", "");
    private static final Spec FORK = new Spec('n', "dont-fork", Value.NONE, null, "");
    private static final Spec CONSOLE = new Spec('l', "log-console", Value.NONE, null, "");
    private static final Spec DETAIL = new Spec('D', "log-detail", Value.NONE, null, "");
    private static final Spec ALL = new Spec((char) 0, "all", Value.NONE, null, "");
    private static final Spec ALL_CONFIG = new Spec('e', "all-config", Value.NONE, null, "");
    private static final Getopt GETOPT = new Getopt(List.of(FILE, TEST, FORK, CONSOLE, DETAIL, ALL, ALL_CONFIG));

    private static Getopt.Parsed parse(String... args) throws Getopt.UsageException {
        return GETOPT.parse(List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(Getopt.UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void shortOptionsClusterAndTakeTheirValueAttachedOrNext() throws Exception {
        assertEquals(Map.of(FORK, "", CONSOLE, "", DETAIL, "", FILE, "k.conf"), parse("-nlD", "-f", "k.conf").options());
        assertEquals(Map.of(FORK, "", FILE, "k.conf"), parse("-nfk.conf").options());
    }

    @Test
    void longOptionsTakeTheirValueAfterAnEqualsSignOrNext() throws Exception {
        assertEquals("a.conf", parse("--use-file=a.conf").value(FILE).orElseThrow());
        assertEquals("b.conf", parse("--use-file", "b.conf").value(FILE).orElseThrow());
    }

    @Test
    void anOptionalValueIsOnlyEverAttached() throws Exception {
        assertEquals("", parse("-t").value(TEST).orElseThrow());
        assertEquals("log", parse("-tlog").value(TEST).orElseThrow());
        assertEquals("log", parse("--config-test=log").value(TEST).orElseThrow());
        Getopt.Parsed separate = parse("-t", "log");
        assertEquals("", separate.value(TEST).orElseThrow());
        assertEquals(List.of("log"), separate.operands());
    }

    @Test
    void aLongOptionMayBeAbbreviatedWhileTheAbbreviationIsUnambiguous() throws Exception {
        assertEquals("c", parse("--use=c").value(FILE).orElseThrow());
        assertEquals("", parse("--all").value(ALL).orElseThrow(), "an exact name wins over a longer one");
        assertEquals("option '--al' is ambiguous", error("--al"));
    }

    @Test
    void theLastOfARepeatedOptionWinsAndDoubleDashEndsTheOptions() throws Exception {
        Getopt.Parsed parsed = parse("-f", "one", "-f", "two", "--", "-n");
        assertEquals("two", parsed.value(FILE).orElseThrow());
        assertEquals(List.of("-n"), parsed.operands());
    }

    @Test
    void mistakesGetGetoptsMessages() {
        assertEquals("invalid option -- 'Z'", error("-nZ"));
        assertEquals("unrecognized option '--bogus'", error("--bogus"));
        assertEquals("option requires an argument -- 'f'", error("-f"));
        assertEquals("option '--use-file' requires an argument", error("--use-file"));
        assertEquals("option '--dont-fork' doesn't allow an argument", error("--dont-fork=yes"));
    }
}
