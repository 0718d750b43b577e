package io.lvsj.ipvsadm.cli;

/**
 * The library call ipvsadm makes for a request. Its error texts depend on it: ESRCH is
 * "No such service" when editing a service but "Service not defined" when adding a server.
 */
public enum KernelCall {
    INIT,
    ADD_SERVICE,
    UPDATE_SERVICE,
    DEL_SERVICE,
    ZERO_SERVICE,
    ADD_DEST,
    UPDATE_DEST,
    DEL_DEST,
    START_DAEMON,
    STOP_DAEMON,
    SET_TIMEOUT,
    FLUSH,
    GET_SERVICES,
    GET_DESTS,
    GET_SERVICE,
    GET_TIMEOUT,
    GET_DAEMON
}
