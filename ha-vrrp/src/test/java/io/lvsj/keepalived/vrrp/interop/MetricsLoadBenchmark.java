package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.daemon.KeepalivedJ;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.wire.Pcap;
import io.lvsj.lab.BackgroundProcess;
import io.lvsj.sys.NetNamespace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): 50 concurrent scrapers for 30 s against a VRRP master advertising
 * every 0.1 s (VRRPv3, master-down interval 0.36 s), with Debian's keepalived as the backup on
 * the same segment, which takes over if adverts stop.
 *
 * <ul>
 *   <li>keepalived-j: each scraper GETs {@code /metrics} in a loop on a keep-alive connection.</li>
 *   <li>keepalived 2.2.7, the same pair the other way round (keepalived master, keepalived-j
 *       backup): keepalived has no endpoint, so each scraper does what keepalived-exporter
 *       does for a scrape: send the JSON signal, wait for {@code keepalived.json} to be
 *       rewritten, read it; one scrape at a time, as the exporter's collector holds a mutex
 *       (unserialized, 50 signallers stop keepalived's adverts altogether).</li>
 * </ul>
 * Each reports scrapes done, latency percentiles, the master's adverts on the wire during the
 * load (expected: seconds / 0.1), the largest gap between two of them, and whether the backup
 * took over. Scrapers run in this JVM, on the same two cores as the daemons.
 *
 * <pre>MetricsLoadBenchmark [SCRAPERS [SECONDS]]</pre>
 */
public final class MetricsLoadBenchmark {
    /** keepalived-exporter's collector mutex: one signal-and-read at a time. */
    private static final java.util.concurrent.locks.ReentrantLock EXPORTER = new java.util.concurrent.locks.ReentrantLock(true);
    private static final String GET = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n";

    /**
     * @param expectedAdverts the load's duration over the advert interval
     * @param missed          gaps of two intervals or more between adverts: an interval with none
     */
    private record Result(int scrapes, double[] latenciesMillis, int adverts, long expectedAdverts, long maxGapMillis,
                          int missed, boolean tookOver, int failures) {
        double percentile(double p) {
            if (latenciesMillis.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * latenciesMillis.length) - 1;
            return latenciesMillis[Math.max(0, Math.min(latenciesMillis.length - 1, i))];
        }
    }

    private MetricsLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int scrapers = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Evidence.directory("metrics-load");
        Segment v3 = new Segment(3, false, false, 10);
        Result j = keepalivedJ(v3, dir.resolve("keepalived-j"), scrapers, seconds);
        Result k = keepalived(v3, dir.resolve("keepalived"), scrapers, seconds);
        String load = String.format(Locale.ROOT, "%d scrapers, %d s, %s", scrapers, seconds, v3);
        List<String> table = new ArrayList<>();
        table.add("| " + load + " | keepalived 2.2.7 (exporter-style: JSON signal + keepalived.json) "
                + "| keepalived-j (`/metrics`) | keepalived-j vs keepalived |");
        table.add("|---|---|---|---|");
        table.add("| scrapes served | " + k.scrapes() + " | " + j.scrapes() + " | " + String.format(Locale.ROOT,
                "%.1fx as many", (double) j.scrapes() / Math.max(1, k.scrapes())) + " |");
        for (double p : new double[]{50, 99, 100}) {
            double kp = k.percentile(p);
            double jp = j.percentile(p);
            table.add("| scrape latency " + (p == 100 ? "max" : "p" + (int) p) + " | " + ms(kp) + " | " + ms(jp) + " | "
                    + String.format(Locale.ROOT, "%.1fx lower", kp / jp) + " |");
        }
        table.add("| failed scrapes | " + k.failures() + " | " + j.failures() + " | |");
        table.add("| master's adverts on the wire during the load / time over 0.1 s | " + k.adverts() + " / "
                + k.expectedAdverts() + " | " + j.adverts() + " / " + j.expectedAdverts() + " | |");
        table.add("| missed adverts (gaps of 200 ms or more) | " + k.missed() + " | " + j.missed() + " | |");
        table.add("| largest gap between adverts (the backup takes over after 360 ms) | " + k.maxGapMillis() + " ms | "
                + j.maxGapMillis() + " ms | |");
        table.add("| backup took over | " + (k.tookOver() ? "yes" : "no") + " | " + (j.tookOver() ? "yes" : "no")
                + " | |");
        table.forEach(System.out::println);
        Files.write(dir.resolve("table.md"), table);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f ms", v);
    }

    /** keepalived-j master (bin/keepalived-j, metrics_listen) and keepalived backup. */
    private static Result keepalivedJ(Segment segment, Path dir, int scrapers, int seconds) throws Exception {
        try (Lan lan = Lan.create(2); Capture capture = Capture.start(lan.client, dir.resolve("lan.pcap"))) {
            KeepalivedRouter backup = new KeepalivedRouter(lan.node(2), dir.resolve("backup"));
            Files.createDirectories(dir);
            Path conf = dir.resolve("keepalived-j.conf");
            Files.writeString(conf, KeepalivedConf.render(VrrpConfig.of(List.of(segment.instance(1, 2, 150).build())))
                    .replace("global_defs {\n", "global_defs {\n  metrics_listen 127.0.0.1 9650\n"));
            try (KeepalivedJ master = KeepalivedJ.start(lan.node(1), conf, dir.resolve("master"))) {
                master.awaitLog("(VI_1) Entering MASTER STATE", java.time.Duration.ofSeconds(60));
                master.awaitLog("Serving /metrics", java.time.Duration.ofSeconds(60));
                backup.start(VrrpConfig.of(List.of(segment.instance(2, 2, 100).build())));
                Thread.sleep(3000);
                NetNamespace ns = NetNamespace.named(lan.node(1));
                Result r = load(scrapers, seconds, i -> httpScraper(ns), capture, lan.macBytes(1), backup);
                backup.stop();
                return r;
            }
        }
    }

    /** keepalived master and keepalived-j backup; scrapers signal keepalived and read its JSON file. */
    private static Result keepalived(Segment segment, Path dir, int scrapers, int seconds) throws Exception {
        try (Lan lan = Lan.create(2); Capture capture = Capture.start(lan.client, dir.resolve("lan.pcap"))) {
            Files.createDirectories(dir.resolve("tmp"));
            Path conf = dir.resolve("keepalived.conf");
            Files.writeString(conf, KeepalivedConf.render(VrrpConfig.of(List.of(segment.instance(1, 2, 150).build()))));
            try (BackgroundProcess master = BackgroundProcess.start(List.of("ip", "netns", "exec", lan.node(1),
                    "keepalived", "-P", "-n", "-l", "-f", conf.toString(), "-p", dir.resolve("keepalived.pid").toString(),
                    "-r", dir.resolve("vrrp.pid").toString()), dir.resolve("keepalived.log"),
                    Map.of("TMPDIR", dir.resolve("tmp").toString()))) {
                master.awaitLog("Entering MASTER STATE", java.time.Duration.ofSeconds(30));
                long vrrpPid = Long.parseLong(Files.readString(dir.resolve("vrrp.pid")).strip());
                CliRouter javaBackup = new CliRouter(lan.node(2), dir.resolve("backup"), FailoverBenchmark.LAUNCHER_FLAGS);
                javaBackup.start(VrrpConfig.of(List.of(segment.instance(2, 2, 100).build())));
                Thread.sleep(3000);
                Path json = dir.resolve("tmp/keepalived.json");
                Result r = load(scrapers, seconds, i -> signalScraper(vrrpPid, json), capture, lan.macBytes(1),
                        javaBackup);
                javaBackup.stop();
                master.stop(java.time.Duration.ofSeconds(15));
                return r;
            }
        }
    }

    /** One scrape, repeated by one scraper thread. */
    private interface Scraper extends AutoCloseable {
        void scrape() throws IOException, InterruptedException;

        @Override
        void close() throws IOException;
    }

    private interface ScraperFactory {
        Scraper open(int i) throws IOException;
    }

    private static Result load(int scrapers, int seconds, ScraperFactory factory, Capture capture, byte[] masterMac,
                               Router backup) throws Exception {
        int logBefore = backup.log().length();
        long[][] latencies = new long[scrapers][];
        int[] counts = new int[scrapers];
        int[] failures = new int[scrapers];
        List<Thread> threads = new ArrayList<>();
        long start = System.currentTimeMillis();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < scrapers; t++) {
            int id = t;
            latencies[id] = new long[1 << 16];
            threads.add(Thread.ofPlatform().name("scraper-" + id).start(() -> {
                Scraper s = null;
                while (System.nanoTime() < end) {
                    try {
                        if (s == null) {
                            s = factory.open(id);
                        }
                        long t0 = System.nanoTime();
                        s.scrape();
                        long took = System.nanoTime() - t0;
                        if (counts[id] == latencies[id].length) {
                            latencies[id] = Arrays.copyOf(latencies[id], counts[id] * 2);
                        }
                        latencies[id][counts[id]++] = took;
                    } catch (IOException | RuntimeException e) {
                        failures[id]++;
                        closeQuietly(s);
                        s = null;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                closeQuietly(s);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long stop = System.currentTimeMillis();
        Thread.sleep(500); // the capture's last packets reach the file
        int total = Arrays.stream(counts).sum();
        double[] all = new double[total];
        int n = 0;
        for (int t = 0; t < scrapers; t++) {
            for (int i = 0; i < counts[t]; i++) {
                all[n++] = latencies[t][i] / 1e6;
            }
        }
        Arrays.sort(all);
        List<Long> adverts = new ArrayList<>();
        for (Pcap.Frame f : capture.frames()) {
            byte[] b = f.bytes();
            boolean advert = b.length > 34 && Arrays.equals(b, 6, 12, masterMac, 0, 6) && (b[12] & 0xff) == 0x08
                    && b[13] == 0 && (b[14 + 9] & 0xff) == 112;
            long at = f.micros() / 1000;
            if (advert && at >= start && at <= stop) {
                adverts.add(at);
            }
        }
        long maxGap = 0;
        int missed = 0;
        for (int i = 1; i < adverts.size(); i++) {
            long gap = adverts.get(i) - adverts.get(i - 1);
            maxGap = Math.max(maxGap, gap);
            missed += gap >= 200 ? 1 : 0;
        }
        boolean tookOver = backup.log().substring(logBefore).contains("Entering MASTER STATE");
        return new Result(total, all, adverts.size(), (stop - start) / 100, maxGap, missed, tookOver,
                Arrays.stream(failures).sum());
    }

    private static void closeQuietly(Scraper s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // a broken connection: the next scrape opens another
            }
        }
    }

    /** GET /metrics on a keep-alive connection made in the master's namespace. */
    private static Scraper httpScraper(NetNamespace ns) throws IOException {
        SocketChannel channel = ns.call(SocketChannel::open);
        channel.connect(new InetSocketAddress("127.0.0.1", 9650));
        ByteBuffer request = ByteBuffer.wrap(GET.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer in = ByteBuffer.allocate(1 << 20);
        return new Scraper() {
            @Override
            public void scrape() throws IOException {
                request.rewind();
                while (request.hasRemaining()) {
                    channel.write(request);
                }
                in.clear();
                int headEnd = -1;
                int length = -1;
                while (length < 0 || in.position() < headEnd + length) {
                    if (channel.read(in) < 0) {
                        throw new IOException("closed");
                    }
                    if (headEnd < 0) {
                        String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
                        int i = text.indexOf("\r\n\r\n");
                        if (i >= 0) {
                            headEnd = i + 4;
                            if (!text.startsWith("HTTP/1.1 200")) {
                                throw new IOException(text.substring(0, text.indexOf('\r')));
                            }
                            int cl = text.toLowerCase(Locale.ROOT).indexOf("content-length: ");
                            length = Integer.parseInt(text.substring(cl + 16, text.indexOf('\r', cl)).trim());
                        }
                    }
                }
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /**
     * What a keepalived exporter does for a scrape: the JSON signal to the VRRP process (through
     * a shell of its own, so no process is started per scrape), then waits for keepalived.json
     * to be rewritten and reads it.
     */
    private static Scraper signalScraper(long vrrpPid, Path json) throws IOException {
        // A shell we talk to (not the test kit's Command, which runs a command to its end): a
        // process per scrape would cost keepalived's side a fork it does not have to pay.
        Process shell = new ProcessBuilder("bash").redirectErrorStream(true).start();
        OutputStream toShell = shell.getOutputStream();
        BufferedReader fromShell = new BufferedReader(new InputStreamReader(shell.getInputStream(),
                StandardCharsets.ISO_8859_1));
        byte[] command = ("kill -36 " + vrrpPid + "; echo sent\n").getBytes(StandardCharsets.ISO_8859_1);
        return new Scraper() {
            @Override
            public void scrape() throws IOException, InterruptedException {
                EXPORTER.lock();
                try {
                    signalAndRead();
                } finally {
                    EXPORTER.unlock();
                }
            }

            private void signalAndRead() throws IOException, InterruptedException {
                long before = Files.exists(json) ? Files.getLastModifiedTime(json).to(TimeUnit.NANOSECONDS) : -1;
                toShell.write(command);
                toShell.flush();
                if (fromShell.readLine() == null) {
                    throw new IOException("shell ended");
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!Files.exists(json) || Files.getLastModifiedTime(json).to(TimeUnit.NANOSECONDS) <= before) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("keepalived.json not rewritten");
                    }
                    Thread.sleep(1);
                }
                Files.readAllBytes(json);
            }

            @Override
            public void close() {
                shell.destroy();
            }
        };
    }
}
