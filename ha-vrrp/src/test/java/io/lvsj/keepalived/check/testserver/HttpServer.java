package io.lvsj.keepalived.check.testserver;

import io.lvsj.lab.Command;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal HTTP (or HTTPS) server for checker tests: reads a request head, answers with what
 * {@code responder} returns for the request line, and closes. Records request heads and the
 * TLS server names clients asked for.
 */
public final class HttpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private volatile Function<String, byte[]> responder;

    private HttpServer(ServerSocket socket, Function<String, byte[]> responder) {
        this.socket = socket;
        this.responder = responder;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public static HttpServer plain(Function<String, byte[]> responder) throws IOException {
        return plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder);
    }

    /** A server on {@code address} (in the namespace of the calling thread). */
    public static HttpServer plain(InetSocketAddress address, Function<String, byte[]> responder) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        Binding.bind(s, address, 50);
        return new HttpServer(s, responder);
    }

    public static HttpServer tls(Function<String, byte[]> responder) throws Exception {
        return tls(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder);
    }

    /** A TLS server that demands a client certificate and trusts only {@code client}. */
    public static HttpServer tlsRequiringClient(java.security.cert.X509Certificate client,
                                                Function<String, byte[]> responder) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client", client);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(keyManagers(), tmf.getTrustManagers(), null);
        SSLServerSocket s = (SSLServerSocket) c.getServerSocketFactory().createServerSocket();
        s.setNeedClientAuth(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new HttpServer(s, responder);
    }

    public static HttpServer tls(InetSocketAddress address, Function<String, byte[]> responder) throws Exception {
        SSLServerSocket s = (SSLServerSocket) serverContext().getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        Binding.bind(s, address, 50);
        return new HttpServer(s, responder);
    }

    /** A response with this status and body, closing the connection. */
    public static byte[] response(int status, String body) {
        return ("HTTP/1.0 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    public void setResponder(Function<String, byte[]> newResponder) {
        responder = newResponder;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            if (s instanceof SSLSocket tls) {
                tls.startHandshake();
                if (tls.getSession() instanceof javax.net.ssl.ExtendedSSLSession ext) {
                    ext.getRequestedServerNames().forEach(n -> serverNames.add(
                            new String(n.getEncoded(), StandardCharsets.US_ASCII)));
                }
            }
            String head = readHead(s.getInputStream());
            requests.add(head);
            byte[] answer = responder.apply(head.lines().findFirst().orElse(""));
            if (answer != null) {
                s.getOutputStream().write(answer);
                s.getOutputStream().flush();
            } else {
                Thread.sleep(60_000); // hang: the client must time out
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<String> requests() {
        return requests;
    }

    public List<String> serverNames() {
        return serverNames;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static SSLContext context;
    private static javax.net.ssl.KeyManager[] keyManagers;

    static synchronized javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        serverContext();
        return keyManagers;
    }

    /** A server context with a self-signed certificate made once per test run by the JDK's keytool. */
    static synchronized SSLContext serverContext() throws Exception {
        if (context == null) {
            Path dir = Files.createTempDirectory("ck-tls");
            Path store = dir.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Command.Result keys = Command.run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                    "-keysize", "2048", "-dname", "CN=ck-test", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
            if (keys.status() != 0) {
                throw new IllegalStateException("keytool failed: " + keys.output());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
            keyManagers = kmf.getKeyManagers();
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            context = c;
            Files.delete(store);
            Files.delete(dir);
        }
        return context;
    }
}
