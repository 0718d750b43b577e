package io.lvsj.keepalived.check.testserver;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Binds a listener, waiting a little when the address is still held: a test that restarts a
 * server on its old port may race the previous listener's close, which the JDK completes only
 * once its blocked accept has returned.
 */
final class Binding {
    private Binding() {
    }

    static void bind(ServerSocket socket, InetSocketAddress address, int backlog) throws IOException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                socket.bind(address, backlog);
                return;
            } catch (BindException e) {
                if (address.getPort() == 0 || System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
