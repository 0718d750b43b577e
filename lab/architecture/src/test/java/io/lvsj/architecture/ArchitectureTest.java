package io.lvsj.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency rules of docs/DESIGN.md, over the main classes of every module at once. A
 * rule broken here is a design decision to make in DESIGN.md first, not a test to adjust.
 */
class ArchitectureTest {
    private static final String[] JAVA = {"java..", "javax.."};
    /** ipvs-netlink: the OS layer and the kernel's wire formats. */
    private static final String[] IPVS_NETLINK = {"io.lvsj.sys..", "io.lvsj.netlink..", "io.lvsj.ipvs..", "io.lvsj.rtnl..",
        "io.lvsj.ctnl.."};

    /** The C library's text formats (strtol, inet_ntop): pure, shared by all. */
    private static final String[] TEXT = {"io.lvsj.text.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lvsj");
        for (String module : new String[]{"io.lvsj.sys", "io.lvsj.ipvsadm", "io.lvsj.keepalived.vrrp",
                "io.lvsj.keepalived.config", "io.lvsj.log", "io.lvsj.text", "io.lvsj.syncd.wire", "io.lvsj.fullnat",
                "io.lvsj.realserver"}) {
            assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals(module)), module + " is imported");
        }
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.lvsj.(**)").should().beFreeOfCycles().check(main);
    }

    /** One OS layer: FFM's linker (downcall handles, symbol lookup) is used in io.lvsj.sys only. */
    @Test
    void nativeCallsAreMadeInIoLvsjSysOnly() {
        noClasses().that().resideOutsideOfPackage("io.lvsj.sys")
                .should().dependOnClassesThat().belongToAnyOf(Linker.class, FunctionDescriptor.class, SymbolLookup.class)
                .because("every native call goes through io.lvsj.sys (DESIGN.md: one OS layer)")
                .check(main);
    }

    /** The rule above can fail: io.lvsj.sys itself is seen using the linker. */
    @Test
    void theLinkerRuleSeesTheLinker() {
        assertThrows(AssertionError.class, () -> noClasses().that().resideInAPackage("io.lvsj.sys")
                .should().dependOnClassesThat().belongToAnyOf(Linker.class).check(main));
    }

    /** ipvs-netlink is a library: it knows nothing of the programs built on it, and logs nothing of their format. */
    @Test
    void ipvsNetlinkDependsOnTheJdkAndSlf4jOnly() {
        rule(IPVS_NETLINK, JAVA, IPVS_NETLINK, TEXT, new String[]{"org.slf4j.."}).check(main);
    }

    @Test
    void theCTextFormatsDependOnTheJdkOnly() {
        rule(TEXT, JAVA, TEXT).check(main);
    }

    /** The keepalived.conf parser is pure: no netlink, no FFM, no daemon. */
    @Test
    void theConfigParserIsPure() {
        rule(new String[]{"io.lvsj.keepalived.config.."}, JAVA, new String[]{"io.lvsj.keepalived.config.."}, TEXT,
                new String[]{"io.pebbletemplates.."}).check(main);
    }

    /** daemon-lib serves the daemons and never reaches into one of them. */
    @Test
    void daemonLibDependsOnTheOsLayerOnly() {
        rule(new String[]{"io.lvsj.log..", "io.lvsj.process.."}, JAVA, new String[]{"io.lvsj.log..", "io.lvsj.process.."},
                IPVS_NETLINK, new String[]{"org.slf4j.."}).check(main);
    }

    /** The FullNAT library serves ipvsadm-j and keepalived-j and never reaches into either. */
    @Test
    void fullNatDependsOnTheOsLayerOnly() {
        rule(new String[]{"io.lvsj.fullnat.."}, JAVA, new String[]{"io.lvsj.fullnat.."}, IPVS_NETLINK, TEXT).check(main);
    }

    /**
     * The status endpoint (io.lvsj.http, io.lvsj.metrics) and the metric families
     * (io.lvsj.metrics.model) are libraries too: the Prometheus client, the OS layer, and
     * nothing of a daemon or of the log provider.
     */
    @Test
    void theMetricsLibrariesKnowNoDaemon() {
        rule(new String[]{"io.lvsj.metrics.model.."}, JAVA, new String[]{"io.lvsj.metrics.model.."}, IPVS_NETLINK, TEXT,
                new String[]{"io.prometheus.metrics.."}).check(main);
        rule(new String[]{"io.lvsj.http..", "io.lvsj.metrics.."}, JAVA, new String[]{"io.lvsj.http..", "io.lvsj.metrics.."},
                IPVS_NETLINK, TEXT, new String[]{"io.prometheus.metrics..", "org.slf4j.."}).check(main);
    }

    /** The programs stand side by side: none uses another's classes. */
    @Test
    void applicationsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.lvsj.realserver..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lvsj.keepalived..", "io.lvsj.ipvsadm..",
                        "io.lvsj.fullnat..", "io.lvsj.syncd..").check(main);
        noClasses().that().resideInAnyPackage("io.lvsj.keepalived..", "io.lvsj.ipvsadm..", "io.lvsj.fullnat..",
                        "io.lvsj.syncd..")
                .should().dependOnClassesThat().resideInAPackage("io.lvsj.realserver..").check(main);
        noClasses().that().resideInAPackage("io.lvsj.ipvsadm..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lvsj.keepalived..", "io.lvsj.syncd..").check(main);
        noClasses().that().resideInAPackage("io.lvsj.keepalived..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lvsj.ipvsadm..", "io.lvsj.syncd..").check(main);
        noClasses().that().resideInAPackage("io.lvsj.syncd..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lvsj.ipvsadm..", "io.lvsj.keepalived..")
                .check(main);
    }

    /** lvs-syncd's sync v1 codec and connection table are pure: bytes in, bytes out, time passed in. */
    @Test
    void lvsSyncdsCodecAndTableArePure() {
        rule(new String[]{"io.lvsj.syncd.wire..", "io.lvsj.syncd.table.."}, JAVA,
                new String[]{"io.lvsj.syncd.wire..", "io.lvsj.syncd.table.."}).check(main);
    }

    /**
     * keepalived-j's pure cores: the VRRP engine and its wire format, the checkers' logic and
     * the IPVS pool/reconciliation model know no sockets, threads of the daemon or OS calls;
     * the shells (vrrp.daemon, vrrp.io, healthcheckers, daemon) sit above them.
     */
    @Test
    void keepalivedJsCoresKnowNothingOfTheirShells() {
        noClasses().that().resideInAnyPackage("io.lvsj.keepalived.vrrp", "io.lvsj.keepalived.vrrp.wire",
                        "io.lvsj.keepalived.vrrp.config")
                .should().dependOnClassesThat().resideInAnyPackage("io.lvsj.keepalived.vrrp.daemon..",
                        "io.lvsj.keepalived.vrrp.io..", "io.lvsj.keepalived.daemon..", "io.lvsj.sys..", "io.lvsj.rtnl..",
                        "io.lvsj.netlink..")
                .check(main);
        noClasses().that().resideInAnyPackage("io.lvsj.keepalived.check..", "io.lvsj.keepalived.lvs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lvsj.keepalived.healthcheckers..",
                        "io.lvsj.keepalived.daemon..", "io.lvsj.keepalived.vrrp..")
                .check(main);
    }

    /** Classes in {@code packages} depend only on classes in the {@code allowed} groups of packages. */
    private static ArchRule rule(String[] packages, String[]... allowed) {
        return classes().that().resideInAnyPackage(packages)
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(allowed));
    }

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
