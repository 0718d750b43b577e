package io.lvsj.syncd.daemon;

import java.nio.file.Path;

/** Lets the lab tests ask a running lvs-syncd for its status, as {@code lvs-syncd --status} does. */
public final class StatusProbe {
    private StatusProbe() {
    }

    public static String ask(Path controlSocket) {
        return ControlSocket.ask(controlSocket, "text");
    }
}
