package io.lvsj.keepalived.daemon;

import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * keepalived's pid files: {@code -p} for the parent (default {@code /run/keepalived.pid}),
 * {@code -r} for the VRRP child ({@code /run/keepalived_vrrp.pid}), {@code -c} for the checker
 * child ({@code /run/keepalived_checkers.pid}); see {@link #defaultPath}. keepalived-j is one process, so every file it
 * writes holds the same pid; a subsystem's file exists while that subsystem runs, so scripts
 * that look for {@code keepalived_vrrp.pid} find what they expect.
 *
 * <p>As keepalived does before starting: a file naming a live process means "daemon is
 * already running"; a file naming a dead one is a leftover and is removed.
 */
public final class PidFiles {
    /** keepalived's {@code KEEPALIVED_PID_DIR}, used with a network namespace, an instance name or {@code use_pid_dir}. */
    public static final Path PID_DIRECTORY = Path.of("/run/keepalived");

    private final Path main;
    private final Map<Subsystem.Kind, Path> subsystems;
    private final Logger log;
    private final List<Path> written = new ArrayList<>();

    public PidFiles(Path main, Path vrrp, Path checkers, Logger log) {
        this(main, vrrp, checkers, main.resolveSibling("keepalived_bfd.pid"), log);
    }

    /** With {@code bfd} for the BFD child ({@code -b}). */
    public PidFiles(Path main, Path vrrp, Path checkers, Path bfd, Logger log) {
        this.main = main;
        this.subsystems = new EnumMap<>(Map.of(Subsystem.Kind.VRRP, vrrp, Subsystem.Kind.CHECKERS, checkers,
                Subsystem.Kind.BFD, bfd));
        this.log = log;
    }

    /**
     * keepalived's default file for the process named {@code base} ({@code keepalived},
     * {@code keepalived_vrrp}, {@code keepalived_checkers}): in /run, or in /run/keepalived when
     * {@code usePidDir}, with {@code _INSTANCE} when an instance name is configured.
     */
    public static Path defaultPath(String base, boolean usePidDir, Optional<String> instance) {
        return (usePidDir ? PID_DIRECTORY : Path.of("/run")).resolve(base + instance.map(i -> "_" + i).orElse("")
                + ".pid");
    }

    public Path main() {
        return main;
    }

    public Path of(Subsystem.Kind kind) {
        return subsystems.get(kind);
    }

    /**
     * keepalived's {@code keepalived_running()}: whether the main file, or the file of an allowed
     * subsystem, names a live process. Leftover files are removed on the way.
     */
    public boolean anyRunning(Mode mode, LongPredicate alive) {
        if (running(main, alive)) {
            return true;
        }
        for (Subsystem.Kind kind : mode.allowed()) {
            if (running(subsystems.get(kind), alive)) {
                return true;
            }
        }
        return false;
    }

    private boolean running(Path file, LongPredicate alive) {
        if (!Files.exists(file)) {
            return false;
        }
        OptionalLong pid = read(file);
        if (pid.isEmpty()) {
            log.info("Error reading pid file " + file);
            remove(file);
            return true; // keepalived: we cannot tell, so assume it runs
        }
        if (!alive.test(pid.getAsLong())) {
            log.info("Remove a zombie pid file " + file);
            remove(file);
            return false;
        }
        return true;
    }

    static OptionalLong read(Path file) {
        try {
            String text = Files.readString(file).strip();
            return OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Writes {@code pid} to the main file. Returns false (after logging why) if it cannot. */
    public boolean writeMain(long pid) {
        return write(main, pid);
    }

    /** Writes {@code pid} to the file of a subsystem that has just started. */
    public void writeFor(Subsystem.Kind kind, long pid) {
        write(subsystems.get(kind), pid);
    }

    /**
     * keepalived's {@code pidfile_write}. On a full file system the file can be created but
     * not written: the empty file is removed again, or the next start would read it as
     * "cannot tell, assume it runs" and refuse to start (keepalived leaves it).
     */
    private boolean write(Path file, long pid) {
        try {
            Files.writeString(file, pid + "\n");
            // rw-r--r-- whatever the umask, as keepalived's pidfile_write
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            written.add(file);
            return true;
        } catch (IOException e) {
            log.info("pidfile_write : Cannot open " + file + " pidfile");
            try {
                Files.deleteIfExists(file);
            } catch (IOException notEvenThat) {
                // a read-only directory: nothing was created
            }
            return false;
        }
    }

    /** Removes the files of a subsystem that stopped. */
    public void removeFor(Subsystem.Kind kind) {
        Path file = subsystems.get(kind);
        if (written.remove(file)) {
            remove(file);
        }
    }

    /** Removes every file written (at exit). */
    public void removeAll() {
        written.forEach(PidFiles::remove);
        written.clear();
    }

    private static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a pid file we cannot remove is harmless: the next start sees its process is gone
        }
    }
}
