package io.lvsj.keepalived.check.net;

import java.io.IOException;

/**
 * A connected stream socket used by one check attempt. Every operation waits at most the
 * step timeout it was opened with, and never past the attempt's hard deadline.
 */
public interface StreamConnection extends AutoCloseable {

    /** Sends all of {@code bytes}. */
    void write(byte[] bytes) throws IOException;

    /** Reads what is there, waiting for at least one byte; -1 at end of stream. */
    int read(byte[] buffer, int offset, int length) throws IOException;

    /** Replaces this connection by TLS over it (SSL_GET), handshake done. */
    StreamConnection startTls(TlsSettings settings) throws IOException;

    @Override
    void close();
}
