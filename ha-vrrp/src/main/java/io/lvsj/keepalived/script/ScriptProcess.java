package io.lvsj.keepalived.script;

import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.host.SystemHost;
import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts notify, track and MISC_CHECK scripts as keepalived does: the command executed
 * directly (no shell), nothing on its standard streams, as the script's user with that user's
 * group as its only group, and SIGTERM to it if keepalived-j dies ({@link ScriptArgv}).
 *
 * <p>{@code PR_SET_PDEATHSIG} fires when the <em>thread</em> that forked the script ends, not
 * only the process. Every script is therefore started from one platform thread per network
 * namespace that lives as long as keepalived-j: a virtual thread's carrier or a pool thread that
 * a reload retires would take its scripts with it.
 */
public final class ScriptProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptProcess.class);
    private static final Map<String, ExecutorService> SPAWNERS = new ConcurrentHashMap<>();
    private static volatile ScriptArgv argv;

    private ScriptProcess() {
    }

    /** Starts {@code command} as {@code user} (empty: as keepalived-j) in {@code namespace} (null: ours). */
    public static Process start(List<String> command, Optional<String> user, NetNamespace namespace) throws IOException {
        return start(command, user, Optional.empty(), namespace);
    }

    /**
     * As above, with {@code group} (keepalived's {@code USER GROUP} on a script's line or on
     * {@code script_user}) as the script's gid and only group instead of the user's primary one.
     */
    public static Process start(List<String> command, Optional<String> user, Optional<String> group,
                                NetNamespace namespace) throws IOException {
        Host.Account account = null;
        boolean otherUser = user.isPresent() && !user.get().equals("root");
        if (otherUser || group.isPresent()) { // the accounts are read only when a script names one
            SystemHost host = new SystemHost(null);
            if (otherUser) {
                account = host.user(user.get()).orElseThrow(() -> new IOException("user " + user.get() + " does not exist"));
            }
            if (group.isPresent()) {
                int gid = host.group(group.get()).orElseThrow(() -> new IOException("group " + group.get() + " does not exist"));
                account = new Host.Account(account == null ? 0 : account.uid(), gid);
            }
        }
        return start(builder(argv().of(command, user.orElse(null), account)), namespace);
    }

    /** The builder for {@code argv}: standard input from /dev/null, output discarded. */
    static ProcessBuilder builder(List<String> argv) {
        return new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    /** Starts {@code builder} from the namespace's spawner thread (see the class comment). */
    public static Process start(ProcessBuilder builder, NetNamespace namespace) throws IOException {
        ExecutorService spawner = SPAWNERS.computeIfAbsent(namespace == null ? "" : namespace.path().toString(),
                k -> spawner(namespace));
        Future<Process> started = spawner.submit(builder::start);
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command().getFirst(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static ExecutorService spawner(NetNamespace namespace) {
        return Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().daemon()
                .name("lvsj-scripts" + (namespace == null ? "" : "-" + namespace.name()))
                .unstarted(() -> {
                    if (namespace != null) {
                        int fd = LibC.open(namespace.path().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
                        try {
                            LibC.setns(fd, LibC.CLONE_NEWNET);
                        } finally {
                            LibC.close(fd);
                        }
                    }
                    task.run();
                }));
    }

    private static ScriptArgv argv() {
        ScriptArgv a = argv;
        if (a == null) {
            Setpriv setpriv = Setpriv.detect();
            if (!setpriv.present()) {
                LOG.warn("setpriv (util-linux) not found: scripts run through runuser with their user's groups,"
                        + " and keep running if keepalived-j is killed");
            } else if (!setpriv.pdeathsig()) {
                LOG.warn("setpriv has no --pdeathsig (util-linux before 2.33): scripts keep running if keepalived-j is killed");
            }
            a = new ScriptArgv(setpriv, ourUid());
            argv = a;
        }
        return a;
    }

    private static int ourUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // assume root, as keepalived-j runs
        }
        return 0;
    }
}
