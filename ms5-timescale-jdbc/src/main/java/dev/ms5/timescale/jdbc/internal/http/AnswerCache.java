package dev.ms5.timescale.jdbc.internal.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reuses what was read from the database, per key, for a while, so that frequent polling does not load the
 * catalogs. Concurrent requests for a key that is being read wait for that one read instead of starting their own.
 * Only successes are kept; a failure is shared with the requests that waited for it, then forgotten.
 *
 * <p>It holds data, never answers: the caller's access is checked on every request before the cache is asked.
 */
final class AnswerCache {

    /** Beyond this many keys (chunk pages, mostly) expired entries are dropped and new ones not kept. */
    static final int MAX_ENTRIES = 256;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    AnswerCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Returns the value kept for a key, or reads it.
     *
     * @param key    what is read, with its parameters
     * @param reader reads it from the database
     * @param <T>    its type
     * @return the value
     */
    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> reader) {
        if (ttlNanos == 0) {
            return reader.get();
        }
        while (true) {
            Entry known = entries.get(key);
            if (known != null && known.fresh(nanoTime.getAsLong(), ttlNanos)) {
                return (T) join(known.value);
            }
            Entry mine = new Entry();
            boolean claimed = known == null ? entries.putIfAbsent(key, mine) == null
                    : entries.replace(key, known, mine);
            if (claimed) {
                return read(key, mine, reader);
            }
        }
    }

    private <T> T read(String key, Entry mine, Supplier<T> reader) {
        try {
            T value = reader.get();
            mine.readAt = nanoTime.getAsLong();
            mine.value.complete(value);
            trim();
            return value;
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.value.completeExceptionally(e);
            throw e;
        }
    }

    private void trim() {
        if (entries.size() > MAX_ENTRIES) {
            long now = nanoTime.getAsLong();
            entries.values().removeIf(e -> e.value.isDone() && !e.fresh(now, ttlNanos));
            if (entries.size() > MAX_ENTRIES) {
                entries.values().removeIf(e -> e.value.isDone());
            }
        }
    }

    private static Object join(CompletableFuture<Object> value) {
        try {
            return value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** One key: its read under way or done, and when it was done. */
    private static final class Entry {
        final CompletableFuture<Object> value = new CompletableFuture<>();
        volatile long readAt;

        /** Under way (wait for it), or done less than the time to live ago. */
        boolean fresh(long now, long ttlNanos) {
            return !value.isDone() || !value.isCompletedExceptionally() && now - readAt < ttlNanos;
        }
    }
}
