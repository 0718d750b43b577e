package io.lvsj.keepalived.check;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A running health check: tries its {@link Probe} when due, turns each try into a {@link Step}
 * with its {@link CheckerLogic}, hands the result to its owner's sink and books the next try.
 * Tries of one checker never overlap; tries of different checkers never wait for each other.
 *
 * @param <O> what the checker belongs to (the real server, for the IPVS side)
 */
public final class Checker<O> {

    /**
     * The outcome of one try, as the sink receives it (on the try's virtual thread), with the
     * state before it and how long the try took ({@code nanos}, from its start to its verdict).
     */
    public record Report<O>(Checker<O> checker, CheckerState before, Attempt attempt, Step step, long nanos) {

        /**
         * Whether the try changed anything its owner keeps: a verdict, the up/down state, the
         * weight, or its first run. Most tries of a healthy server change nothing.
         */
        public boolean changedOwnerState() {
            CheckerState after = step.state();
            return step.verdict() != Step.Verdict.NONE || before.up() != after.up()
                    || before.weightDelta() != after.weightDelta() || before.hasRun() != after.hasRun();
        }
    }

    private final O owner;
    private final CheckSpec.Scheduled spec;
    private final CheckerLogic logic;
    private final Probe probe;
    private final CheckScheduler scheduler;
    private final Consumer<Report<O>> sink;
    private volatile CheckerState state;
    private volatile boolean enabled = true;
    private volatile boolean stopped;
    private long ticket;

    public Checker(O owner, CheckSpec.Scheduled spec, CheckerLogic logic, Probe probe, CheckerState initial,
                   CheckScheduler scheduler, Consumer<Report<O>> sink) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.logic = Objects.requireNonNull(logic, "logic");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.state = Objects.requireNonNull(initial, "initial");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public O owner() {
        return owner;
    }

    public CheckSpec.Scheduled spec() {
        return spec;
    }

    public CheckerState state() {
        return state;
    }

    /** Starts trying after {@code delay}. */
    public synchronized void start(Duration delay) {
        book(scheduler.now() + delay.toNanos());
    }

    /** Books the next try: asynchronous probes start on the timer thread, the others on a virtual thread. */
    private void book(long due) {
        ticket = probe instanceof AsyncProbe
                ? scheduler.scheduleInlineAt(due, this::fire)
                : scheduler.scheduleAt(due, this::fire);
    }

    /** Stops: no further tries, and the result of one in progress is dropped. */
    public synchronized void stop() {
        stopped = true;
        scheduler.cancel(ticket);
    }

    public boolean stopped() {
        return stopped;
    }

    /**
     * While disabled ({@code ha_suspend} with the virtual address absent) the checker keeps its
     * schedule but does not try, and its verdict stands.
     */
    public void setEnabled(boolean value) {
        enabled = value;
    }

    public boolean enabled() {
        return enabled;
    }

    private void fire() {
        if (stopped) {
            return;
        }
        if (!enabled) {
            reschedule(scheduler.now(), spec.timing().delayLoop());
            return;
        }
        long started = scheduler.now();
        if (probe instanceof AsyncProbe async) {
            fireAsync(async, started);
            return;
        }
        Attempt attempt;
        try {
            attempt = probe.attempt(state);
        } catch (RuntimeException e) {
            attempt = Attempt.failed("internal error: " + e);
        }
        finish(attempt, started);
    }

    /** What ends one asynchronous try early; set once the try has started. */
    private static final class Ending {
        volatile Runnable end;
        volatile boolean expired;
        volatile long timeoutTicket;
    }

    private void fireAsync(AsyncProbe async, long started) {
        Ending ending = new Ending();
        ending.timeoutTicket = scheduler.scheduleInlineAt(started + async.timeout().toNanos(), () -> {
            Runnable end = ending.end;
            if (end != null) {
                end.run();
            } else {
                ending.expired = true;
            }
        });
        Runnable end;
        try {
            end = async.start(state, attempt -> {
                scheduler.cancel(ending.timeoutTicket);
                finish(attempt, started);
            });
        } catch (RuntimeException e) {
            scheduler.cancel(ending.timeoutTicket);
            finish(Attempt.failed("internal error: " + e), started);
            return;
        }
        ending.end = end;
        if (ending.expired) {
            end.run();
        }
    }

    private void finish(Attempt attempt, long started) {
        Step step;
        CheckerState before;
        synchronized (this) {
            if (stopped) {
                return;
            }
            before = state;
            step = logic.next(before, attempt);
            state = step.state();
        }
        sink.accept(new Report<>(this, before, attempt, step, scheduler.now() - started));
        // keepalived times MISC_CHECK from the start of the script, the others from the end of the try
        reschedule(spec instanceof CheckSpec.Misc ? started : scheduler.now(), step.delay());
    }

    private synchronized void reschedule(long from, Duration delay) {
        if (!stopped) {
            book(from + delay.toNanos());
        }
    }

    @Override
    public String toString() {
        return spec.keyword() + " for " + owner;
    }
}
