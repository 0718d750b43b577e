package io.lvsj.keepalived.check.probe;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * SMTP_CHECK's conversation: wait for a 220 banner, send {@code HELO name}, expect 250, send
 * {@code QUIT}, and pass on any reply to it. Replies are read line by line; a multi-line reply
 * ({@code 250-...}) is complete at its last line. (keepalived 2.2 only looks at the first line
 * and so fails servers whose banner spans lines; this is the one deliberate difference.) Pure:
 * it is fed lines and says what to send or how the check ended.
 */
public final class SmtpDialogue {

    /** What to do after a line. */
    public sealed interface Action {
    }

    /** Send these bytes, then read replies again. */
    public record Send(byte[] bytes) implements Action {
    }

    /** Read another line: the reply is not complete. */
    public record ReadMore() implements Action {
    }

    /** The check is over. */
    public record Done(Optional<String> failure) implements Action {
    }

    private enum Phase { BANNER, HELO, QUIT }

    private final String heloName;
    private Phase phase = Phase.BANNER;

    public SmtpDialogue(String heloName) {
        this.heloName = heloName;
    }

    /** Takes one reply line (without CR LF). */
    public Action line(String line) {
        int status = status(line);
        if (status > 0 && line.length() > 3 && line.charAt(3) == '-') {
            return new ReadMore();
        }
        return switch (phase) {
            case BANNER -> {
                if (status != 220) {
                    yield new Done(Optional.of("Bad greeting banner from server"));
                }
                phase = Phase.HELO;
                yield new Send(("HELO " + heloName + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            case HELO -> {
                if (status != 250) {
                    yield new Done(Optional.of("Bad HELO response from server"));
                }
                phase = Phase.QUIT;
                yield new Send("QUIT\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            case QUIT -> new Done(Optional.empty());
        };
    }

    /** A reply line's three-digit code, or -1 when it does not start with one followed by space, '-' or the end. */
    static int status(String line) {
        if (line.length() < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            if (!Character.isDigit(line.charAt(i))) {
                return -1;
            }
        }
        if (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            return -1;
        }
        return Integer.parseInt(line.substring(0, 3));
    }
}
