package io.lvsj.keepalived.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What util-linux {@code setpriv} can do here: it exists (util-linux 2.32 has it, EL8), and it
 * takes {@code --pdeathsig} (2.33 and later: Debian 11+, EL9).
 */
record Setpriv(boolean present, boolean pdeathsig) {

    static Setpriv detect() {
        try {
            Process p = new ProcessBuilder("setpriv", "--help").redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Setpriv(false, false);
            }
            return new Setpriv(p.exitValue() == 0, help.contains("--pdeathsig"));
        } catch (IOException e) {
            return new Setpriv(false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Setpriv(false, false);
        }
    }
}
