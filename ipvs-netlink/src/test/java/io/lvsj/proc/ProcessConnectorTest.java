package io.lvsj.proc;

import io.lvsj.lab.BackgroundProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host kernel's process connector: a process we start and stop is reported forked, exec'd and gone. */
class ProcessConnectorTest {
    @Test
    void reportsTheLifeOfAProcess(@TempDir Path dir) throws Exception {
        try (ProcessConnector events = ProcessConnector.open();
             BackgroundProcess sleeper = BackgroundProcess.start(List.of("sleep", "30"), dir.resolve("sleep.log"))) {
            int pid = (int) sleeper.pid();
            List<ProcessEvent> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && seen.stream().noneMatch(e -> e instanceof ProcessEvent.Exec x
                    && x.tgid() == pid)) {
                events.next().stream().filter(e -> concerns(e, pid)).forEach(seen::add);
            }
            sleeper.stop(Duration.ofSeconds(10));
            while (System.nanoTime() < deadline && seen.stream().noneMatch(e -> e instanceof ProcessEvent.Exit)) {
                events.next().stream().filter(e -> concerns(e, pid)).forEach(seen::add);
            }
            assertTrue(seen.stream().anyMatch(e -> e instanceof ProcessEvent.Fork f && f.childTgid() == pid), seen.toString());
            assertTrue(seen.stream().anyMatch(e -> e instanceof ProcessEvent.Exec x && x.pid() == pid), seen.toString());
            assertTrue(seen.stream().anyMatch(e -> e instanceof ProcessEvent.Exit x && x.tgid() == pid), seen.toString());
        }
    }

    private static boolean concerns(ProcessEvent e, int pid) {
        return switch (e) {
            case ProcessEvent.Fork f -> f.childTgid() == pid;
            case ProcessEvent.Exec x -> x.tgid() == pid;
            case ProcessEvent.Exit x -> x.tgid() == pid;
            case ProcessEvent.Comm c -> c.tgid() == pid;
            default -> false;
        };
    }

    @Test
    void decodesACommChangeAndSkipsOtherMessages() {
        ByteBuffer b = ByteBuffer.allocate(2 * 76).order(ByteOrder.nativeOrder());
        for (int idx : new int[]{1, 7}) { // the second is not the process connector's
            b.putInt(76).putShort((short) 3).putShort((short) 0).putInt(0).putInt(0);
            b.putInt(idx).putInt(1).putInt(0).putInt(0).putShort((short) 40).putShort((short) 0);
            b.putInt(0x200).putInt(0).putLong(0).putInt(42).putInt(42);
            b.put("renamed".getBytes()).put(new byte[9]);
        }
        assertEquals(List.of(new ProcessEvent.Comm(42, 42, "renamed")), ProcessEventCodec.decode(b.flip()));
    }
}
