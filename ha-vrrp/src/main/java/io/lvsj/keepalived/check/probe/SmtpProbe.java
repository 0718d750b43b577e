package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.Deadline;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.StreamConnection;
import io.lvsj.keepalived.check.net.Streams;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** SMTP_CHECK: banner, HELO, QUIT over one connection (see {@link SmtpDialogue}). */
public record SmtpProbe(CheckSpec.Smtp spec, NetworkContext network) implements Probe {
    /** keepalived's SMTP line buffer. */
    static final int LINE_LIMIT = 512;

    /**
     * One try, failing in {@code check_smtp.c}'s words for each step ("Connection timeout to
     * server [..]:25", "Bad greeting banner from server [..]:25"...): they are what keepalived
     * logs and mails.
     */
    @Override
    public Attempt attempt(CheckerState state) {
        Deadline deadline = Deadline.of(spec.endpoint().connectTimeout());
        String server = spec.endpoint().toString();
        StreamConnection connection;
        try {
            connection = Streams.connect(network, spec.endpoint(), deadline);
        } catch (SocketTimeoutException e) {
            return Attempt.failed("Connection timeout to server " + server);
        } catch (IOException e) {
            return Attempt.failed("Could not connect to server " + server);
        }
        try (StreamConnection c = connection) {
            return converse(c, server);
        }
    }

    private Attempt converse(StreamConnection c, String server) {
        SmtpDialogue dialogue = new SmtpDialogue(spec.heloName());
        LineReader lines = new LineReader(c);
        while (true) {
            String line;
            try {
                line = lines.next();
            } catch (SocketTimeoutException e) {
                return Attempt.failed("Read timeout from server " + server);
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                return Attempt.failed("Read failure from server " + server);
            }
            switch (dialogue.line(line)) {
                case SmtpDialogue.Send send -> {
                    try {
                        c.write(send.bytes());
                    } catch (SocketTimeoutException e) {
                        return Attempt.failed("Write timeout to server " + server);
                    } catch (IOException e) {
                        return Attempt.failed("Write failure to server " + server);
                    }
                }
                case SmtpDialogue.ReadMore ignored -> {
                }
                case SmtpDialogue.Done done -> {
                    return done.failure().map(f -> Attempt.failed(f + " " + server)).orElse(Attempt.passed());
                }
            }
        }
    }

    /** Splits what the server sends into lines (CR LF or LF), each at most {@link #LINE_LIMIT} bytes. */
    static final class LineReader {
        private final StreamConnection connection;
        private final byte[] buffer = new byte[LINE_LIMIT];
        private int length;

        LineReader(StreamConnection connection) {
            this.connection = connection;
        }

        /** The next line, or null when the server closed first. */
        String next() throws IOException {
            while (true) {
                for (int i = 0; i < length; i++) {
                    if (buffer[i] == '\n') {
                        int end = i > 0 && buffer[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buffer, 0, end, StandardCharsets.ISO_8859_1);
                        System.arraycopy(buffer, i + 1, buffer, 0, length - i - 1);
                        length -= i + 1;
                        return line;
                    }
                }
                if (length == buffer.length) {
                    length = 0; // an overlong line: keepalived drops what it has and reads on
                }
                int n = connection.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    return null;
                }
                length += n;
            }
        }
    }
}
