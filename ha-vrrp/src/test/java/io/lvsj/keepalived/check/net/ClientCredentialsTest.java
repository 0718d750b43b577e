package io.lvsj.keepalived.check.net;

import io.lvsj.lab.Command;
import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.probe.HttpProbe;
import io.lvsj.keepalived.check.testserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSL_GET with the SSL block's client certificate, against a server that demands one: keys
 * made by OpenSSL in each form keepalived's users have (PKCS#8, PKCS#1, encrypted PKCS#8).
 */
class ClientCredentialsTest {
    static Path dir;
    static X509Certificate certificate;

    static void openssl(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Command.Result r = Command.runIn(dir, argv);
        assertEquals(0, r.status(), r.output());
    }

    @BeforeAll
    static void keys() throws Exception {
        dir = Files.createTempDirectory("ck-tls-client");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "pkcs8.pem", "-out", "cert.pem",
                "-subj", "/CN=ck-client", "-days", "2");
        openssl("rsa", "-in", "pkcs8.pem", "-traditional", "-out", "pkcs1.pem");
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "pkcs8.pem", "-out", "encrypted.pem",
                "-passout", "pass:s3cret");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.pem");
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Attempt sslGet(HttpServer server, KeyManager[] keys) {
        CheckSpec.Http spec = new CheckSpec.Http(Endpoint.of(InetAddress.getLoopbackAddress(), server.port())
                .withConnectTimeout(Duration.ofSeconds(2)), CheckTiming.every(Duration.ofSeconds(1)), true,
                CheckSpec.HttpVersion.HTTP_1_0, Optional.empty(), false, Optional.empty(), false,
                List.of(CheckSpec.HttpUrl.of("/")));
        return new HttpProbe(spec, NetworkContext.host(), TlsContexts.acceptingAnyServer(keys))
                .attempt(CheckerState.initial(false, 1));
    }

    @Test
    void theClientCertificateOpensTheDoorInEveryKeyForm() throws Exception {
        try (HttpServer server = HttpServer.tlsRequiringClient(certificate, line -> HttpServer.response(200, "in"))) {
            assertInstanceOf(Attempt.Failed.class, sslGet(server, null), "no certificate, no entry");
            Path cert = dir.resolve("cert.pem");
            assertEquals(Attempt.passed(), sslGet(server, ClientCredentials.load(cert, dir.resolve("pkcs8.pem"),
                    Optional.empty())));
            assertEquals(Attempt.passed(), sslGet(server, ClientCredentials.load(cert, dir.resolve("pkcs1.pem"),
                    Optional.empty())));
            assertEquals(Attempt.passed(), sslGet(server, ClientCredentials.load(cert, dir.resolve("encrypted.pem"),
                    Optional.of("s3cret"))));
        }
    }

    @Test
    void unusableKeysSayWhy() {
        Path cert = dir.resolve("cert.pem");
        IOException noPassword = assertThrows(IOException.class,
                () -> ClientCredentials.load(cert, dir.resolve("encrypted.pem"), Optional.empty()));
        assertTrue(noPassword.getMessage().endsWith("the key is encrypted and the SSL block has no password"));
        IOException sec1 = assertThrows(IOException.class,
                () -> ClientCredentials.load(cert, dir.resolve("sec1.pem"), Optional.empty()));
        assertTrue(sec1.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), sec1.getMessage());
        assertThrows(IOException.class, () -> ClientCredentials.load(cert, dir.resolve("cert.pem"), Optional.empty()));
    }
}
