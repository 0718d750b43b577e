package io.lvsj.lab;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
