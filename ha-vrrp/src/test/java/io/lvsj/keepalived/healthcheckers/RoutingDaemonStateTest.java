package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.config.GlobalDefs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The replies of BIRD and FRR, as they come (BIRD 2.0.12's and FRR 8.4's, captured), and the log lines. */
class RoutingDaemonStateTest {
    static final GlobalDefs.RoutingDaemon BIRD = new GlobalDefs.RoutingDaemon(GlobalDefs.RoutingDaemon.Kind.BIRD,
            "/run/bird/bird.ctl");
    static final GlobalDefs.RoutingDaemon FRR = new GlobalDefs.RoutingDaemon(GlobalDefs.RoutingDaemon.Kind.FRR,
            "/run/frr");

    @Test
    void birdCountsItsEstablishedBgpProtocols() {
        String reply = """
                2002-Name       Proto      Table      State  Since         Info
                1002-device1    Device     ---        up     08:29:29.806 \s
                 kernel1    Kernel     master4    up     08:29:29.806 \s
                 directors  BGP        ---        start  08:29:29.806  Passive      \s
                 dynbgp1    BGP        ---        up     08:29:30.677  Established  \s
                 dynbgp2    BGP        ---        start  08:29:56.408  Idle          Error: BFD session down
                 established BGP       ---        start  08:29:56.408  Active       \s
                0000\s
                """;
        assertEquals(new RoutingDaemonState.Answering(1), RoutingDaemonState.fromBird(reply));
        assertEquals(new RoutingDaemonState.Answering(0), RoutingDaemonState.fromBird("0000 \n"));
    }

    @Test
    void frrCountsItsEstablishedNeighbours() {
        String json = """
                {
                  "192.0.2.1":{
                    "remoteAs":65000,
                    "bgpState":"Established",
                  },
                  "192.0.2.9":{
                    "bgpState":"Active",
                  }
                }
                """;
        assertEquals(new RoutingDaemonState.Answering(1), RoutingDaemonState.fromFrr(json));
    }

    @Test
    void eachStateSaysWhatItMeansForTheVips() {
        assertEquals("routing daemon BIRD does not answer on /run/bird/bird.ctl (Connection refused): the VIPs on"
                + " vip_bind_dev interfaces are not announced",
                new RoutingDaemonState.Silent("Connection refused").describe(BIRD));
        assertEquals("routing daemon FRR answers on /run/frr/bgpd.vty, but no BGP session is established: no router"
                + " hears the VIPs", new RoutingDaemonState.Answering(0).describe(FRR));
        assertEquals("routing daemon BIRD answers on /run/bird/bird.ctl: 2 BGP sessions established",
                new RoutingDaemonState.Answering(2).describe(BIRD));
    }
}
