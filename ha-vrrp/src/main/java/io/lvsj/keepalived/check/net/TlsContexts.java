package io.lvsj.keepalived.check.net;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/**
 * The TLS client context SSL_GET uses. keepalived never sets a verify mode on its OpenSSL
 * context, so it accepts any server certificate, even with a {@code ca} configured; a
 * health check that started failing on an expired certificate would take a healthy pool
 * down. keepalived-j does the same.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** A context that accepts every server certificate, presenting {@code keys} (may be null) as client. */
    public static SSLContext acceptingAnyServer(KeyManager[] keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[]{new AcceptAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
