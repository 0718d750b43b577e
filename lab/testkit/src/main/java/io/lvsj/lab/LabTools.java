package io.lvsj.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's small C tools (lab/tools: whoami-server, whoami-client), built into the
 * checkout's target/lab-tools by lab/tools/build, which lab/run-kernel-tests runs first.
 */
public final class LabTools {
    private LabTools() {
    }

    /** The tool's path; fails loudly when it has not been built. */
    public static String path(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("lab/tools"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no lab/tools above " + Path.of("").toAbsolutePath());
        }
        Path tool = dir.resolve("target/lab-tools").resolve(name);
        if (!Files.isExecutable(tool)) {
            throw new AssertionError(tool + " is not built: run lab/tools/build (lab/run-kernel-tests does)");
        }
        return tool.toString();
    }

    /** Starts a tool (or any command) inside {@code ns} and leaves it running; its output goes to a log of its own. */
    public static BackgroundProcess startIn(LabNamespace ns, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        argv.addAll(List.of(command));
        try {
            Path log = Files.createTempFile("lab-" + Path.of(command[0]).getFileName(), ".log");
            return BackgroundProcess.start(argv, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes (kills) each process still running. */
    public static void closeAll(List<BackgroundProcess> processes) {
        for (BackgroundProcess p : processes) {
            try {
                p.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
