package io.lvsj.keepalived.daemon;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DaemonOptionsTest {
    @Test
    void logFacilitiesAsKeepalivedNamesThem() {
        assertEquals(OptionalInt.of(16), DaemonOptions.facility("0"));
        assertEquals(OptionalInt.of(23), DaemonOptions.facility("7"));
        assertEquals(OptionalInt.of(19), DaemonOptions.facility("local3"));
        assertEquals(OptionalInt.of(1), DaemonOptions.facility("user"));
        assertEquals(OptionalInt.of(3), DaemonOptions.facility("daemon"));
        assertEquals(OptionalInt.empty(), DaemonOptions.facility("8"));
        assertEquals(OptionalInt.empty(), DaemonOptions.facility("local8"));
        assertEquals(OptionalInt.empty(), DaemonOptions.facility("Daemon"));
        assertEquals(OptionalInt.empty(), DaemonOptions.facility("kern"));
    }

    @Test
    void dumpsGoToAnAbsoluteTmpdirElseTmp() {
        assertEquals(Path.of("/var/tmp/x"), DaemonOptions.dumpDirectory("/var/tmp/x"));
        assertEquals(Path.of("/tmp"), DaemonOptions.dumpDirectory("relative"));
        assertEquals(Path.of("/tmp"), DaemonOptions.dumpDirectory(null));
    }
}
