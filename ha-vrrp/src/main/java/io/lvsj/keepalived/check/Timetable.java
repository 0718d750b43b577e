package io.lvsj.keepalived.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * Which tasks are due when: a heap of entries ordered by due time (then by insertion), with
 * cancellation. Pure bookkeeping over a time the caller passes in; not thread-safe (the
 * {@link CheckScheduler} guards it).
 */
public final class Timetable<T> {
    private record Entry<T>(long due, long sequence, T task) {
    }

    private final PriorityQueue<Entry<T>> heap = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.sequence, b.sequence));
    private final Map<Long, Entry<T>> live = new HashMap<>();
    private long sequence;

    /** Adds {@code task} due at {@code due}; returns a ticket for {@link #cancel}. */
    public long add(long due, T task) {
        Entry<T> e = new Entry<>(due, ++sequence, task);
        heap.add(e);
        live.put(e.sequence, e);
        return e.sequence;
    }

    /** Forgets a task that has not come due; false when it already has (or never existed). */
    public boolean cancel(long ticket) {
        // removal from the heap is lazy: a cancelled entry is dropped when it reaches the top
        return live.remove(ticket) != null;
    }

    /** The earliest due time of a live task, or empty when none is waiting. */
    public OptionalLong nextDue() {
        dropCancelled();
        Entry<T> top = heap.peek();
        return top == null ? OptionalLong.empty() : OptionalLong.of(top.due);
    }

    /** Removes and returns, earliest first, every live task due at or before {@code now}. */
    public List<T> takeDue(long now) {
        List<T> due = new ArrayList<>();
        while (true) {
            dropCancelled();
            Entry<T> top = heap.peek();
            if (top == null || top.due - now > 0) {
                return due;
            }
            heap.poll();
            live.remove(top.sequence);
            due.add(top.task);
        }
    }

    /** Live tasks waiting. */
    public int size() {
        return live.size();
    }

    private void dropCancelled() {
        while (!heap.isEmpty() && !live.containsKey(heap.peek().sequence)) {
            heap.poll();
        }
    }
}
