package io.lvsj.keepalived.config.dump;

import io.lvsj.keepalived.config.Checker;
import io.lvsj.keepalived.config.Forwarding;
import io.lvsj.keepalived.config.InterfaceSettings;
import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Tracked;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VirtualServerGroup;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.Test;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The filters, functions and tests the dump templates use: keepalived's spelling of times,
 * addresses, words and commands, and the one-line forms of {@link Lines}.
 */
@SuppressWarnings("unchecked")
final class DumpExtension extends AbstractExtension {

    /** A filter or function of one argument, without further parameters. */
    private interface OneArg {
        Object apply(Object value);
    }

    private static Filter filter(OneArg f) {
        return new Filter() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return f.apply(input);
            }
        };
    }

    private static Function function(List<String> names, java.util.function.Function<Map<String, Object>, Object> f) {
        return new Function() {
            @Override
            public List<String> getArgumentNames() {
                return names;
            }

            @Override
            public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return f.apply(args);
            }
        };
    }

    /** An Optional (or OptionalInt/OptionalLong) with a value; null is absent. */
    static boolean present(Object value) {
        return switch (value) {
            case null -> false;
            case Optional<?> o -> o.isPresent();
            case OptionalInt o -> o.isPresent();
            case OptionalLong o -> o.isPresent();
            default -> true;
        };
    }

    static Object get(Object value) {
        return switch (value) {
            case Optional<?> o -> o.orElse(null);
            case OptionalInt o -> o.isPresent() ? o.getAsInt() : null;
            case OptionalLong o -> o.isPresent() ? o.getAsLong() : null;
            default -> value;
        };
    }

    @Override
    public Map<String, Filter> getFilters() {
        return Map.ofEntries(
                Map.entry("secs", filter(v -> Lines.seconds((Duration) get(v)))),
                Map.entry("millis", filter(v -> Lines.millis((Duration) get(v)))),
                Map.entry("octal", filter(v -> Integer.toOctalString(((Number) v).intValue()))),
                Map.entry("linkbeats", filter(v -> ((List<InterfaceSettings>) v).stream().filter(InterfaceSettings::linkbeat).toList())),
                Map.entry("delays", filter(v -> ((List<InterfaceSettings>) v).stream()
                        .filter(i -> !i.downDelay().isZero() || !i.upDelay().isZero()).toList())),
                Map.entry("wholesecs", filter(v -> Long.toString(((Duration) get(v)).toSeconds()))),
                Map.entry("addr", filter(v -> Lines.address((InetAddress) get(v)))),
                Map.entry("word", filter(v -> Words.word(String.valueOf(get(v))))),
                Map.entry("script", filter(v -> Lines.script((Script) get(v)))),
                Map.entry("cmd", filter(v -> Words.command((List<String>) v))),
                Map.entry("onoff", filter(v -> Boolean.TRUE.equals(get(v)) ? "true" : "false")),
                Map.entry("get", filter(DumpExtension::get)),
                Map.entry("words", filter(v -> String.join(" ", ((List<?>) v).stream().map(o -> Words.word(String.valueOf(o))).toList()))));
    }

    @Override
    public Map<String, Function> getFunctions() {
        return Map.ofEntries(
                Map.entry("vskey", function(List.of("k"), a -> vsKey((VirtualServer.Key) a.get("k")))),
                Map.entry("vskind", function(List.of("k"), a -> switch ((VirtualServer.Key) a.get("k")) {
                    case VirtualServer.Address x -> "address";
                    case VirtualServer.Fwmark x -> "fwmark";
                    case VirtualServer.Group x -> "group";
                })),
                Map.entry("httpversion", function(List.of("p"), a -> switch ((Checker.HttpProtocol) a.get("p")) {
                    case HTTP_1_0 -> "1.0";
                    case HTTP_1_0C -> "1.0C";
                    case HTTP_1_1 -> "1.1";
                })),
                Map.entry("ipaddress", function(List.of("a"), a -> Lines.ipAddress((IpAddress) get(a.get("a"))))),
                Map.entry("route", function(List.of("r"), a -> Lines.route((Route) a.get("r")))),
                Map.entry("rule", function(List.of("r"), a -> Lines.rule((Rule) a.get("r")))),
                Map.entry("forwarding", function(List.of("f"), a -> Lines.forwarding((Forwarding) a.get("f")))),
                Map.entry("tracked", function(List.of("t", "noreverse"), a -> Lines.tracked((Tracked) a.get("t"), Boolean.TRUE.equals(a.get("noreverse"))))),
                Map.entry("entry", function(List.of("e"), a -> Lines.groupEntry((VirtualServerGroup.Entry) a.get("e")))),
                Map.entry("laddr", function(List.of("e"), a -> Lines.localAddress((io.lvsj.keepalived.config.LocalAddressGroup.Entry) a.get("e")))),
                Map.entry("statuses", function(List.of("codes"), a -> Lines.statusCodes((List<Checker.StatusRange>) a.get("codes")))),
                Map.entry("reply", function(List.of("data", "mask"), a -> Lines.reply((Checker.Bytes) get(a.get("data")), (Checker.Bytes) get(a.get("mask"))))),
                Map.entry("kind", function(List.of("c"), a -> kind(a.get("c")))));
    }

    @Override
    public Map<String, Test> getTests() {
        return Map.of("present", new Test() {
            @Override
            public List<String> getArgumentNames() {
                return List.of();
            }

            @Override
            public boolean apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                return present(input);
            }
        });
    }

    static String vsKey(VirtualServer.Key key) {
        return switch (key) {
            case VirtualServer.Address a -> Lines.address(a.address()) + (a.port() == 0 ? "" : " " + a.port());
            case VirtualServer.Fwmark f -> "fwmark " + f.mark();
            case VirtualServer.Group g -> "group " + Words.word(g.name());
        };
    }

    /** The checker's keyword. */
    static String kind(Object checker) {
        return switch ((Checker) checker) {
            case Checker.TcpCheck c -> "TCP_CHECK";
            case Checker.HttpGet c -> c.ssl() ? "SSL_GET" : "HTTP_GET";
            case Checker.MiscCheck c -> "MISC_CHECK";
            case Checker.SmtpCheck c -> "SMTP_CHECK";
            case Checker.DnsCheck c -> "DNS_CHECK";
            case Checker.UdpCheck c -> "UDP_CHECK";
            case Checker.PingCheck c -> "PING_CHECK";
            case Checker.FileCheck c -> "FILE_CHECK";
            case Checker.BfdCheck c -> "BFD_CHECK";
        };
    }
}
