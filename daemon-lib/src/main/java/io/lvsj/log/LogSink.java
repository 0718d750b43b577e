package io.lvsj.log;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination for log lines, written by a thread of its own so that the thread that logs
 * only queues. Lines leave in the order they were queued.
 */
abstract sealed class LogSink permits ConsoleSink, SyslogSink, FileSink {
    private final BlockingQueue<LogLine> queue = new LinkedBlockingQueue<>();
    /** Lines queued and not yet written: a line the writer has taken but not written still counts. */
    private final AtomicInteger pending = new AtomicInteger();

    LogSink(String threadName) {
        Thread.ofPlatform().name(threadName).daemon(true).start(this::drain);
    }

    final void accept(LogLine line) {
        pending.incrementAndGet();
        queue.add(line);
    }

    /** Writes one line; called on the sink's own thread only. */
    abstract void write(LogLine line);

    /** After the queue ran dry: push out what is buffered. */
    void idle() {
    }

    /** Waits up to two seconds for the queued lines to be written. */
    final void flush() {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private void drain() {
        try {
            while (true) {
                LogLine line = queue.take();
                try {
                    write(line);
                    if (queue.isEmpty()) {
                        idle();
                    }
                } finally {
                    pending.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
