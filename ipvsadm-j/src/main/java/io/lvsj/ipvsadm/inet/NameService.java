package io.lvsj.ipvsadm.inet;

/**
 * Host and service names, looked up the way ipvsadm does: {@code gethostbyname},
 * {@code gethostbyaddr}, {@code getservbyname} and {@code getservbyport}, so that
 * {@code /etc/hosts}, DNS, {@code /etc/services} and {@code nsswitch.conf} give the same answers.
 * Protocols are IP protocol numbers; only TCP, UDP and SCTP have service names.
 */
public interface NameService {

    /** The first IPv4 address of {@code name}, or {@code null} (ipvsadm accepts only IPv4 here). */
    byte[] hostAddress(String name);

    /** The host name of a 4- or 16-byte address, or {@code null}. */
    String hostName(byte[] address);

    /** The port of a service name for the protocol, or -1. */
    int servicePort(String name, int protocol);

    /** The service name of a port for the protocol, or {@code null}. */
    String serviceName(int port, int protocol);

    /** "tcp", "udp", "sctp", or {@code null} for a protocol without service names. */
    static String protocolName(int protocol) {
        return switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 132 -> "sctp";
            default -> null;
        };
    }
}
