package io.lvsj.keepalived.lib;

import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform threads that live in one network namespace ({@code net_namespace}, or a test's
 * namespace): each enters it with {@code setns(2)} before running anything, so the sockets it
 * opens and the processes it starts belong there. Virtual threads must never do this (they
 * move between carrier threads), hence platform threads.
 */
public final class NamespaceThreads implements ThreadFactory {
    private final NetNamespace namespace;
    private final String name;
    private final AtomicInteger count = new AtomicInteger();

    public NamespaceThreads(NetNamespace namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        String threadName = count.getAndIncrement() == 0 ? name : name + "-" + count.get();
        return Thread.ofPlatform().name(threadName).daemon(true).unstarted(() -> {
            enter(namespace);
            task.run();
        });
    }

    /** Moves the calling (platform) thread into {@code namespace}; nothing when {@code null}. */
    public static void enter(NetNamespace namespace) {
        if (namespace == null) {
            return;
        }
        int fd = LibC.open(namespace.path().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            LibC.setns(fd, LibC.CLONE_NEWNET);
        } finally {
            LibC.close(fd);
        }
    }
}
