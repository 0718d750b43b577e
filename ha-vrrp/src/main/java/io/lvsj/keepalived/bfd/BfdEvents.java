package io.lvsj.keepalived.bfd;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What keepalived's BFD process tells its VRRP (and checker) processes through a pipe: a
 * session came up or went down. Here, in one process, listeners subscribe; a new one is told
 * first which sessions are up now (keepalived's VRRP process starts with every session down).
 * Any thread may publish or subscribe.
 */
public final class BfdEvents {
    /** A session's change, on the BFD thread: do not block. */
    public interface Listener {
        void changed(String session, boolean up);

        /**
         * The state {@code session} is in, as keepalived's BFD process writes it to the
         * checker process's pipe for every session at its start and at each reload. Only for
         * sessions that serve checkers; VRRP listeners ignore it.
         */
        default void reported(String session, boolean up) {
        }
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> up = new ConcurrentHashMap<>();

    public void subscribe(Listener listener) {
        listeners.add(listener);
        up.forEach((name, isUp) -> {
            if (isUp) {
                listener.changed(name, true);
            }
        });
    }

    /**
     * Subscribes without being told which sessions are up now, as keepalived's checker process
     * learns them only from the BFD process's reports ({@link Listener#reported}).
     */
    public void follow(Listener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    void publish(String session, boolean isUp) {
        up.put(session, isUp);
        listeners.forEach(l -> l.changed(session, isUp));
    }

    void report(String session, boolean isUp) {
        listeners.forEach(l -> l.reported(session, isUp));
    }

    /** Whether session {@code name} is up now. */
    public boolean isUp(String name) {
        return up.getOrDefault(name, false);
    }
}
