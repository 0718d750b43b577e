package io.lvsj.keepalived.check;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs check tries when they are due. One platform thread keeps the {@link Timetable} and
 * sleeps until the earliest due time; each due try runs on a virtual thread of its own, so no
 * thread waits per check and a slow check never delays another. Timeouts live in the tries
 * themselves.
 */
public final class CheckScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckScheduler.class);
    /** A task and whether it runs on the timer thread itself (short, non-blocking work only). */
    private record Due(Runnable task, boolean inline) {
    }

    private final Timetable<Due> timetable = new Timetable<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final LongSupplier clock;
    private final ExecutorService runner;
    private final Thread timer;
    private volatile boolean closed;

    public CheckScheduler() {
        this(System::nanoTime, Executors.newVirtualThreadPerTaskExecutor());
    }

    CheckScheduler(LongSupplier clock, ExecutorService runner) {
        this.clock = clock;
        this.runner = runner;
        this.timer = Thread.ofPlatform().daemon().name("lvsj-check-timer").start(this::run);
    }

    /** The clock the scheduler's due times are on ({@link System#nanoTime()} in production). */
    public long now() {
        return clock.getAsLong();
    }

    /** Runs {@code task} on a virtual thread once {@code delayNanos} have passed; returns a ticket. */
    public long schedule(long delayNanos, Runnable task) {
        return scheduleAt(clock.getAsLong() + Math.max(0, delayNanos), task);
    }

    /** Runs {@code task} on a virtual thread at {@code dueNanos} on the scheduler's clock. */
    public long scheduleAt(long dueNanos, Runnable task) {
        return add(dueNanos, new Due(task, false));
    }

    /**
     * Runs {@code task} on the timer thread itself at {@code dueNanos}: for work of a few
     * non-blocking system calls (starting an asynchronous try, ending one on timeout), which
     * would cost more to hand to a thread than to do.
     */
    public long scheduleInlineAt(long dueNanos, Runnable task) {
        return add(dueNanos, new Due(task, true));
    }

    private long add(long dueNanos, Due due) {
        lock.lock();
        try {
            java.util.OptionalLong earliest = timetable.nextDue();
            long ticket = timetable.add(dueNanos, due);
            // wake the timer thread only when it now has to wake sooner: most tries are
            // booked behind thousands of others and need no wake-up (nor its context switch)
            if (earliest.isEmpty() || dueNanos - earliest.getAsLong() < 0) {
                changed.signal();
            }
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** Cancels a task that has not started; a running try finishes on its own. */
    public void cancel(long ticket) {
        lock.lock();
        try {
            timetable.cancel(ticket);
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting for their time. */
    public int pending() {
        lock.lock();
        try {
            return timetable.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            List<Due> due;
            lock.lock();
            try {
                OptionalLong next = timetable.nextDue();
                long now = clock.getAsLong();
                if (next.isEmpty()) {
                    changed.await();
                    continue;
                }
                if (next.getAsLong() - now > 0) {
                    changed.awaitNanos(next.getAsLong() - now);
                    continue;
                }
                due = timetable.takeDue(now);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            for (Due d : due) {
                if (closed) {
                    break;
                }
                if (!d.inline()) {
                    runner.execute(d.task());
                    continue;
                }
                try {
                    d.task().run();
                } catch (RuntimeException e) {
                    LOG.error("lvsj-check-timer: unexpected failure", e);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.interrupt();
        runner.shutdownNow();
    }
}
