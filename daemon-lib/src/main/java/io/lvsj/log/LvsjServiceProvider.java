package io.lvsj.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * LVS-J's daemons' SLF4J provider (found through {@code META-INF/services}): every logger
 * writes to the {@link LogOutput} the daemon installed, in keepalived's formats. Only the
 * daemons ship it; a program that embeds ipvs-netlink brings its own provider and gets the
 * library's lines in its own logging system.
 */
public final class LvsjServiceProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        ConcurrentMap<String, LineLogger> byName = new ConcurrentHashMap<>();
        loggers = name -> byName.computeIfAbsent(name, n -> new LineLogger(n, LogOutput::installed));
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }
}
