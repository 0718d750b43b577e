package io.lvsj.keepalived.vrrp.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands for the namespace lab; a failure is a loud test error with the command's output. */
final class Shell {
    record Result(int status, String output) {
    }

    private Shell() {
    }

    static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String must(String... command) {
        Result r = run(List.of(command));
        if (r.status() != 0) {
            throw new AssertionError("`" + String.join(" ", command) + "` failed (" + r.status() + "): " + r.output());
        }
        return r.output();
    }

    static Result quiet(String... command) {
        return run(List.of(command));
    }
}
