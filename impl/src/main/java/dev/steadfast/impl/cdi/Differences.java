package dev.steadfast.impl.cdi;

import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.StringJoiner;

/** Says how two policies of the same record type differ, member by member, for definition errors. */
final class Differences {

    private Differences() {
    }

    /** {@code delayNanos 5000000000 vs 30000000000, successThreshold 1 vs 2}. */
    static String of(Record a, Record b) {
        StringJoiner j = new StringJoiner(", ");
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    j.add(c.getName() + " " + x + " vs " + y);
                }
            } catch (ReflectiveOperationException e) {
                j.add(c.getName() + " unreadable");
            }
        }
        return j.toString();
    }
}
