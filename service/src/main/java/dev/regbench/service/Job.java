package dev.regbench.service;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One submitted job: its spec, state, progress totals, log and watchers. It is also the
 * {@link JobContext} its runner reports to.
 *
 * <p>Thread-safe: state changes are serialised on the job's monitor; progress totals are atomics;
 * watchers are a copy-on-write list and are called on the reporting thread, so they must only
 * enqueue (see {@link WatchSession#offer}).
 */
final class Job implements JobContext {

    private final String id;
    private final JobSpec spec;
    private final String configName;
    private final Clock clock;
    private final Instant createdAt;
    private final JobLog log;
    private final Consumer<Job> onStateChange;
    private final Consumer<Long> onBytes;
    private final CopyOnWriteArrayList<Consumer<JobEvent>> watchers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> cancelHooks = new CopyOnWriteArrayList<>();

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger blobs = new AtomicInteger();
    private final AtomicInteger tags = new AtomicInteger();
    private volatile int tagsPlanned;

    private volatile JobState state = JobState.QUEUED;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile boolean cancelRequested;
    private volatile Thread thread;

    Job(String id, JobSpec spec, String configName, Clock clock, long logMaxBytes,
        Consumer<Job> onStateChange, Consumer<Long> onBytes) {
        this.id = id;
        this.spec = spec;
        this.configName = configName;
        this.clock = clock;
        this.createdAt = clock.instant();
        this.log = new JobLog(logMaxBytes);
        this.onStateChange = onStateChange;
        this.onBytes = onBytes;
        log("job " + id + " queued: " + spec.source() + " -> " + spec.destination()
                + " tags /" + spec.tags().pattern() + "/ config " + configName);
    }

    String id() {
        return id;
    }

    JobSpec spec() {
        return spec;
    }

    JobState state() {
        return state;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    JobLog jobLog() {
        return log;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** QUEUED → RUNNING on {@code runner}; false when the job was cancelled before it started. */
    boolean start(Thread runner) {
        synchronized (this) {
            if (state != JobState.QUEUED || cancelRequested) {
                return false;
            }
            state = JobState.RUNNING;
            startedAt = clock.instant();
            thread = runner;
        }
        log("job started");
        changed();
        return true;
    }

    /** Moves to a terminal state (once; later calls are ignored) and closes the log. */
    boolean finish(JobState end, String why) {
        synchronized (this) {
            if (state.isTerminal()) {
                return false;
            }
            state = end;
            error = why;
            finishedAt = clock.instant();
            thread = null;
        }
        log("job " + end.name().toLowerCase(java.util.Locale.ROOT) + (why == null ? "" : ": " + why));
        log.close();
        changed();
        return true;
    }

    /**
     * Asks the job to stop: a running job's thread is interrupted and its runner sees
     * {@link #isCancelled()}. Returns false when the job had already ended.
     */
    boolean requestCancel() {
        Thread running;
        synchronized (this) {
            if (state.isTerminal()) {
                return false;
            }
            cancelRequested = true;
            running = thread;
        }
        log("cancel requested");
        for (Runnable hook : cancelHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                log("cancel hook failed: " + JobScheduler.describe(e));
            }
        }
        if (running != null) {
            running.interrupt();
        }
        return true;
    }

    void addWatcher(Consumer<JobEvent> watcher) {
        watchers.add(watcher);
    }

    void removeWatcher(Consumer<JobEvent> watcher) {
        watchers.remove(watcher);
    }

    int watcherCount() {
        return watchers.size();
    }

    JobEvent event(String type) {
        return new JobEvent(type, id, state, bytes.get(), blobs.get(), tags.get(), tagsPlanned, error,
                clock.millis());
    }

    JobView view() {
        return new JobView(id, state, spec.source().toString(), spec.destination().toString(), spec.tags().pattern(),
                configName, createdAt.toEpochMilli(), startedAt == null ? null : startedAt.toEpochMilli(),
                finishedAt == null ? null : finishedAt.toEpochMilli(),
                new JobView.Progress(bytes.get(), blobs.get(), tags.get(), tagsPlanned), error,
                cancelRequested && !state.isTerminal() ? Boolean.TRUE : null);
    }

    private void changed() {
        onStateChange.accept(this);
        publish(event(JobEvent.STATE));
    }

    private void publish(JobEvent e) {
        for (Consumer<JobEvent> w : watchers) {
            w.accept(e);
        }
    }

    // ---- JobContext ----

    @Override
    public String jobId() {
        return id;
    }

    @Override
    public void tagsPlanned(int n) {
        tagsPlanned = n;
        if (!watchers.isEmpty()) {
            publish(event(JobEvent.PROGRESS));
        }
    }

    @Override
    public void progress(long addBytes, int addBlobs, int addTags) {
        if (addBytes != 0) {
            bytes.addAndGet(addBytes);
            onBytes.accept(addBytes);
        }
        if (addBlobs != 0) {
            blobs.addAndGet(addBlobs);
        }
        if (addTags != 0) {
            tags.addAndGet(addTags);
        }
        if (!watchers.isEmpty()) {
            publish(event(JobEvent.PROGRESS));
        }
    }

    @Override
    public void log(String line) {
        log.appendLine(clock.instant() + " " + line);
    }

    @Override
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelRequested && cancelHooks.remove(hook)) {
            hook.run();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested;
    }
}
