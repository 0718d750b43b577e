package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.lib.NotifyFifo;
import io.lvsj.log.LogOutput;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.keepalived.lvs.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LvsNotifierFifoTest {
    @Test
    void linesAreKeepalivedsWithTheirTrailingNul() throws Exception {
        Path dir = Files.createTempDirectory("ck-fifo");
        Path fifo = dir.resolve("lvs.fifo");
        RealServerSpec rs = RealServerSpec.of(RS1, 80, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        List<String> log = new ArrayList<>();
        try (NotifyFifo out = NotifyFifo.open(fifo); InputStream in = Files.newInputStream(fifo)) {
            Logger lines = LogOutput.lines(log::add, true);
            LvsNotifier notifier = new LvsNotifier(lines, new ScriptRunner(NetworkContext.host(), lines), List.of(out));
            notifier.handle(new LvsEvent.RealServerChanged(vs, rs, false, false));
            notifier.handle(new LvsEvent.QuorumChanged(vs, false, 1, 0, false));
            notifier.handle(new LvsEvent.WeightChanged(vs, rs, 1, 2, true));
            String expected = "RS [198.51.100.1]:tcp:80 [192.0.2.10]:tcp:80 DOWN\n\0VS [192.0.2.10]:tcp:80 DOWN\n\0";
            assertEquals(expected, new String(in.readNBytes(expected.length()), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(dir);
        }
        assertEquals(List.of(), log.stream().filter(l -> l.contains("FIFO")).toList());
    }

    @Test
    void withoutAReaderLinesAreDroppedNotWaitedOn() throws Exception {
        Path dir = Files.createTempDirectory("ck-fifo");
        Path fifo = dir.resolve("lvs.fifo");
        RealServerSpec rs = RealServerSpec.of(RS1, 80, Forwarding.NAT);
        VirtualServerSpec vs = web(rs);
        long start = System.nanoTime();
        try (NotifyFifo out = NotifyFifo.open(fifo)) {
            Logger quiet = LogOutput.silent(false);
            LvsNotifier notifier = new LvsNotifier(quiet, new ScriptRunner(NetworkContext.host(), quiet), List.of(out));
            for (int i = 0; i < 10_000; i++) { // far more than a pipe holds
                notifier.handle(new LvsEvent.RealServerChanged(vs, rs, i % 2 == 0, false));
            }
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(dir);
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "never blocked");
    }
}
