package io.lvsj.fullnat;

import io.lvsj.sys.NetNamespace;
import io.lvsj.sys.StateFile;

import java.io.IOException;
import java.nio.file.Path;

/** A namespace's FullNAT state in its {@link StateFile} ({@code /run/lvsj/fullnat/net-INODE.state}). */
final class StateStore {
    private final StateFile file;

    StateStore(Path runDirectory, NetNamespace namespace) {
        try {
            this.file = new StateFile(runDirectory, "fullnat", namespace);
        } catch (IOException | RuntimeException e) {
            throw new FullNatException("cannot identify network namespace "
                    + (namespace == null ? "of this process" : namespace.name()) + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return file.path();
    }

    /** The recorded state; none when there is no file. */
    FullNatState load() {
        try {
            return file.read().map(t -> FullNatState.parse(t, file.path().toString())).orElse(FullNatState.none());
        } catch (IOException e) {
            throw new FullNatException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    void save(FullNatState s, String header) {
        try {
            file.write(s.isEmpty() ? null : s.text(header));
        } catch (IOException e) {
            throw new FullNatException("cannot write " + file.path() + ": " + e.getMessage(), e);
        }
    }

    AutoCloseable lock() {
        try {
            return file.lock();
        } catch (IOException e) {
            throw new FullNatException("cannot lock " + file.path() + ": " + e.getMessage(), e);
        }
    }
}
