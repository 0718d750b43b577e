package io.lvsj.ipvsadm.differential;

import java.util.List;

import static io.lvsj.ipvsadm.differential.DiffCase.of;

/** popt's syntax and ipvsadm's rules for which options go with which command. */
final class CommandLineCases {
    private CommandLineCases() {
    }

    static List<DiffCase> cases() {
        return List.of(
                // help and version
                of("-h"), of("--help").deviating(DiffCase.Deviation.HELP_EXTENSIONS), of("-v"),
                of("--version").deviating(DiffCase.Deviation.VERSION_EXTENSION), of("-h -L"), of("-h --bogus"),
                of("-hv"), of("-vh"), of("-v -t x"),
                // the first option must be a command
                of("-t 192.0.2.1:80 -A"), of("--bogus"), of("foo"), of("-"), of("--"), of("-- -L"), of("-s rr"),
                of("-n"), of("-6"), of("-x"), of("-Q").deviating(DiffCase.Deviation.LOCAL_ADDRESS_COMMANDS), of("--lis"), of("--list=1"), of("-L=1"), of("--start-daemon"),
                of("--start-daemon foo"), of("--stop-daemon foo"), of("--start-daemon=master --mcast-interface lo"),
                of("--stop-daemon=backup"), of("-="), of("--=x"), of(new String[]{""}), of("--LIST"),
                // popt errors after the command: printed, status 255
                of("-A -t 192.0.2.1:80 --bogus"), of("-A -t"), of("-A -t 192.0.2.1:80 -s"), of("-Ax"), of("-Lq"),
                of("-L --nosort=1"), of("-A -t 192.0.2.1:80 --ops=1"), of("-A -t 192.0.2.1:80 -o=1"),
                of("-Ln=5"), of("-L -n=5"), of("-A --tcp 192.0.2.1:80"), of("-A -t 192.0.2.1:80 --weight"),
                of("-L --stat"), of("-L -n -q"),
                // a second command is an invalid option
                of("-A -D"), of("-A -h"), of("-L -l"), of("-L --list"), of("-Ds -t 192.0.2.1:80"),
                of("-A --start-daemon master"), of("-L -v"), of("-C -C"), of("-L -Z"),
                // bundles, attached values and long forms
                of("-At192.0.2.1:80"), of("-At 192.0.2.1:80 -srr"), of("-A -t=192.0.2.1:80"),
                of("--add-service --tcp-service 192.0.2.1:80 --scheduler rr"), of("--add-service --tcp-service=192.0.2.1:80"),
                of("-Lnt 192.0.2.10:80").on(Tables.WEB), of("-lnt192.0.2.10:80").on(Tables.WEB),
                of("--list --numeric --tcp-service 192.0.2.10:80").on(Tables.WEB),
                of("-A -t 192.0.2.1:80 -s rr -- extra"), of("-A -t 192.0.2.1:80 -- -s rr"), of("-Ln -- -t"),
                of("-A", "-t", "!#:+", "192.0.2.1:80"), of("-A", "-t", "192.0.2.1:80", "-p", "!#:+", "50"),
                of("-A", "-t", "192.0.2.1:80", "-s", "!#:+x", "r"), of("-A", "-t", "!#:+"),
                of("-Ap -t 192.0.2.1:0"), of("-Ap30 -t 192.0.2.1:0"),
                of("-A -t 192.0.2.1:80 x -s").env("POSIXLY_CORRECT", "1"), of("-A -t 192.0.2.1:80 x -s"),
                of("-A -t 192.0.2.1:80 -s rr x").env("POSIXLY_CORRECT", "1"),
                // options given twice
                of("-A -t 192.0.2.1:80 -s rr -s wlc"), of("-A -t 192.0.2.1:80 -u 192.0.2.1:80"),
                of("-A -t 192.0.2.1:80 -f 1"), of("-a -t 192.0.2.1:80 -r 10.0.0.1 -r 10.0.0.2"),
                of("-a -t 192.0.2.1:80 -r 10.0.0.1 -g -m"), of("-a -t 192.0.2.1:80 -r 10.0.0.1 -w 1 -w 2"),
                of("-a -t 192.0.2.1:80 -r 10.0.0.1 -w 1 -w x"), of("-L -n -n"), of("-L --stats --stats"),
                of("-A -t 192.0.2.1:80 -p -p"), of("-A -f 1 -6 -6"), of("-L --sort --sort"),
                // options a command does not take, and ones it needs
                of("-A"), of("-E"), of("-D"), of("-a"), of("-e"), of("-d"), of("-a -t 192.0.2.1:80"),
                of("-d -t 192.0.2.1:80"), of("-A -t 192.0.2.1:80 -w 1"), of("-A -t 192.0.2.1:80 -r 10.0.0.1"),
                of("-A -t 192.0.2.1:80 -n"), of("-A -t 192.0.2.1:80 --stats"), of("-A -t 192.0.2.1:80 -g"),
                of("-A -t 192.0.2.1:80 -x 5"), of("-A -t 192.0.2.1:80 --syncid 1"), of("-A -t 192.0.2.1:80 --tun-info"),
                of("-E -t 192.0.2.1:80 -c"), of("-D -t 192.0.2.1:80 -s rr"), of("-D -t 192.0.2.1:80 -p"),
                of("-C -n"), of("-C -t 192.0.2.1:80"), of("-Z -n"), of("-Z -s rr"), of("-S --stats"), of("-S -c"),
                of("-S -t 192.0.2.1:80"), of("-R -n"), of("--set 1 2 3 -n"), of("-a -t 192.0.2.1:80 -r 10.0.0.1 -s rr"),
                of("-a -t 192.0.2.1:80 -r 10.0.0.1 -p"), of("-d -t 192.0.2.1:80 -r 10.0.0.1 -w 2"),
                of("-d -t 192.0.2.1:80 -r 10.0.0.1 -m"), of("-L -s rr"), of("-L -w 1"), of("-L --mcast-interface lo"),
                of("-L -o"), of("-L --tun-type gue"), of("--start-daemon master -n"), of("--start-daemon master -t 192.0.2.1:80"),
                of("--stop-daemon master --mcast-interface lo"), of("--stop-daemon master --mcast-group 239.1.1.1"),
                of("-L --syncid 5"), of("-e -t 192.0.2.1:80 -r 10.0.0.1 --pe sip"), of("-A -t 192.0.2.1:80 --tun-port 5"),
                // leftover words
                of("-C extra"), of("-Ln extra"), of("-A -t 192.0.2.1:80 extra more"), of("-R extra"), of("-Z 1"));
    }
}
