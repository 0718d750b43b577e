package io.lvsj.keepalived.daemon;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackgroundTest {
    record Info(Optional<String> command, Optional<String[]> arguments) implements ProcessHandle.Info {
        @Override
        public Optional<String> commandLine() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> startInstant() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }
    }

    @Test
    void theSameCommandAgainInASessionOfItsOwnWithDontFork() {
        Info self = new Info(Optional.of("/jdk/bin/java"), Optional.of(new String[]{"-cp", "x.jar",
                "io.lvsj.keepalived.KeepalivedMain", "-f", "/etc/keepalived/keepalived.conf"}));
        assertEquals(List.of("setsid", "/jdk/bin/java", "-cp", "x.jar", "io.lvsj.keepalived.KeepalivedMain", "-f",
                "/etc/keepalived/keepalived.conf", "--dont-fork"), Background.againInForeground(self));
    }

    @Test
    void noCommandLineNoBackground() {
        assertEquals(List.of(), Background.againInForeground(new Info(Optional.empty(), Optional.empty())));
    }
}
