package dev.steadfast.spi.cluster;

import dev.steadfast.CircuitState;

/**
 * A line of text for each {@link ClusterMessage}, for backends whose publish/subscribe channel carries strings (a
 * Redis channel, a Hazelcast {@code ITopic<String>}): fields separated by {@code |}, names escaped, a version in the
 * second field so that a later format can be told apart. Using it is optional; a backend may serialize messages its
 * own way. Thread-safe, pure.
 *
 * <pre>
 * S|1|&lt;breaker&gt;|&lt;member&gt;|&lt;calls&gt;|&lt;failures&gt;|&lt;state&gt;|&lt;atEpochMillis&gt;|&lt;validForMillis&gt;
 * F|1|&lt;breaker&gt;|&lt;generation&gt;|&lt;state&gt;|&lt;untilEpochMillis&gt;|&lt;origin&gt;|&lt;operator&gt;|&lt;atEpochMillis&gt;
 * </pre>
 */
public final class Wire {

    private static final String VERSION = "1";

    private Wire() {
    }

    /** The message as one line. */
    public static String encode(ClusterMessage message) {
        if (message instanceof BreakerSummary s) {
            return String.join("|", "S", VERSION, escape(s.breaker()), escape(s.member()), Integer.toString(s.calls()),
                    Integer.toString(s.failures()), s.state().name(), Long.toString(s.atEpochMillis()),
                    Long.toString(s.validForMillis()));
        }
        FleetState f = (FleetState) message;
        return String.join("|", "F", VERSION, escape(f.breaker()), Long.toString(f.generation()), f.state().name(),
                Long.toString(f.untilEpochMillis()), escape(f.origin()), Boolean.toString(f.operator()),
                Long.toString(f.atEpochMillis()));
    }

    /**
     * The message a line of {@link #encode} stands for.
     *
     * @throws IllegalArgumentException when the line is not one (another format, another version, a damaged line);
     *                                  a backend should log it and drop the line
     */
    public static ClusterMessage decode(String line) {
        String[] f = line.split("\\|", -1);
        try {
            if (f.length == 9 && f[0].equals("S") && f[1].equals(VERSION)) {
                return new BreakerSummary(unescape(f[2]), unescape(f[3]), Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]), CircuitState.valueOf(f[6]), Long.parseLong(f[7]),
                        Long.parseLong(f[8]));
            }
            if (f.length == 9 && f[0].equals("F") && f[1].equals(VERSION)) {
                return new FleetState(unescape(f[2]), Long.parseLong(f[3]), CircuitState.valueOf(f[4]),
                        Long.parseLong(f[5]), unescape(f[6]), Boolean.parseBoolean(f[7]), Long.parseLong(f[8]));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a Steadfast cluster message (" + e.getMessage() + "): " + line, e);
        }
        throw new IllegalArgumentException("Not a Steadfast cluster message of version " + VERSION + ": " + line);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> b.append("%25");
                case '|' -> b.append("%7C");
                case '\n' -> b.append("%0A");
                case '\r' -> b.append("%0D");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
