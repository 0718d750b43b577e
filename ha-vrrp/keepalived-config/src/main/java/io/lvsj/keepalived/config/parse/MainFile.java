package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.read.ConfigReader;

import java.nio.file.Path;

/** keepalived's {@code check_conf_file}: can the {@code -f} pattern be read at all? */
final class MainFile {
    private MainFile() {
    }

    static boolean check(String pattern, Path workingDirectory, boolean strict, Diagnostics diagnostics) {
        var matches = ConfigReader.matchMain(pattern, workingDirectory, strict, diagnostics);
        if (matches == null) {
            return false;
        }
        boolean ok = true;
        int readable = 0;
        for (String name : matches) {
            Path path = workingDirectory.resolve(name);
            if (name.endsWith("/")) {
                diagnostics.report(Location.NONE, strict ? Severity.FILE_NOT_FOUND : Severity.REPORTED, "Configuration file '" + name + "' is a directory - skipping");
                ok = false;
                continue;
            }
            if (!ConfigReader.regularNonExecutable(path)) {
                diagnostics.report(Location.NONE, strict ? Severity.FILE_NOT_FOUND : Severity.REPORTED, "Configuration file '" + name + "' is not a regular non-executable file - skipping");
                ok = false;
                continue;
            }
            if (!java.nio.file.Files.isReadable(path)) {
                diagnostics.report(Location.NONE, Severity.FILE_NOT_FOUND, "Unable to read configuration file " + name);
                ok = false;
                break;
            }
            readable++;
        }
        if (ok) {
            if (readable > 1) {
                diagnostics.report(Location.NONE, Severity.MULTIPLE_FILES, "WARNING, multiple configuration file matches of "
                        + pattern + ", starting with " + matches.getFirst());
            } else if (readable == 0) {
                diagnostics.report(Location.NONE, Severity.FILE_NOT_FOUND, "Unable to find configuration file " + pattern);
                ok = false;
            }
        }
        return ok;
    }
}
