package io.lvsj.ipvsadm;

import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvsadm.inet.NameService;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs ipvsadm-j in-process and captures what it printed, for host tests. */
record CliRun(int status, String stdout, String stderr) {

    static CliRun run(Ipvs ipvs, NameService names, String stdin, String connectionFile, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment env = new Environment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)), out, err,
                () -> {
                    if (ipvs == null) {
                        throw new io.lvsj.ipvs.IpvsUnavailableException(null);
                    }
                    return ipvs;
                },
                name -> {
                    if (connectionFile == null || !name.equals("ip_vs_conn")) {
                        throw new IOException("no such file");
                    }
                    return connectionFile;
                }, names, false);
        int status = Ipvsadm.run(env, "ipvsadm", List.of(args));
        return new CliRun(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    static CliRun run(Ipvs ipvs, String... args) {
        return run(ipvs, GoldenTable.names(), "", null, args);
    }
}
