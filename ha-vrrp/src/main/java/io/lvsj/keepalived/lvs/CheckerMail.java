package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.CheckSpec;

/**
 * The body of the e-mail keepalived sends when one of a real server's checkers goes up or
 * down: each checker's own words ({@code check_tcp.c}, {@code check_http.c}...). Pure.
 */
final class CheckerMail {
    private CheckerMail() {
    }

    static String body(CheckSpec check, boolean up) {
        return switch (check) {
            case CheckSpec.Tcp t -> up ? "=> TCP CHECK succeed on service <=" : "=> TCP CHECK failed on service <=";
            case CheckSpec.Http h -> up ? "=> CHECK succeed on service <=" : "=> CHECK failed on service : HTTP request failed <=";
            case CheckSpec.Smtp m -> up ? "=> CHECK succeed on service <=" : "=> CHECK failed on service <=";
            case CheckSpec.Dns d -> up ? "=> DNS_CHECK: succeed on service <=" : "=> DNS_CHECK: failed on service <=";
            case CheckSpec.Udp u -> up ? "=> UDP CHECK succeed on service <=" : "=> UDP CHECK failed on service <=";
            case CheckSpec.Ping p -> up ? "=> ICMP CHECK succeed on service <=" : "=> ICMP CHECK failed on service <=";
            case CheckSpec.Misc m -> up ? "=> MISC CHECK succeeded on service <=" : "=> MISC CHECK failed on service <=";
            default -> up ? "=> CHECK succeed on service <=" : "=> CHECK failed on service <=";
        };
    }
}
