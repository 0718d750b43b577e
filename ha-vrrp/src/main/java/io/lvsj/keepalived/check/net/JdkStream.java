package io.lvsj.keepalived.check.net;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A check connection on a JDK socket: on a virtual thread its blocking calls park instead of
 * holding a thread. Used whenever no option needs a native socket.
 */
final class JdkStream implements StreamConnection {
    private final Socket socket;
    private final Deadline deadline;
    private final InputStream in;
    private final OutputStream out;

    private JdkStream(Socket socket, Deadline deadline) throws IOException {
        this.socket = socket;
        this.deadline = deadline;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static JdkStream connect(NetworkContext network, Endpoint endpoint, Deadline deadline) throws IOException {
        SocketChannel channel = network.openStream(endpoint.address());
        try {
            Socket socket = channel.socket();
            if (endpoint.bindTo().isPresent()) {
                socket.bind(new InetSocketAddress(endpoint.bindTo().get(), endpoint.bindPort()));
            }
            socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()), deadline.nextStepMillis());
            return new JdkStream(socket, deadline);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        deadline.nextStepNanos();
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        socket.setSoTimeout(deadline.nextStepMillis());
        return in.read(buffer, offset, length);
    }

    @Override
    public StreamConnection startTls(TlsSettings settings) throws IOException {
        String peer = socket.getInetAddress().getHostAddress();
        SSLSocket tls = (SSLSocket) settings.context().getSocketFactory()
                .createSocket(socket, peer, socket.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(settings.serverName().<List<javax.net.ssl.SNIServerName>>map(
                name -> List.of(new SNIHostName(name))).orElse(List.of()));
        tls.setSSLParameters(parameters);
        tls.setUseClientMode(true);
        int millis = deadline.nextStepMillis();
        socket.setSoTimeout(millis);
        tls.setSoTimeout(millis);
        tls.startHandshake();
        return new JdkStream(tls, deadline);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a check socket cannot fail in a way that matters
        }
    }
}
