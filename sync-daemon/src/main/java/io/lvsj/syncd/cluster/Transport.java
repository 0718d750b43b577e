package io.lvsj.syncd.cluster;

/** How the directors of a cluster reach each other. */
public enum Transport {
    /** UDP multicast on one segment: members find each other by themselves (the default). */
    MULTICAST,
    /** TCP to a static list of peers: crosses routers, needs no multicast. */
    TCP
}
