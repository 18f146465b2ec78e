package dev.regbench.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One job as this instance holds it in memory: its state, progress totals, log and watchers.
 * The store ({@link JobRepository}) is the truth; a {@code Job} is either
 * <ul>
 * <li><b>owned</b>: this instance claimed it and runs it. It is the {@link JobContext} its runner
 *     reports to; the {@link JobCoordinator} writes its progress and log lines to the store.</li>
 * <li>a <b>mirror</b>: someone watches or follows a job queued, finished or running elsewhere; the
 *     coordinator feeds it from the store ({@link #apply}, {@link #appendStored}).</li>
 * </ul>
 * Either way watchers get the same events.
 *
 * <p>Thread-safe: state changes are serialised on the job's monitor; progress totals are atomics;
 * watchers are a copy-on-write list called on the reporting thread, so they must only enqueue
 * (see {@link WatchSession#offer}).
 */
final class Job implements JobContext {

    private final String id;
    private final String source;
    private final String destination;
    private final String tags;
    private final String configName;
    private final long createdAt;
    private final Clock clock;
    private final JobLog log;
    private final Consumer<Long> onBytes;
    private final CopyOnWriteArrayList<Consumer<JobEvent>> watchers = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger followers = new AtomicInteger();

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger blobs = new AtomicInteger();
    private final AtomicInteger tagsDone = new AtomicInteger();
    private volatile int tagsPlanned;

    private volatile JobState state;
    private volatile Long startedAt;
    private volatile Long finishedAt;
    private volatile String error;
    private volatile boolean cancelRequested;
    private volatile Thread thread;

    // ---- owned runs ----
    private volatile boolean owned;
    private volatile int attempt;
    private volatile JobSpec spec;
    /** Why the run must stop without writing an end (lease lost, service stopping), or null. */
    private volatile String abandon;
    private final ConcurrentLinkedQueue<String> pendingLines = new ConcurrentLinkedQueue<>();
    /** Lines taken from {@link #pendingLines} whose write failed; guarded by {@code this}. */
    private final List<String> unflushed = new ArrayList<>();
    /** Sequence number of the newest line in the store (owned) or in {@link #log} (mirror). */
    private long lastSeq;
    private volatile long idleSince;

    Job(JobRecord r, List<JobRepository.LogLine> tail, Clock clock, long logMaxBytes, Consumer<Long> onBytes) {
        this.id = r.id();
        this.source = r.source();
        this.destination = r.destination();
        this.tags = r.tags();
        this.configName = r.configName();
        this.createdAt = r.createdAt();
        this.clock = clock;
        this.log = new JobLog(logMaxBytes);
        this.onBytes = onBytes;
        this.idleSince = clock.millis();
        setFrom(r);
        appendStored(tail);
        if (r.state().isTerminal()) {
            log.close();
        }
    }

    private void setFrom(JobRecord r) {
        state = r.state();
        startedAt = r.startedAt();
        finishedAt = r.finishedAt();
        error = r.error();
        cancelRequested = r.cancelRequested();
        bytes.set(r.bytes());
        blobs.set(r.blobs());
        tagsDone.set(r.tagsDone());
        tagsPlanned = r.tagsPlanned();
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

    JobLog jobLog() {
        return log;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    boolean owned() {
        return owned;
    }

    int attempt() {
        return attempt;
    }

    String abandonReason() {
        return abandon;
    }

    // ---- mirror side ----

    /** Takes the store's view of a job this instance does not run; publishes what changed. */
    void apply(JobRecord r) {
        if (owned) {
            return;
        }
        JobState before;
        long bytesBefore;
        int tagsBefore;
        int blobsBefore;
        synchronized (this) {
            before = state;
            bytesBefore = bytes.get();
            tagsBefore = tagsDone.get();
            blobsBefore = blobs.get();
            setFrom(r);
        }
        if (r.state() != before) {
            if (r.state().isTerminal()) {
                log.close();
            }
            publish(event(JobEvent.STATE));
        } else if (r.bytes() != bytesBefore || r.tagsDone() != tagsBefore || r.blobs() != blobsBefore) {
            publish(event(JobEvent.PROGRESS));
        }
    }

    /** Appends stored log lines newer than those held (mirror, or catching up before a claim). */
    synchronized void appendStored(List<JobRepository.LogLine> lines) {
        for (JobRepository.LogLine l : lines) {
            if (l.seq() > lastSeq) {
                log.appendLine(l.line());
                lastSeq = l.seq();
            }
        }
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    // ---- owned side ----

    /** This instance claimed the job (state RUNNING in the store): it becomes the runner's context. */
    void claimed(JobRecord r, JobSpec spec) {
        synchronized (this) {
            this.spec = spec;
            this.attempt = r.attempt();
            this.abandon = null;
            this.owned = true;
            setFrom(r);
        }
        log("job started" + (r.attempt() > 1 ? " (attempt " + r.attempt() + ")" : ""));
        publish(event(JobEvent.STATE));
    }

    void running(Thread t) {
        thread = t;
        // a cancel (or abandon) that came between the claim and this call found no thread to
        // interrupt: the run would have ignored it until its runner finished on its own
        if (cancelRequested || abandon != null) {
            t.interrupt();
        }
    }

    /**
     * Stops the run without recording an end: its lease was taken over, or the service stops and
     * gives the job back to the queue. The runner is cancelled like a cancel request.
     */
    void abandon(String why) {
        abandon = why;
        interruptRun();
    }

    /** Records a terminal state locally (log line included); {@link #publishEnd} tells watchers. */
    void recordEnd(JobState end, String why) {
        synchronized (this) {
            state = end;
            error = why;
            finishedAt = clock.millis();
            thread = null;
        }
        log("job " + end.name().toLowerCase(Locale.ROOT) + (why == null ? "" : ": " + why));
    }

    /** After the end is stored: closes the log and tells watchers. The job is a mirror again. */
    void publishEnd() {
        owned = false;
        log.close();
        publish(event(JobEvent.STATE));
    }

    /** The run ended without an end of its own (abandoned): the job is a mirror again. */
    void disown() {
        synchronized (this) {
            owned = false;
            thread = null;
        }
    }

    /**
     * Lines to write to the store, with the sequence number of the first; call {@link #flushed}
     * after the write succeeded. Null when there is nothing to write. Serialised per job.
     */
    synchronized List<String> linesToFlush() {
        for (String l; (l = pendingLines.poll()) != null; ) {
            unflushed.add(l);
        }
        return unflushed.isEmpty() ? null : List.copyOf(unflushed);
    }

    synchronized long nextSeq() {
        return lastSeq + 1;
    }

    synchronized void flushed(int n) {
        unflushed.subList(0, n).clear();
        lastSeq += n;
    }

    JobRepository.Progress progressRecord() {
        return new JobRepository.Progress(id, attempt, bytes.get(), blobs.get(), tagsDone.get(), tagsPlanned);
    }

    /**
     * Asks the job to stop: a running job's thread is interrupted and its runner sees
     * {@link #isCancelled()}. Only for owned jobs; others are cancelled through the store.
     */
    void requestCancel() {
        synchronized (this) {
            if (state.isTerminal() || cancelRequested) {
                return;
            }
            cancelRequested = true;
        }
        log("cancel requested");
        interruptRun();
    }

    private void interruptRun() {
        for (Runnable hook : cancelHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                log("cancel hook failed: " + JobCoordinator.describe(e));
            }
        }
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    // ---- watchers ----

    void addWatcher(Consumer<JobEvent> watcher) {
        watchers.add(watcher);
    }

    void removeWatcher(Consumer<JobEvent> watcher) {
        watchers.remove(watcher);
        idleSince = clock.millis();
    }

    int watcherCount() {
        return watchers.size();
    }

    void follow() {
        followers.incrementAndGet();
    }

    void unfollow() {
        followers.decrementAndGet();
        idleSince = clock.millis();
    }

    /** Nobody watches or follows it and it is not run here. */
    boolean idle() {
        return !owned && watchers.isEmpty() && followers.get() == 0;
    }

    long idleSince() {
        return idleSince;
    }

    boolean watched() {
        return !watchers.isEmpty() || followers.get() > 0;
    }

    JobEvent event(String type) {
        return new JobEvent(type, id, state, bytes.get(), blobs.get(), tagsDone.get(), tagsPlanned, error,
                clock.millis());
    }

    JobView view() {
        return new JobView(id, state, source, destination, tags, configName, createdAt, startedAt, finishedAt,
                new JobView.Progress(bytes.get(), blobs.get(), tagsDone.get(), tagsPlanned), error,
                cancelRequested && !state.isTerminal() ? Boolean.TRUE : null);
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
            tagsDone.addAndGet(addTags);
        }
        if (!watchers.isEmpty()) {
            publish(event(JobEvent.PROGRESS));
        }
    }

    @Override
    public void log(String line) {
        String stamped = Instant.ofEpochMilli(clock.millis()) + " " + line;
        log.appendLine(stamped);
        if (owned) {
            pendingLines.add(stamped);
        }
    }

    @Override
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if ((cancelRequested || abandon != null) && cancelHooks.remove(hook)) {
            hook.run();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelRequested || abandon != null;
    }
}
