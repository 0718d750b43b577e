package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.host.Host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether a script may run, as keepalived's {@code check_script_secure} decides: found (on
 * {@code PATH} for a bare name), executable by the user it runs as, and, when it runs as root,
 * in a path no one else can write to. The result drives keepalived's verdicts: a script that
 * would run without {@code enable_script_security} is a security violation ({@code -t} exits
 * 6); a track script that cannot be found or is insecure is disabled with an error.
 */
final class ScriptSecurity {
    static final int SYSTEM = 0x01;
    static final int NOT_FOUND = 0x02;
    static final int INHIBIT = 0x04;
    static final int INSECURE = 0x08;
    static final int IS_SCRIPT = 0x10;
    static final int EXECUTABLE = 0x20;

    private final ParseContext ctx;

    ScriptSecurity(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** The flags for a command run as {@code account}; notes explain a refusal. */
    int check(List<String> command, Host.Account account, io.lvsj.keepalived.config.Location at) {
        String program = command.getFirst();
        if (program.startsWith("<") && program.substring(1).stripLeading().startsWith("/")) {
            return SYSTEM;
        }
        if (program.indexOf('/') < 0) {
            String found = searchPath(program);
            if (found == null) {
                ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "Cannot find script " + program + " in path - disabling");
                return NOT_FOUND;
            }
            program = found;
        }
        Path given = Path.of(program);
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "Script " + program + " cannot be accessed - No such file or directory");
            return NOT_FOUND;
        }
        String newPath = real.toString();
        String realFilePath = null;
        if (!program.equals(newPath)) {
            String origName = given.getFileName().toString();
            if (!real.getFileName().toString().equals(origName)) {
                Path sameDir = real.resolveSibling(origName);
                realFilePath = newPath;
                newPath = sameDir.toString();
                if (!sameFile(real, sameDir)) {
                    newPath = realFilePath;
                    realFilePath = null;
                }
            }
            program = newPath;
        }
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(Path.of(realFilePath != null ? realFilePath : program), "unix:mode,uid,gid");
        } catch (IOException | UnsupportedOperationException e) {
            ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "Unable to access script `" + program + "` - disabling");
            return NOT_FOUND;
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
            ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "WARNING - script '" + program + "' is not executable for uid:gid "
                    + account.uid() + ":" + account.gid() + " - disabling.");
        }
        if (!protect) {
            return flags;
        }
        flags |= pathSecurity(program, at);
        if (realFilePath != null) {
            flags |= pathSecurity(realFilePath, at);
        }
        return flags;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

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

    /** keepalived's {@code check_security}: every directory on the way root-owned and not writable by others. */
    private int pathSecurity(String file, io.lvsj.keepalived.config.Location at) {
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
                ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "check_script_secure could not find script '" + file + "' - disabling");
                return NOT_FOUND;
            }
            if ((!last && !isDir) || (last && !isRegular && !isLink)) {
                ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "Wrong file type found in script path '" + file + "'.");
                return INHIBIT;
            }
            int mode = (Integer) attrs.get("mode");
            int uid = (Integer) attrs.get("uid");
            int gid = (Integer) attrs.get("gid");
            boolean sticky = (mode & 01000) != 0;
            if (uid != 0 || (((isDir && !sticky) || isRegular) && ((gid != 0 && (mode & 020) != 0) || (mode & 02) != 0))) {
                ctx.report(at, io.lvsj.keepalived.config.Severity.NOTE, "Unsafe permissions found for script '" + file + "'"
                        + (enforce ? " - disabling" : "") + ".");
                return INSECURE | (enforce ? INHIBIT : 0);
            }
            if (next >= file.length()) {
                break;
            }
        }
        return 0;
    }

    private String searchPath(String program) {
        for (String dir : ctx.host.executablePath().split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
