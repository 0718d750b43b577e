package io.lvsj.keepalived.check;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimetableTest {
    @Test
    void tasksComeDueInTimeOrderThenInsertionOrder() {
        Timetable<String> t = new Timetable<>();
        t.add(30, "c");
        t.add(10, "a");
        t.add(10, "b");
        t.add(50, "d");
        assertEquals(OptionalLong.of(10), t.nextDue());
        assertEquals(List.of(), t.takeDue(9));
        assertEquals(List.of("a", "b", "c"), t.takeDue(30));
        assertEquals(OptionalLong.of(50), t.nextDue());
        assertEquals(1, t.size());
    }

    @Test
    void cancelledTasksNeverComeDue() {
        Timetable<String> t = new Timetable<>();
        long a = t.add(10, "a");
        t.add(20, "b");
        assertTrue(t.cancel(a));
        assertFalse(t.cancel(a));
        assertEquals(OptionalLong.of(20), t.nextDue());
        assertEquals(List.of("b"), t.takeDue(100));
        assertEquals(OptionalLong.empty(), t.nextDue());
    }

    @Test
    void dueTimesSurviveTheNanoTimeWrap() {
        Timetable<String> t = new Timetable<>();
        long near = Long.MAX_VALUE - 5;
        t.add(near + 10, "after-wrap"); // overflows to a negative number
        assertEquals(List.of(), t.takeDue(near));
        assertEquals(List.of("after-wrap"), t.takeDue(near + 20));
    }
}
