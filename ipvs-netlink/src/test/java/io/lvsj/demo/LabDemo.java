package io.lvsj.demo;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.Endpoints;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.ServiceListing;
import io.lvsj.sys.NetNamespace;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.rtnl.Scope;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab demo (run by {@code demo.sh} inside the kernel lab, after
 * {@code lab/demo-topology} built the namespaces): two HTTP real servers, a director and a
 * client, each in its own network namespace. The director's VIP and its IPVS NAT service are
 * programmed through ipvs-netlink (rtnetlink and generic netlink over FFM); the client's
 * requests are balanced between the real servers; the table is printed with its counters.
 * One JVM serves all namespaces: a socket belongs to the namespace it was created in.
 */
public final class LabDemo {
    private LabDemo() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress vip = InetAddress.getByName("192.0.2.10");
        startHttpServer("rs1", "10.0.1.2", "real server rs1");
        startHttpServer("rs2", "10.0.2.2", "real server rs2");

        NetNamespace director = NetNamespace.named("director");
        try (RtnlClient rtnl = RtnlClient.open(director); IpvsClient ipvs = IpvsClient.open(director)) {
            int front = rtnl.link("front").orElseThrow().index();
            rtnl.addAddress(new InterfaceAddress(front, vip, 32, Scope.GLOBAL, "front:vip", null, 0));
            System.out.println("VIP " + vip.getHostAddress() + " added on the director's 'front' interface (rtnetlink)");

            ServiceKey web = ServiceKey.tcp(vip, 80);
            ipvs.addService(Service.of(web, "rr"));
            ipvs.addDestination(web, Destination.of(InetAddress.getByName("10.0.1.2"), 8080, ForwardingMethod.MASQ));
            ipvs.addDestination(web, Destination.of(InetAddress.getByName("10.0.2.2"), 8080, ForwardingMethod.MASQ));
            System.out.println("IPVS service " + web + " -> 10.0.1.2:8080, 10.0.2.2:8080 (NAT, round robin), "
                    + "IPVS " + ipvs.info().versionText() + " (generic netlink)");

            Map<String, Integer> answers = new TreeMap<>();
            for (int i = 0; i < 10; i++) {
                answers.merge(httpGet("client", vip, 80), 1, Integer::sum);
            }
            System.out.println("\n10 requests from the client namespace to http://" + vip.getHostAddress() + "/ answered by:");
            answers.forEach((who, n) -> System.out.println("  " + n + " x " + who));

            waitForCounters(ipvs, web, 10);
            System.out.println("\nThe IPVS table, read back through ipvs-netlink:");
            print(ipvs.table());
        }
    }

    private static void print(List<ServiceListing> table) {
        System.out.printf("  %-24s %-10s %8s %8s %8s%n", "service / destination", "method", "weight", "conns", "inpkts");
        for (ServiceListing listing : table) {
            System.out.printf("  %-24s %-10s %8s %8d %8d%n", listing.service().key(), listing.service().service().scheduler(),
                    "", listing.service().stats().connections(), listing.service().stats().inPackets());
            for (DestinationEntry d : listing.destinations()) {
                System.out.printf("    -> %-20s %-10s %8d %8d %8d%n",
                        Endpoints.format(d.destination().address(), d.destination().port()),
                        d.destination().method().label(), d.destination().weight(), d.stats().connections(),
                        d.stats().inPackets());
            }
        }
    }

    /** The kernel publishes its per-CPU counters every 2 seconds. */
    private static void waitForCounters(IpvsClient ipvs, ServiceKey key, long connections) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ipvs.service(key).orElseThrow().stats().connections() < connections && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void startHttpServer(String namespace, String address, String name) {
        ServerSocket server = NetNamespace.named(namespace).call(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName(address), 8080));
            return s;
        });
        Thread.ofPlatform().daemon().name(name).start(() -> {
            while (true) {
                try (Socket c = server.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = c.getOutputStream();
                    out.write(("HTTP/1.0 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } catch (IOException e) {
                    System.err.println(name + ": " + e.getMessage());
                }
            }
        });
    }

    private static String httpGet(String namespace, InetAddress vip, int port) {
        return NetNamespace.named(namespace).call(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(vip, port), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
            }
        });
    }
}
