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

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    void publish(String session, boolean isUp) {
        up.put(session, isUp);
        listeners.forEach(l -> l.changed(session, isUp));
    }

    /** Whether session {@code name} is up now. */
    public boolean isUp(String name) {
        return up.getOrDefault(name, false);
    }
}
