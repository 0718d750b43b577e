package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.VrrpState;

/**
 * Told of every state an instance enters, as its notifications are: on the notify thread, in
 * the order the instances changed state, never on the VRRP thread. This is how the rest of the
 * process follows VRRP; the kernel's sync daemon, for one, is master while its instance is.
 */
@FunctionalInterface
public interface TransitionListener {
    TransitionListener NONE = (instance, state) -> { };

    void entered(String instance, VrrpState state);
}
