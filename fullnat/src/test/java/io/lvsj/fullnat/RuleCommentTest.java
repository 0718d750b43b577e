package io.lvsj.fullnat;

import org.junit.jupiter.api.Test;

import static io.lvsj.fullnat.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class RuleCommentTest {

    @Test
    void roundTrips() {
        RuleComment d = new RuleComment.Destination(WEB6, RS6);
        assertEquals("lvsj-fullnat dest tcp 2001:db8::10 443 2001:db8:1::2 443", d.text());
        assertEquals(d, RuleComment.parse(d.text()));
        RuleComment l = new RuleComment.LocalAddress(DNS, LIP1);
        assertEquals("lvsj-fullnat laddr udp 203.0.113.10 53 198.51.100.11", l.text());
        assertEquals(l, RuleComment.parse(l.text()));
        assertInstanceOf(RuleComment.Hook.class, RuleComment.parse("lvsj-fullnat"));
    }

    @Test
    void othersCommentsAreNotOurs() {
        assertNull(RuleComment.parse("kube-proxy masquerade"));
        assertNull(RuleComment.parse("lvsj-fullnat dest tcp 203.0.113.10 80"));
        assertNull(RuleComment.parse("lvsj-fullnat laddr icmp 203.0.113.10 80 198.51.100.11"));
        assertNull(RuleComment.parse("lvsj-fullnat laddr tcp example.com 80 198.51.100.11"));
        assertNull(RuleComment.parse("lvsj-fullnat dest tcp 203.0.113.10 80 198.51.100.2 70000"));
    }
}
