package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.host.Host;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a script may run, as keepalived 2.2.7's {@code check_script_secure} decides, and the
 * command it runs then: found (on {@code PATH} for a bare name), reachable and executable by
 * the user it runs as, and, when it runs as root (or is set-uid/gid root), with no part of its
 * path writable by anyone but root: every directory and the file owned by root, not writable
 * by a group other than root's nor by others, except a directory with the sticky bit
 * ({@code check_security}). The path checked, and the one run, is the resolved one: symbolic
 * links followed, keeping the file name the command used when it names the same file, as
 * keepalived's {@code realpath} and {@code replace_cmd_name} do. So a link in a directory others
 * can write to cannot be swapped for another script after the check.
 *
 * <p>The flags drive keepalived's verdicts: a script that would run without
 * {@code enable_script_security} is a security violation ({@code -t} exits 6); a track script
 * that cannot be found or is insecure is disabled with an error.
 */
final class ScriptSecurity {
    static final int SYSTEM = 0x01;
    static final int NOT_FOUND = 0x02;
    static final int INHIBIT = 0x04;
    static final int INSECURE = 0x08;
    static final int IS_SCRIPT = 0x10;
    static final int EXECUTABLE = 0x20;

    /** What the check found, and the command with its program resolved as keepalived runs it. */
    record Checked(int flags, List<String> command) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    private final ParseContext ctx;

    ScriptSecurity(ParseContext ctx) {
        this.ctx = ctx;
    }

    private void note(Location at, String message) {
        ctx.report(at, Severity.NOTE, message);
    }

