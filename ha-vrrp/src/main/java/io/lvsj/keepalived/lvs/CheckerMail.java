package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.probe.MiscExit;

import java.util.Optional;

/**
 * The body of the e-mail keepalived sends when one of a real server's checkers goes up or
 * down: each checker's own words ({@code check_tcp.c}, {@code check_http.c}...), with the
 * failure's own words for SMTP_CHECK ("Could not connect to server [..]:25") and whether a
 * MISC_CHECK script failed or timed out. Pure.
 */
final class CheckerMail {
    private CheckerMail() {
    }

    static String body(CheckSpec check, boolean up, Optional<String> failure) {
        return switch (check) {
            case CheckSpec.Tcp t -> up ? "=> TCP CHECK succeed on service <=" : "=> TCP CHECK failed on service <=";
            case CheckSpec.Http h -> up ? "=> CHECK succeed on service <=" : "=> CHECK failed on service : HTTP request failed <=";
            case CheckSpec.Smtp m -> up ? "=> CHECK succeed on service <="
                    : failure.map(f -> "=> CHECK failed on service : " + f + " <=").orElse("=> CHECK failed on service <=");
            case CheckSpec.Dns d -> up ? "=> DNS_CHECK: succeed on service <=" : "=> DNS_CHECK: failed on service <=";
            case CheckSpec.Udp u -> up ? "=> UDP CHECK succeed on service <=" : "=> UDP CHECK failed on service <=";
            case CheckSpec.Ping p -> up ? "=> ICMP CHECK succeed on service <=" : "=> ICMP CHECK failed on service <=";
            case CheckSpec.Misc m -> "=> MISC CHECK " + (up ? "succeeded"
                    : failure.filter(MiscExit.TIMED_OUT::equals).isPresent() ? "timed out" : "failed") + " on service <=";
            case CheckSpec.Bfd b -> "=> BFD CHECK " + b.session() + (up ? " succeeded" : " failed") + " on service <=";
            default -> up ? "=> CHECK succeed on service <=" : "=> CHECK failed on service <=";
        };
    }
}
