package dev.steadfast.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script, run by its SHA-1 ({@code EVALSHA}) and sent whole ({@code EVAL}, which also caches it on the server)
 * when the server does not know it: the first time, and after a restart or a {@code SCRIPT FLUSH}. A script runs
 * atomically on the server: no other command runs while it does. Thread-safe, immutable.
 */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;
    private final ScriptOutputType output;

    LuaScript(String name, ScriptOutputType output, String source) {
        this.name = name;
        this.output = output;
        this.source = source;
        this.sha = sha1(source);
    }

    /** Runs the script without blocking; the stage fails with what the server or the connection said. */
    <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletionStage<T> first = redis.evalsha(sha, output, keys, args);
        return first.handle((T answer, Throwable failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answer);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, output, keys, args);
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    @Override
    public String toString() {
        return name + "(" + sha + ")";
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
