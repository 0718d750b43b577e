package io.lvsj.realserver;

import io.lvsj.rtnl.NewLink;

import java.net.InetAddress;
import java.util.Set;

/** One thing to do to the host, as planned; carried out it becomes a {@link Change} (or nothing, if it was so already). */
sealed interface Step {
    String purpose();

    /** Set sysctl {@code name} to {@code value} unless its value is one of {@code fine}. */
    record Sysctl(String purpose, String name, Set<String> fine, String value) implements Step {
    }

    record CreateLink(String purpose, NewLink link) implements Step {
    }

    record Up(String purpose, String name) implements Step {
    }

    record AddAddress(String purpose, String device, InetAddress address) implements Step {
    }

    record OpenGuePort(String purpose, int port) implements Step {
    }
}
