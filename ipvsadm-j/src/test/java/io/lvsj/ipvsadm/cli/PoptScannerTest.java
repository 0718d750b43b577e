package io.lvsj.ipvsadm.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** popt's syntax as ipvsadm sees it; the lab suite checks the same against the real binary. */
class PoptScannerTest {

    /** Scans a command line into "name=value" (or "!failure") entries, then the leftovers. */
    private static List<String> scan(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ipvsadm";
        System.arraycopy(args, 0, argv, 1, args.length);
        PoptScanner scanner = new PoptScanner(OptionTable.OPTIONS, argv, false);
        List<String> out = new ArrayList<>();
        while (true) {
            PoptScanner.Event e = scanner.next();
            if (e instanceof PoptScanner.Found f) {
                out.add(f.option().tag() + (f.value() != null ? "=" + f.value() : ""));
            } else if (e instanceof PoptScanner.Failed failed) {
                out.add("!" + scanner.lastWord() + ": " + failed.failure().message());
                break;
            } else {
                break;
            }
        }
        for (String w = scanner.nextLeftover(); w != null; w = scanner.nextLeftover()) {
            out.add("word " + w);
        }
        return out;
    }

    @Test
    void bundlesShortOptionsAndAttachesValues() {
        assertEquals(List.of("LIST", "NUMERIC", "CONNECTION"), scan("-Lnc"));
        assertEquals(List.of("ADD_SERVICE", "TCP_SERVICE=1.2.3.4:80"), scan("-At1.2.3.4:80"));
        assertEquals(List.of("ADD_SERVICE", "TCP_SERVICE=1.2.3.4:80"), scan("-A", "-t=1.2.3.4:80"));
        assertEquals(List.of("LIST", "NUMERIC", "TCP_SERVICE=x"), scan("-Lnt", "x"));
    }

    @Test
    void readsLongOptionsWithEqualsOrTheNextWord() {
        assertEquals(List.of("WEIGHT=3"), scan("--weight=3"));
        assertEquals(List.of("WEIGHT=-s"), scan("--weight", "-s"));
        assertEquals(List.of("WEIGHT="), scan("--weight="));
        assertEquals(List.of("LIST"), scan("--list"));
    }

    @Test
    void takesAnOptionalValueOnlyWhenItIsNoOption() {
        assertEquals(List.of("PERSISTENT=60"), scan("-p", "60"));
        assertEquals(List.of("PERSISTENT", "SCHEDULER=rr"), scan("-p", "-s", "rr"));
        assertEquals(List.of("PERSISTENT"), scan("-p"));
        assertEquals(List.of("PERSISTENT=rr"), scan("-p", "rr"));
        assertEquals(List.of("PERSISTENT=60"), scan("-p60"));
    }

    @Test
    void keepsWordsAndStopsAtDoubleDash() {
        assertEquals(List.of("SET", "word 1", "word 2", "word 3"), scan("--set", "1", "2", "3"));
        assertEquals(List.of("LIST", "word -n"), scan("-L", "--", "-n"));
        assertEquals(List.of("LIST", "word -"), scan("-L", "-"));
    }

    @Test
    void replacesNextWordMarkers() {
        assertEquals(List.of("TCP_SERVICE=1.2.3.4:80"), scan("-t", "!#:+", "1.2.3.4:80"));
        assertEquals(List.of("TCP_SERVICE=a-b-a", "word c"), scan("-t", "!#:+-b-!#:+", "a", "c"));
        assertEquals(List.of("TCP_SERVICE=!#:+"), scan("-t", "!#:+"));
    }

    @Test
    void reportsWhatPoptReports() {
        assertEquals(List.of("!--bogus: unknown option"), scan("--bogus"));
        assertEquals(List.of("!--lis: unknown option"), scan("--lis"));
        assertEquals(List.of("ADD_SERVICE", "!-Ax: missing argument"), scan("-Ax"));
        assertEquals(List.of("!-t: missing argument"), scan("-t"));
        assertEquals(List.of("!-L=5: option does not take an argument"), scan("-L=5"));
        assertEquals(List.of("!--list=1: option does not take an argument"), scan("--list=1"));
        assertEquals(List.of("LIST", "!-Lq: unknown option"), scan("-Lq"));
        assertEquals(List.of("!-=: unknown option"), scan("-="));
    }

    @Test
    void stopsAtTheFirstWordWhenPosixlyCorrect() {
        PoptScanner scanner = new PoptScanner(OptionTable.OPTIONS, new String[]{"ipvsadm", "-L", "x", "-n"}, true);
        assertEquals(OptionSpec.Tag.LIST, ((PoptScanner.Found) scanner.next()).option().tag());
        assertEquals(PoptScanner.End.class, scanner.next().getClass());
        assertEquals("x", scanner.nextLeftover());
        assertEquals("-n", scanner.nextLeftover());
    }
}
