package io.lvsj.metrics.model;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * Metric families built from values read at scrape time (collectors read a daemon's snapshots
 * and turn them into these). Counter names are given without {@code _total}: the exposition
 * adds it.
 */
public final class Families {
    private Families() {
    }

    /** A counter with one unlabelled value. */
    public static CounterSnapshot counter(String name, String help, double value) {
        return counter(name, help).add(value).snapshot();
    }

    /** A gauge with one unlabelled value. */
    public static GaugeSnapshot gauge(String name, String help, double value) {
        return gauge(name, help).add(value).snapshot();
    }

    public static Counter counter(String name, String help, String... labelNames) {
        return new Counter(name, help, labelNames);
    }

    public static Gauge gauge(String name, String help, String... labelNames) {
        return new Gauge(name, help, labelNames);
    }

    /** What the two kinds share: a name, a help text and label names, then one value per label set. */
    public abstract static sealed class Family<S extends MetricSnapshot, F extends Family<S, F>>
            permits Counter, Gauge {
        final String name;
        final String help;
        private final String[] labelNames;
        final List<Labels> labels = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        Family(String name, String help, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames.clone();
        }

        /** One value, with as many label values as there are label names, in their order. */
        @SuppressWarnings("unchecked")
        public F add(double value, String... labelValues) {
            if (labelValues.length != labelNames.length) {
                throw new IllegalArgumentException(name + ": " + labelNames.length + " label values expected, got "
                        + labelValues.length);
            }
            labels.add(labelNames.length == 0 ? Labels.EMPTY : Labels.of(labelNames, labelValues));
            values.add(value);
            return (F) this;
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        public abstract S snapshot();
    }

    public static final class Counter extends Family<CounterSnapshot, Counter> {
        Counter(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        @Override
        public CounterSnapshot snapshot() {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
            for (int i = 0; i < values.size(); i++) {
                b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels.get(i))
                        .value(values.get(i)).build());
            }
            return b.build();
        }
    }

    public static final class Gauge extends Family<GaugeSnapshot, Gauge> {
        Gauge(String name, String help, String[] labelNames) {
            super(name, help, labelNames);
        }

        @Override
        public GaugeSnapshot snapshot() {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            for (int i = 0; i < values.size(); i++) {
                b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels.get(i))
                        .value(values.get(i)).build());
            }
            return b.build();
        }
    }
}
