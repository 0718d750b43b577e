package io.lvsj.fullnat;

import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the firewall tools ({@code nft}, {@code iptables-restore}...), inside a network
 * namespace when one is given ({@code nsenter --net=PATH}, util-linux, as on every Debian and
 * RHEL). A tool that is missing is a {@link FullNatException} naming it and its package.
 */
public final class CommandRunner {
    private static final long TIMEOUT_SECONDS = 60;

    /** What a tool printed and how it ended. */
    public record Result(int status, String stdout, String stderr) {
        public boolean ok() {
            return status == 0;
        }

        /** The first line of standard error, or of standard output when that is empty. */
        public String firstMessage() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("exit status " + status);
        }
    }

    private final NetNamespace namespace;

    /** @param namespace the namespace to run in, or {@code null} for this process's own */
    public CommandRunner(NetNamespace namespace) {
        this.namespace = namespace;
    }

    public NetNamespace namespace() {
        return namespace;
    }

    public Result run(String stdin, String... argv) {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.add("nsenter");
            command.add("--net=" + namespace.path());
            command.add("--");
        }
        command.addAll(List.of(argv));
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new FullNatException(argv[0] + " is not installed or cannot run (" + e.getMessage() + ")", e);
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FullNatException(argv[0] + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new FullNatException("cannot talk to " + argv[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FullNatException("interrupted while running " + argv[0], e);
        }
    }

    /** Whether {@code program} can be found on the PATH (or is a path that exists). */
    public static boolean installed(String program) {
        if (program.contains("/")) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of(program));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
