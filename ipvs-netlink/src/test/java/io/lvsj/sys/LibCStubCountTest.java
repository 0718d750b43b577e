package io.lvsj.sys;

import java.time.Duration;
import io.lvsj.lab.Command;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up property {@link LibC} is built for: however many of its calls a process makes,
 * the FFM linker generates one downcall stub (each extra stub and its lambda forms cost a
 * short-lived ipvsadm-j command a sizeable part of a second in the kernel lab). A child JVM
 * runs {@link LibCStubProbe}, which makes every public call (and {@link Epoll}'s, which go
 * through the same stub), with {@code -Xlog:class+load};
 * a typed descriptor added to LibC later shows up here as a second {@code DowncallStub}.
 */
class LibCStubCountTest {
    /** LibC's calls; a new one must be added to {@link LibCStubProbe} and here. */
    private static final Set<String> CALLS = Set.of("socket", "bind", "connect", "getsockname", "setsockopt",
            "getsockoptInt", "setsockoptTimeval", "sendto", "recvfrom", "sendmsg", "recvmsg", "trySendto",
            "trySendmsg", "tryRecvmsg", "tryRead", "tryWrite", "eventfd", "poll", "pollReadable", "close", "open",
            "setns", "ifNameToIndex", "tryConnect", "mkfifo", "ignoreSignal", "unignoreSignal", "gettid",
            "tgkill", "kill", "umask");

    @Test
    void everyCallSharesOneDowncallStub() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Command.Result child = Command.run(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load", "-cp", System.getProperty("java.class.path"), LibCStubProbe.class.getName()),
                "", Duration.ofSeconds(60));
        String output = child.output();

        assertEquals(0, child.status(), output);
        List<String> lines = output.lines().toList();
        assertTrue(lines.contains("probe ok"), output);
        List<String> stubs = lines.stream().filter(l -> l.contains("DowncallStub")).toList();
        assertEquals(1, stubs.size(), "downcall stubs generated:\n" + String.join("\n", stubs));
    }

    @Test
    void theProbeMakesEveryPublicCall() {
        Set<String> publicCalls = Arrays.stream(LibC.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(CALLS), publicCalls);
    }
}