    /** The flags for {@code command} run as {@code account}; notes explain a refusal. */
    Checked check(List<String> command, Host.Account account, Location at) {
        String program = command.getFirst();
        if (program.startsWith("<") && program.substring(1).stripLeading().startsWith("/")) {
            return new Checked(SYSTEM, command);
        }
        if (program.indexOf('/') < 0) {
            PathSearch found = searchPath(program, account);
            if (found.path() == null) {
                note(at, (found.denied() ? "Permissions failure for script " : "Cannot find script ") + program
                        + " in path - disabling");
                return new Checked(NOT_FOUND, command);
            }
            note(at, "WARNING - script `" + program + "` resolved by path search to `" + found.path()
                    + "`. Please specify full path.");
            program = found.path();
        }
        Path real;
        try {
            real = Path.of(program).toRealPath();
        } catch (IOException e) {
            note(at, "Script " + program + " cannot be accessed - " + reason(e));
            return new Checked(NOT_FOUND, command);
        }
        if (!reachable(Path.of(program).toAbsolutePath(), account) || !reachable(real, account)) {
            // keepalived resolves the path with the script's uid and gid
            note(at, "Script " + program + " cannot be accessed - Permission denied");
            return new Checked(NOT_FOUND, command);
        }
        String newPath = real.toString();
        String realFilePath = null;
        if (!program.equals(newPath)) {
            // Keep the name the command used (some programs act on their name) when it is the same file.
            String origName = program.substring(program.lastIndexOf('/') + 1);
            String newName = newPath.substring(newPath.lastIndexOf('/') + 1);
            if (!origName.equals(newName)) {
                realFilePath = newPath;
                newPath = newPath.substring(0, newPath.lastIndexOf('/') + 1) + origName;
                if (!sameFile(Path.of(realFilePath), Path.of(newPath))) {
                    newPath = realFilePath;
                    realFilePath = null;
                }
            }
            program = newPath;
        }
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, program);
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(Path.of(realFilePath != null ? realFilePath : program), "unix:mode,uid,gid");
        } catch (IOException | UnsupportedOperationException e) {
            note(at, "Unable to access script `" + program + "` - disabling");
            return new Checked(NOT_FOUND, resolved);
        }
        int mode = (Integer) attrs.get("mode");
        int uid = (Integer) attrs.get("uid");
        int gid = (Integer) attrs.get("gid");
        int flags = IS_SCRIPT;
        boolean protect = false;
        if (executable(mode, uid, gid, account)) {
            flags |= EXECUTABLE;
            protect = account.uid() == 0 || account.gid() == 0
                    || (uid == 0 && (mode & 0100) != 0 && (mode & 04000) != 0)
                    || (gid == 0 && (mode & 010) != 0 && (mode & 02000) != 0);
        } else {
            note(at, "WARNING - script '" + program + "' is not executable for uid:gid " + account.uid() + ":"
                    + account.gid() + " - disabling.");
        }
        if (protect) {
            flags |= pathSecurity(program, at);
            if (realFilePath != null) {
                flags |= pathSecurity(realFilePath, at);
            }
        }
        return new Checked(flags, resolved);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** keepalived's {@code is_executable}. */
    private static boolean executable(int mode, int uid, int gid, Host.Account account) {
        if (account.uid() == 0) {
            return (mode & 0111) != 0;
        }
        if (uid == account.uid()) {
            return (mode & 0100) != 0;
        }
        if (gid == account.gid()) {
            return (mode & 010) != 0;
        }
        return (mode & 01) != 0;
    }

    /**
     * Whether {@code account} may search every directory above {@code file}, as the kernel
     * decides for keepalived's {@code realpath} under the script's effective uid and gid (its
     * supplementary groups stay keepalived's own).
     */
    private boolean reachable(Path file, Host.Account account) {
        if (account.uid() == 0) {
            return true;
        }
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            Map<String, Object> attrs;
            try {
                attrs = Files.readAttributes(dir, "unix:mode,uid,gid");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
            int mode = (Integer) attrs.get("mode");
            int uid = (Integer) attrs.get("uid");
            int gid = (Integer) attrs.get("gid");
            int bit = uid == account.uid() ? 0100
                    : gid == account.gid() || ctx.host.supplementaryGroups().contains(gid) ? 010 : 01;
            if ((mode & bit) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * keepalived's {@code check_security}: each element of the path, from "/" to the file, is
     * looked at without following links; every one but the last must be a directory, the last
     * a file or a link (so a path ending in '/' is the wrong type).
     */
    private int pathSecurity(String file, Location at) {
        boolean enforce = ctx.global.scriptSecurity;
        int next = 0;
        while (next >= 0) {
            int slash = file.indexOf('/', next);
            String part;
            boolean last;
            if (slash >= 0) {
                part = slash == 0 ? "/" : file.substring(0, slash);
                next = slash + 1;
                last = false;
            } else {
                part = file;
                next = -1;
                last = true;
            }
            Map<String, Object> attrs;
            boolean isDir;
            boolean isRegular;
            boolean isLink;
            try {
                Path p = Path.of(part);
                attrs = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                isRegular = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                isLink = Files.isSymbolicLink(p);
            } catch (IOException | UnsupportedOperationException e) {
                note(at, "check_script_secure could not find script '" + file + "' - disabling");
                return NOT_FOUND;
            }
            if ((!last && !isDir) || (last && !isRegular && !isLink)) {
                note(at, "Wrong file type found in script path '" + file + "'.");
                return INHIBIT;
            }
            int mode = (Integer) attrs.get("mode");
            int uid = (Integer) attrs.get("uid");
            int gid = (Integer) attrs.get("gid");
            boolean sticky = (mode & 01000) != 0;
            if (uid != 0 || (((isDir && !sticky) || isRegular) && ((gid != 0 && (mode & 020) != 0) || (mode & 02) != 0))) {
                note(at, "Unsafe permissions found for script '" + file + "'" + (enforce ? " - disabling" : "") + ".");
                return INSECURE | (enforce ? INHIBIT : 0);
            }
        }
        return 0;
    }

    /** A bare name's search result: its path, or none and whether one was found but denied. */
    private record PathSearch(String path, boolean denied) {
    }

    /** keepalived's {@code find_path}: the first regular file on PATH that the script's user may execute. */
    private PathSearch searchPath(String program, Host.Account account) {
        if (program.isEmpty()) {
            return new PathSearch(null, false);
        }
        boolean denied = false;
        for (String dir : ctx.host.executablePath().split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            Map<String, Object> attrs;
            try {
                attrs = Files.readAttributes(candidate, "unix:mode,uid,gid");
            } catch (IOException | UnsupportedOperationException | java.nio.file.InvalidPathException e) {
                continue;
            }
            if (!reachable(candidate.toAbsolutePath(), account) || !Files.isRegularFile(candidate)
                    || !executable((Integer) attrs.get("mode"), (Integer) attrs.get("uid"), (Integer) attrs.get("gid"), account)) {
                denied = true;
                continue;
            }
            return new PathSearch((dir.isEmpty() ? "" : dir + "/") + program, false);
        }
        return new PathSearch(null, denied);
    }
}
