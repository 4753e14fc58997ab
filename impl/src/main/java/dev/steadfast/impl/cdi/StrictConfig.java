package dev.steadfast.impl.cdi;

import dev.steadfast.engine.cluster.ClusterSettings;
import dev.steadfast.spi.ConfigKeys;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Strict config (docs/strict-config.md): at deployment, finds every property under {@code steadfast.} that nothing
 * reads (a misspelled member, annotation, class, method or breaker, a key of a module that is not there) and says why,
 * with the nearest key that would be read.
 *
 * <p>What is known: the switches the CDI layer reads ({@link #SWITCHES}, the {@code steadfast.cluster.*} settings
 * among them), the keys and prefixes optional modules declare through {@link ConfigKeys}, and the policy keys of
 * docs/configuration.md: {@code steadfast.global.<annotation>.<member>}, the named levels
 * {@code steadfast.circuit-breaker."<name>".<member>}, {@code steadfast.rate-limit."<name>".<member>} and
 * {@code steadfast.retry-budget."<name>".<member>}, {@code steadfast."<class>".<annotation>.<member>} and
 * {@code steadfast."<class>/<method>".<annotation>.<member>}, where the class, method and annotation are those of a
 * guarded method of this deployment and the name is one of its breakers', rate limiters' or retry budgets' names.
 *
 * <p>System properties and environment variables belong to the whole JVM, which may run several applications (and a
 * test suite several containers): a key found there is only checked for its shape (annotation, member, switch), never
 * for the classes, methods and breaker names of this deployment. Environment variables are checked only under
 * {@code STEADFAST_GLOBAL_}, {@code STEADFAST_CIRCUIT_BREAKER_} and {@code STEADFAST__}, the prefixes MicroProfile
 * Config's mapping gives policy keys; any other {@code STEADFAST_…} variable may mean something else to the process.
 */
final class StrictConfig {

    static final String STRICT_KEY = "steadfast.config.strict";

    /**
     * The keys the CDI layer reads itself: the fleet's settings ({@code steadfast.cluster.*}) and the component
     * checks' defaults among them.
     */
    static final Set<String> SWITCHES = switches();

    private static final String PREFIX = "steadfast.";
    private static final String GLOBAL = "global.";
    private static final String SHAPE = "steadfast.\"<class>[/<method>]\".<annotation>.<member>";
    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    /** Members by annotation key ({@code retry} → {@code max-retries}, …, {@code enabled}). */
    private static final Map<String, Set<String>> MEMBERS = members();
    /**
     * The named levels, {@code steadfast.<annotation>."<name>".<member>}, by annotation key: the members each takes
     * (the annotation's own, not its name or switch; a keyed breaker's under {@code circuit-breaker}).
     */
    private static final Map<String, Set<String>> NAMED_MEMBERS = namedMembers();

    private final Set<String> moduleKeys;
    private final Set<String> modulePrefixes;
    /** Guarded methods of this deployment: bean class name → method name → annotation keys. */
    private final Map<String, Map<String, Set<String>>> guarded = new HashMap<>();
    /** Names of this deployment by annotation key: breakers, rate limiters, retry budgets. */
    private final Map<String, Set<String>> names = new HashMap<>();

    StrictConfig(Set<String> moduleKeys, Set<String> modulePrefixes) {
        this.moduleKeys = Set.copyOf(moduleKeys);
        this.modulePrefixes = Set.copyOf(modulePrefixes);
    }

    /** With the keys of every {@link ConfigKeys} visible to {@code loaders}. */
    static StrictConfig withModules(ClassLoader... loaders) {
        Set<String> keys = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            try {
                for (ConfigKeys module : ServiceLoader.load(ConfigKeys.class, loader)) {
                    if (seen.add(module.getClass().getName())) {
                        keys.addAll(module.keys());
                        prefixes.addAll(module.prefixes());
                    }
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, () -> "Steadfast could not load a " + ConfigKeys.class.getName()
                        + "; strict config may report that module's keys as unknown: " + e);
            }
        }
        return new StrictConfig(keys, prefixes);
    }

    /** A guarded method of this deployment and the kinds of policy on it (enabled or not). */
    void guarded(Class<?> beanClass, Method method, Collection<PolicyKind> kinds) {
        Set<String> k = guarded.computeIfAbsent(beanClass.getName(), c -> new HashMap<>())
                .computeIfAbsent(method.getName(), m -> new HashSet<>());
        for (PolicyKind kind : kinds) {
            k.add(kind.key);
        }
    }

    /** A breaker name of this deployment. */
    void breaker(String name) {
        named(PolicyKind.CIRCUIT_BREAKER, name);
    }

    /** A name of this deployment at a named level ({@code steadfast.<annotation>."<name>".}), e.g. a retry budget's. */
    void named(PolicyKind kind, String name) {
        if (name != null && !name.isEmpty() && NAMED_MEMBERS.containsKey(kind.key)) {
            names.computeIfAbsent(kind.key, k -> new HashSet<>()).add(name);
        }
    }

    /**
     * A key nothing reads.
     *
     * @param source     the name of the config source its value comes from
     * @param reason     what in it is unknown
     * @param suggestion the nearest key that would be read, or {@code null}
     */
    record Unknown(String key, String source, String reason, String suggestion) {

        /** {@code steadfast.global.retry.max-retry (from test-properties): @Retry has no member 'max-retry'; did…}. */
        String describe() {
            return key + " (from " + source + "): " + reason
                    + (suggestion == null ? "" : "; did you mean " + suggestion + "?");
        }
    }

    /** The keys of {@code config} under {@code steadfast.} (and mapped policy environment variables) nothing reads. */
    List<Unknown> check(ConfigLookup config) {
        return check(config, System.getenv().keySet(), System.getProperties().stringPropertyNames());
    }

    /**
     * @param environment      the names of the process's environment variables
     * @param systemProperties the names of the JVM's system properties
     */
    List<Unknown> check(ConfigLookup config, Set<String> environment, Set<String> systemProperties) {
        List<Unknown> unknown = new ArrayList<>();
        Map<String, String> names = new TreeMap<>(config.names());
        for (Map.Entry<String, String> e : names.entrySet()) {
            String key = e.getKey();
            boolean dotted = key.startsWith(PREFIX);
            if (!dotted && !key.startsWith("STEADFAST_")) {
                continue;
            }
            if (config.get(key).isEmpty()) {
                continue; // an empty value is no value (MicroProfile Config)
            }
            boolean fromEnvironment = environment.contains(key);
            boolean shared = fromEnvironment || systemProperties.contains(key);
            Verdict v = dotted ? dotted(key, shared) : fromEnvironment ? environment(key) : null;
            if (v != null) {
                unknown.add(new Unknown(key, e.getValue(), v.reason, v.suggestion));
            }
        }
        return unknown;
    }

    private record Verdict(String reason, String suggestion) {
    }

    // -- keys as written ---------------------------------------------------------------------------------------------

    /** {@code null} when the key is read. */
    private Verdict dotted(String key, boolean shared) {
        if (SWITCHES.contains(key) || moduleKeys.contains(key)) {
            return null;
        }
        for (String p : modulePrefixes) {
            if (key.startsWith(p)) {
                return null;
            }
        }
        String rest = key.substring(PREFIX.length());
        if (rest.startsWith(GLOBAL)) {
            return global(rest.substring(GLOBAL.length()));
        }
        for (String kind : NAMED_MEMBERS.keySet()) {
            if (rest.startsWith(kind + ".\"")) {
                return named(kind, rest.substring(kind.length() + 2), shared);
            }
        }
        if (rest.startsWith("\"")) {
            return targeted(rest, shared);
        }
        return new Verdict("no Steadfast annotation, switch or module reads it", nearest(key, topLevelKeys(shared)));
    }

    /** {@code <annotation>.<member>} after {@code steadfast.global.}. */
    private Verdict global(String kindMember) {
        KindMember km = kindMember(kindMember);
        if (km.reason == null) {
            return null;
        }
        return new Verdict(km.reason, km.fixed == null ? null : PREFIX + GLOBAL + km.fixed);
    }

    /** {@code <name>".<member>} after {@code steadfast.<kind>."}. */
    private Verdict named(String kind, String rest, boolean shared) {
        int q = rest.indexOf('"');
        if (q < 0 || !rest.startsWith(".", q + 1) || rest.length() == q + 2) {
            return new Verdict("is not of the form steadfast." + kind + ".\"<name>\".<member>", null);
        }
        String name = rest.substring(0, q);
        String member = rest.substring(q + 2);
        Set<String> known = names.getOrDefault(kind, Set.of());
        Set<String> members = NAMED_MEMBERS.get(kind);
        String fixedName = name;
        String reason = null;
        if (!shared && !known.contains(name)) {
            reason = "no " + display(kind) + " is named '" + name + "'";
            fixedName = nearestWord(name, known);
        }
        String fixedMember = member;
        if (!members.contains(member)) {
            String noun = kind.equals(PolicyKind.CIRCUIT_BREAKER.key) ? "breaker" : kind.replace('-', ' ');
            reason = (reason == null ? "" : reason + ", and ") + "'" + member + "' is not a member a named " + noun
                    + " takes from config (those of " + display(kind) + " but name and enabled)";
            fixedMember = nearestWord(member, members);
        }
        if (reason == null) {
            return null;
        }
        return new Verdict(reason, fixedName == null || fixedMember == null ? null
                : PREFIX + kind + ".\"" + fixedName + "\"." + fixedMember);
    }

    /** {@code "<class>[/<method>]".<annotation>.<member>} after {@code steadfast.}. */
    private Verdict targeted(String rest, boolean shared) {
        int q = rest.indexOf('"', 1);
        if (q < 0 || !rest.startsWith(".", q + 1)) {
            return new Verdict("is not of the form " + SHAPE, null);
        }
        String target = rest.substring(1, q);
        KindMember km = kindMember(rest.substring(q + 2));
        int slash = target.indexOf('/');
        String className = slash < 0 ? target : target.substring(0, slash);
        String methodName = slash < 0 ? null : target.substring(slash + 1);
        String reason = km.reason;
        String fixedTarget = target;
        if (!shared) {
            Map<String, Set<String>> methods = guarded.get(className);
            if (methods == null) {
                reason = join(reason, "no bean class " + className + " has a guarded method");
                String c = nearestWord(className, guarded.keySet());
                fixedTarget = c == null ? null : methodName == null ? c : c + "/" + methodName;
            } else if (methodName != null && !methods.containsKey(methodName)) {
                reason = join(reason, className + " has no guarded method " + methodName);
                String m = nearestWord(methodName, methods.keySet());
                fixedTarget = m == null ? null : className + "/" + m;
            } else if (km.reason == null) {
                String kind = km.kind;
                boolean present = methodName != null ? methods.get(methodName).contains(kind)
                        : methods.values().stream().anyMatch(k -> k.contains(kind));
                if (!present) {
                    String annotation = display(kind);
                    return new Verdict((methodName != null ? className + "#" + methodName + " has no " + annotation
                            : "no method of " + className + " has " + annotation) + ", so the key has no effect",
                            null);
                }
            }
        }
        if (reason == null) {
            return null;
        }
        return new Verdict(reason, fixedTarget == null || km.fixed == null ? null
                : PREFIX + "\"" + fixedTarget + "\"." + km.fixed);
    }

    /** An {@code <annotation>.<member>} pair: the annotation key, what is wrong, and the nearest valid pair. */
    private record KindMember(String kind, String reason, String fixed) {
    }

    private static KindMember kindMember(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new KindMember(null, "'" + text + "' names no <annotation>.<member>", null);
        }
        String kind = text.substring(0, dot);
        String member = text.substring(dot + 1);
        Set<String> members = MEMBERS.get(kind);
        if (members == null) {
            String k = nearestWord(kind, MEMBERS.keySet());
            String m = k == null ? null : MEMBERS.get(k).contains(member) ? member
                    : nearestWord(member, MEMBERS.get(k));
            return new KindMember(null, "'" + kind + "' is not an annotation (one of " + String.join(", ",
                    new TreeSet<>(MEMBERS.keySet())) + ")", k == null || m == null ? null : k + "." + m);
        }
        if (!members.contains(member)) {
            String m = nearestWord(member, members);
            return new KindMember(kind, display(kind) + " has no member '" + member + "'",
                    m == null ? null : kind + "." + m);
        }
        return new KindMember(kind, null, kind + "." + member);
    }

    /** The keys a misspelled top-level key is compared with. */
    private Set<String> topLevelKeys(boolean shared) {
        Set<String> keys = new LinkedHashSet<>(SWITCHES);
        keys.addAll(moduleKeys);
        MEMBERS.forEach((kind, members) -> members.forEach(m -> keys.add(PREFIX + GLOBAL + kind + "." + m)));
        if (!shared) {
            names.forEach((kind, named) -> named.forEach(n -> NAMED_MEMBERS.get(kind)
                    .forEach(m -> keys.add(PREFIX + kind + ".\"" + n + "\"." + m))));
        }
        return keys;
    }

    // -- environment variables ---------------------------------------------------------------------------------------

    private static final Pattern NAMED_ENV = Pattern.compile("STEADFAST_CIRCUIT_BREAKER__.+__(.+)");
    private static final Pattern TARGETED_ENV = Pattern.compile("STEADFAST__.+__(.+)");

    /** A variable MicroProfile Config maps to a policy key: checked for its shape. */
    private Verdict environment(String name) {
        if (name.startsWith("STEADFAST_GLOBAL_")) {
            Set<String> known = new HashSet<>();
            MEMBERS.forEach((kind, members) -> members.forEach(m -> known.add(env(PREFIX + GLOBAL + kind + "." + m))));
            return known.contains(name) ? null : new Verdict("the environment variable maps to no"
                    + " steadfast.global.<annotation>.<member> key", nearest(name, known));
        }
        Set<String> tails = new HashSet<>();
        var m = NAMED_ENV.matcher(name);
        if (m.matches()) {
            NAMED_MEMBERS.get(PolicyKind.CIRCUIT_BREAKER.key).forEach(member -> tails.add(env(member)));
        } else if ((m = TARGETED_ENV.matcher(name)).matches()) {
            MEMBERS.forEach((kind, members) -> members.forEach(member -> tails.add(env(kind + "." + member))));
        } else if (name.startsWith("STEADFAST_CIRCUIT_BREAKER_") || name.startsWith("STEADFAST__")) {
            return new Verdict("the environment variable maps to no Steadfast key", null);
        } else {
            return null; // not a policy key's mapping: may mean something else to the process
        }
        String tail = m.group(1);
        if (tails.contains(tail)) {
            return null;
        }
        String t = nearestWord(tail, tails);
        return new Verdict("the environment variable maps to no <annotation>.<member> Steadfast reads",
                t == null ? null : name.substring(0, m.start(1)) + t);
    }

    /** MicroProfile Config's mapping: every character but a letter or digit becomes {@code _}, then upper case. */
    static String env(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    // -- nearest keys ------------------------------------------------------------------------------------------------

    /**
     * The candidate closest to {@code word}, or {@code null} when none is close enough to be what was meant. Of two
     * equally close, the one sharing the longer beginning with {@code word} wins ({@code max-retry} is nearer
     * {@code max-retries} than {@code max-delay}).
     */
    static String nearestWord(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestShared = -1;
        for (String c : new TreeSet<>(candidates)) {
            int d = distance(word, c);
            int shared = sharedBeginning(word, c);
            if (d < bestDistance || (d == bestDistance && shared > bestShared)) {
                best = c;
                bestDistance = d;
                bestShared = shared;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    private static String nearest(String key, Collection<String> candidates) {
        return nearestWord(key, candidates);
    }

    /**
     * Edits between two strings, a swap of two neighbours counting as one (optimal string alignment), letters
     * compared without case.
     */
    static int distance(String a, String b) {
        String s = a.toLowerCase(Locale.ROOT);
        String t = b.toLowerCase(Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[s.length()][t.length()];
    }

    private static int sharedBeginning(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && Character.toLowerCase(a.charAt(i)) == Character.toLowerCase(b.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String join(String a, String b) {
        return a == null ? b : b + ", and " + a;
    }

    private static String display(String kind) {
        for (PolicyKind k : PolicyKind.values()) {
            if (k.key.equals(kind)) {
                return k.display();
            }
        }
        return kind;
    }

    private static Set<String> switches() {
        Set<String> keys = new HashSet<>(ClusterSettings.KEYS);
        keys.addAll(List.of(SteadfastExtension.ENABLED_KEY, SteadfastExtension.PRIORITY_KEY, STRICT_KEY,
                LogConfig.INTERVAL_KEY, LogConfig.MESSAGES_KEY, SteadfastExtension.EXECUTOR_QUEUE_KEY,
                HealthConfig.INTERVAL_KEY, HealthConfig.TIMEOUT_KEY));
        return Set.copyOf(keys);
    }

    private static Map<String, Set<String>> members() {
        Map<String, Set<String>> members = new HashMap<>();
        for (PolicyKind kind : PolicyKind.values()) {
            Set<String> m = new HashSet<>();
            m.add("enabled");
            for (Method member : kind.type.getDeclaredMethods()) {
                m.add(MemberReader.kebab(member.getName()));
            }
            // Two annotations may share a key: @KeyedBreaker's members are read under circuit-breaker.
            members.merge(kind.key, m, (a, b) -> {
                Set<String> both = new HashSet<>(a);
                both.addAll(b);
                return both;
            });
        }
        Map<String, Set<String>> copy = new HashMap<>();
        members.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        return Map.copyOf(copy);
    }

    /** The annotations that have a named level: circuit breakers, rate limits and retry budgets. */
    private static Map<String, Set<String>> namedMembers() {
        Map<String, Set<String>> named = new HashMap<>();
        for (PolicyKind kind : List.of(PolicyKind.CIRCUIT_BREAKER, PolicyKind.RATE_LIMIT, PolicyKind.RETRY_BUDGET)) {
            Set<String> m = new HashSet<>(MEMBERS.get(kind.key));
            m.remove("name");
            m.remove("enabled");
            named.put(kind.key, Set.copyOf(m));
        }
        return Map.copyOf(named);
    }
}
