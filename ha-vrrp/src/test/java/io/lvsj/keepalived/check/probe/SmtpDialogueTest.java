package io.lvsj.keepalived.check.probe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class SmtpDialogueTest {
    static String sent(SmtpDialogue.Action a) {
        return new String(assertInstanceOf(SmtpDialogue.Send.class, a).bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void bannerHeloQuit() {
        SmtpDialogue d = new SmtpDialogue("checker.example");
        assertEquals("HELO checker.example\r\n", sent(d.line("220 mx.example ESMTP")));
        assertEquals("QUIT\r\n", sent(d.line("250 mx.example")));
        assertEquals(new SmtpDialogue.Done(Optional.empty()), d.line("221 bye"));
    }

    @Test
    void multiLineRepliesEndAtTheirLastLine() {
        SmtpDialogue d = new SmtpDialogue("h");
        assertInstanceOf(SmtpDialogue.ReadMore.class, d.line("220-mx.example first"));
        assertInstanceOf(SmtpDialogue.ReadMore.class, d.line("220-second"));
        assertEquals("HELO h\r\n", sent(d.line("220 ready")));
    }

    @Test
    void aBadBannerOrHeloReplyFails() {
        assertEquals(new SmtpDialogue.Done(Optional.of("Bad greeting banner from server")),
                new SmtpDialogue("h").line("554 go away"));
        SmtpDialogue d = new SmtpDialogue("h");
        d.line("220 ok");
        assertEquals(new SmtpDialogue.Done(Optional.of("Bad HELO response from server")), d.line("501 bad"));
        assertEquals(new SmtpDialogue.Done(Optional.of("Bad greeting banner from server")),
                new SmtpDialogue("h").line("220x"));
    }
}
