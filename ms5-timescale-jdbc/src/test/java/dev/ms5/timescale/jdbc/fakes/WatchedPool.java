package dev.ms5.timescale.jdbc.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fixed pool of threads the test can watch: {@link #awaitAllWaiting} returns once every thread has started and
 * is blocked or waiting, so that concurrent callers are known to be queued before the test lets them go on.
 */
public final class WatchedPool implements AutoCloseable {

    private final int size;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ExecutorService pool;

    /**
     * Creates the pool.
     *
     * @param size its threads
     */
    public WatchedPool(int size) {
        this.size = size;
        this.pool = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
    }

    /**
     * Runs a call on one of the threads.
     *
     * @param call the call
     * @param <T>  its result
     * @return its future
     */
    public <T> Future<T> submit(Supplier<T> call) {
        return pool.submit(call::get);
    }

    /**
     * Waits until all threads have started and none runs (each blocked or waiting), at most 10 s.
     *
     * @throws InterruptedException when interrupted
     * @throws AssertionError       when they do not all wait within 10 s
     */
    public void awaitAllWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.size() < size || threads.stream().anyMatch(t -> t.getState() == Thread.State.RUNNABLE
                || t.getState() == Thread.State.NEW)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all " + size + " threads were waiting within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
