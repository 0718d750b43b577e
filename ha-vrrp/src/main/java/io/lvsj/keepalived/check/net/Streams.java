package io.lvsj.keepalived.check.net;


import java.io.IOException;

/** Opens the stream connection a check needs: a JDK socket, or a native one for fwmark/bind_if. */
public final class Streams {
    private Streams() {
    }

    public static StreamConnection connect(NetworkContext network, Endpoint endpoint, Deadline deadline)
            throws IOException {
        return endpoint.needsNativeSocket()
                ? NativeStream.connect(network, endpoint, deadline)
                : JdkStream.connect(network, endpoint, deadline);
    }
}
