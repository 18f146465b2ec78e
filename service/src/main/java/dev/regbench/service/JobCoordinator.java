package dev.regbench.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs jobs from the store on this instance, and keeps the in-memory {@link Job}s that watchers
 * and log followers use.
 *
 * <p>One coordinator thread loops: every tick ({@code 200 ms}, or at once when woken by a
 * submission, a finished run or a notification) it writes the owned runs' new log lines; every
 * {@link ClusterConfig#renewInterval()} it renews their leases with their progress (learning of
 * lost leases and cancel requests); when a job thread is free it claims queued jobs and jobs whose
 * owner stopped renewing ({@link JobRepository#claim}); and it refreshes mirrors someone watches
 * (a fallback when a notification is missed) and forgets idle ones. Renewal comes before claiming
 * in the same thread, so after the store was away this instance's own runs are renewed before it
 * could mistake them for orphans.
 *
 * <p>A run whose lease could not be renewed for a whole lease is stopped here ("lease lost"), so a
 * job whose lease another instance took over never runs on two instances at once for longer than
 * the runner takes to see its cancellation. Thread-safe.
 */
final class JobCoordinator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobCoordinator.class.getName());
    private static final long TICK_MS = 200;
    private static final long MIRROR_REFRESH_MS = 2000;
    private static final long IDLE_FORGET_MS = 10_000;
    private static final int LOG_TAIL_LINES = 20_000;
    private static final int MAX_ATTEMPTS = 3;

    /** The queue was full: the caller answers 503. */
    static final class QueueFullException extends Exception {
        private static final long serialVersionUID = 1L;

        QueueFullException(String message) {
            super(message);
        }
    }

    private final JobRepository store;
    private final JobRunner runner;
    private final JobRequestParser parser;
    private final ServiceConfig config;
    private final ClusterConfig cluster;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Runnable onStateChange;
    private final String instanceId;
    private final boolean soleInstance;
    private final ConcurrentHashMap<String, Job> live = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final AtomicInteger busy = new AtomicInteger();
    private final ExecutorService refresher;
    private final Thread loop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean woken;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile boolean storeUp = true;
    private volatile long lastRenewOk;
    private long lastRenewAttempt;
    private long lastMirrorRefresh;
    private long lastClaim;
    private long lastLogSweep;
    private final java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();
    private boolean firstClaim = true;

    /**
     * @param soleInstance the store is this instance's alone (embedded H2 locks its file): a job
     *                     still RUNNING at start was left by this service's previous life and is
     *                     resumed at once instead of after its lease
     */
    JobCoordinator(JobRepository store, JobRunner runner, JobRequestParser parser, ServiceConfig config,
                   ClusterConfig cluster, ServiceMetrics metrics, Clock clock, Runnable onStateChange, boolean soleInstance) {
        this.store = store;
        this.runner = runner;
        this.parser = parser;
        this.config = config;
        this.cluster = cluster;
        this.metrics = metrics;
        this.clock = clock;
        this.onStateChange = onStateChange;
        this.soleInstance = soleInstance;
        this.instanceId = cluster.instanceId() != null ? cluster.instanceId()
                : "i-" + UUID.randomUUID().toString().substring(0, 8);
        this.pool = new ThreadPoolExecutor(config.maxRunning(), config.maxRunning(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads("regbench-job-"));
        this.refresher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new NamedThreads("regbench-service-refresh-"));
        this.lastRenewOk = clock.millis();
        this.loop = new NamedThreads("regbench-service-coordinator-").newThread(this::run);
        loop.start();
    }

    String instanceId() {
        return instanceId;
    }

    boolean storeUp() {
        return storeUp;
    }

    // ---- API side ----

    /** Stores a new QUEUED job; throws when the queue is full or the store is away. */
    JobView submit(JobRequestParser.Parsed parsed, String requestJson) throws QueueFullException {
        int queued = store.queued();
        if (queued >= config.queueCapacity()) {
            throw new QueueFullException("job queue is full: " + busy.get() + " running here, " + queued + " of "
                    + config.queueCapacity() + " queued; retry later");
        }
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        JobSpec spec = parsed.spec();
        JobRecord r = new JobRecord(id, JobState.QUEUED, spec.source().toString(), spec.destination().toString(),
                spec.tags().pattern(), parsed.configName(), requestJson, now, null, null, null, false, null, 0, null,
                0, 0, 0, 0, 0);
        store.insert(r, java.time.Instant.ofEpochMilli(now) + " job " + id + " queued: " + spec.source() + " -> "
                + spec.destination() + " tags /" + spec.tags().pattern() + "/ config " + parsed.configName());
        onStateChange.run();
        wakeUp();
        return r.view();
    }

    /** The job's view: from memory when this instance holds it, else from the store. */
    Optional<JobView> view(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Job j = live.get(id);
        if (j != null && (j.owned() || j.watched())) {
            return Optional.of(j.view());
        }
        return store.find(id).map(JobRecord::view);
    }

    /**
     * The in-memory job for a watcher or log follower: the owned one, or a mirror loaded from the
     * store (with its log tail) and kept fresh while watched.
     */
    Optional<Job> track(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Job j = live.get(id);
        if (j != null) {
            return Optional.of(j);
        }
        Optional<JobRecord> r = store.find(id);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        Job mirror = new Job(r.get(), store.logTail(id, LOG_TAIL_LINES), clock, config.logMaxBytes(),
                metrics.bytesReplicated::add);
        Job prior = live.putIfAbsent(id, mirror);
        return Optional.of(prior != null ? prior : mirror);
    }

    /** Cancels a job wherever it runs. */
    JobRepository.CancelOutcome cancel(String id) {
        JobRepository.CancelOutcome outcome = store.requestCancel(id, clock.millis());
        Job j = live.get(id);
        if (j != null) {
            if (j.owned() && outcome == JobRepository.CancelOutcome.REQUESTED) {
                j.requestCancel();
            } else if (!j.owned()) {
                refresh(j);
            }
        }
        if (outcome == JobRepository.CancelOutcome.CANCELLED) {
            onStateChange.run();
        }
        return outcome;
    }

    int running() {
        return busy.get();
    }

    long logRetainedBytes() {
        long total = 0;
        for (Job j : live.values()) {
            total += j.jobLog().retainedBytes();
        }
        return total;
    }

    /** A notification from another instance (PostgreSQL NOTIFY): {@code kind} and job ids. */
    void onNotification(String kind, List<String> ids) {
        if ("queued".equals(kind)) {
            onStateChange.run();
            wakeUp();
            return;
        }
        if ("state".equals(kind)) {
            onStateChange.run();
        }
        for (String id : ids) {
            Job j = live.get(id);
            if (j == null) {
                continue;
            }
            if ("cancel".equals(kind)) {
                if (j.owned()) {
                    j.requestCancel();
                }
            } else if (!j.owned()) {
                refresher.execute(() -> refresh(j));
            }
        }
    }

    /** The notification connection was re-established: something may have been missed. */
    void onNotificationsResumed() {
        onStateChange.run();
        lastMirrorRefresh = 0;
        wakeUp();
    }

    private void refresh(Job j) {
        try {
            Optional<JobRecord> r = store.find(j.id());
            if (r.isPresent() && !j.owned()) {
                j.appendStored(store.logAfter(j.id(), j.lastSeq(), LOG_TAIL_LINES));
                j.apply(r.get());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "refresh of job " + j.id() + " failed", e);
        }
    }

    void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- the coordinator thread ----

    private void run() {
        while (!stopping) {
            try {
                tick();
            } catch (RuntimeException e) {
                if (storeUp) {
                    LOG.warning("job store problem (" + store.describe() + "): " + describe(e));
                }
                storeUp = false;
            }
            stopOverdueRuns();
            lock.lock();
            try {
                if (!woken && !stopping) {
                    wake.await(TICK_MS, TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void tick() {
        long now = clock.millis();
        List<Job> owned = new ArrayList<>();
        for (Job j : live.values()) {
            if (j.owned() && j.abandonReason() == null) {
                owned.add(j);
            }
        }
        for (Job j : owned) {
            flushLog(j);
        }
        if (now - lastRenewAttempt >= cluster.renewInterval().toMillis()) {
            lastRenewAttempt = now;
            List<JobRepository.Progress> runs = new ArrayList<>();
            for (Job j : owned) {
                runs.add(j.progressRecord());
            }
            JobRepository.Renewal renewal = store.renew(instanceId, runs, now, cluster.lease().toMillis());
            lastRenewOk = now;
            if (!storeUp) {
                LOG.info("job store " + store.describe() + " is back");
            }
            storeUp = true;
            for (String id : renewal.lost()) {
                Job j = live.get(id);
                if (j != null && j.owned()) {
                    j.abandon("lease lost: another instance took the job over");
                }
            }
            for (String id : renewal.cancelRequested()) {
                Job j = live.get(id);
                if (j != null && j.owned()) {
                    j.requestCancel();
                }
            }
        }
        int free = config.maxRunning() - busy.get();
        if (free > 0 && !stopping) {
            long expiredBefore = firstClaim && soleInstance ? Long.MAX_VALUE : now;
            List<JobRecord> claimed = store.claim(instanceId, free, now, expiredBefore, cluster.lease().toMillis(),
                    MAX_ATTEMPTS);
            firstClaim = false;
            storeUp = true;
            lastClaim = now;
            if (!claimed.isEmpty()) {
                onStateChange.run();
            }
            for (JobRecord r : claimed) {
                start(r);
            }
        }
        if (now - lastLogSweep >= config.logRetention().sweepInterval().toMillis() && sweeping.compareAndSet(false, true)) {
            lastLogSweep = now;
            refresher.execute(this::sweepLogs); // off this thread: a long delete must not delay renewals
        }
        if (now - lastMirrorRefresh >= MIRROR_REFRESH_MS) {
            lastMirrorRefresh = now;
            for (Map.Entry<String, Job> e : live.entrySet()) {
                Job j = e.getValue();
                if (j.idle() && now - j.idleSince() > IDLE_FORGET_MS) {
                    live.remove(e.getKey(), j);
                } else if (!j.owned() && j.watched() && !j.state().isTerminal()) {
                    refresh(j);
                }
            }
        }
    }

    /** Deletes the log lines {@link ServiceConfig#logRetention()} does not keep. */
    void sweepLogs() {
        try {
            LogRetention keep = config.logRetention();
            metrics.logLinesPruned.add(store.pruneLogs(keep.linesPerJob(),
                    clock.millis() - keep.finishedAge().toMillis()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "job log sweep failed", e);
        } finally {
            sweeping.set(false);
        }
    }

    /** Runs whose lease could not be renewed for a whole lease stop: another instance may take them. */
    private void stopOverdueRuns() {
        if (clock.millis() - lastRenewOk <= cluster.lease().toMillis()) {
            return;
        }
        for (Job j : live.values()) {
            if (j.owned() && j.abandonReason() == null) {
                j.abandon("lease lost: the job store was unreachable for longer than the lease ("
                        + cluster.lease().toSeconds() + " s)");
            }
        }
    }

    private void flushLog(Job j) {
        synchronized (j) {
            List<String> lines = j.linesToFlush();
            if (lines != null) {
                store.appendLog(j.id(), instanceId, j.attempt(), j.nextSeq(), lines);
                j.flushed(lines.size());
            }
        }
    }

    private void start(JobRecord r) {
        JobSpec spec;
        Job job = live.computeIfAbsent(r.id(), id -> new Job(r, List.of(), clock, config.logMaxBytes(),
                metrics.bytesReplicated::add));
        try {
            job.appendStored(store.logAfter(r.id(), job.lastSeq(), LOG_TAIL_LINES));
            spec = parser.parse(r.request().getBytes(java.nio.charset.StandardCharsets.UTF_8)).spec();
        } catch (BadRequestException | RuntimeException e) {
            // the request was valid when submitted; a config that changed since makes it fail here
            String why = "cannot start: " + e.getMessage();
            job.claimed(r, null);
            finishRun(job, JobState.FAILED, why);
            return;
        }
        job.claimed(r, spec);
        if (r.cancelRequested()) {
            job.requestCancel();
        }
        busy.incrementAndGet();
        pool.execute(() -> runJob(job));
    }

    private void runJob(Job job) {
        job.running(Thread.currentThread());
        JobState end;
        String why;
        try {
            runner.run(job.spec(), job);
            end = job.cancelRequested() ? JobState.CANCELLED : JobState.SUCCEEDED;
            why = job.cancelRequested() ? "cancelled" : null;
        } catch (CancellationException | InterruptedException e) {
            end = job.isCancelled() ? JobState.CANCELLED : JobState.FAILED;
            why = job.isCancelled() ? "cancelled" : "interrupted: " + e.getMessage();
        } catch (Exception | Error e) {
            end = job.isCancelled() ? JobState.CANCELLED : JobState.FAILED;
            why = job.isCancelled() ? "cancelled (" + describe(e) + ")" : describe(e);
        } finally {
            Thread.interrupted(); // a cancel's interrupt must not leak into the next job
        }
        try {
            if (job.abandonReason() != null) {
                abandoned(job);
            } else {
                finishRun(job, end, why);
            }
        } finally {
            busy.decrementAndGet();
            wakeUp();
        }
    }

    /** A run stopped without an end of its own: give it back (service stopping) or let it go (lease lost). */
    private void abandoned(Job job) {
        String why = job.abandonReason();
        job.disown();
        if (halted) {
            return;
        }
        if (stopping) {
            try {
                store.release(job.id(), instanceId, job.attempt(), "service instance " + instanceId
                        + " stopped while the job ran; queued again");
            } catch (RuntimeException e) {
                // the store is away: the lease runs out and another instance (or this one restarted) resumes it
            }
        } else {
            LOG.info("job " + job.id() + " stopped here: " + why);
            refresh(job);
        }
    }

    /** Writes a run's end (retrying while the store is away), then tells watchers. */
    private void finishRun(Job job, JobState end, String why) {
        if (halted) {
            return;
        }
        job.recordEnd(end, why);
        boolean stored = false;
        while (true) {
            try {
                flushLog(job);
                stored = store.finish(job.id(), instanceId, job.attempt(), end, why, clock.millis(),
                        job.progressRecord());
                break;
            } catch (RuntimeException e) {
                if (stopping || clock.millis() - lastRenewOk > cluster.lease().toMillis()) {
                    break; // the lease runs out; whoever claims the job next runs it again
                }
                sleep(500);
            }
        }
        if (!stored) {
            LOG.info("job " + job.id() + " ended here (" + end + ") but its run no longer held it");
        }
        job.publishEnd();
        onStateChange.run();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Mirrors and logs end; running jobs are given back to the queue; every thread stops. */
    @Override
    public void close() {
        stopping = true;
        wakeUp();
        for (Job j : live.values()) {
            if (j.owned()) {
                j.abandon("service stopping");
            }
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refresher.shutdownNow();
        for (Job j : live.values()) {
            j.jobLog().close();
        }
    }

    /**
     * Stops at once, writing nothing more to the store: running jobs stay RUNNING there with
     * their leases, as a killed process leaves them (for tests of recovery).
     */
    void halt() {
        halted = true;
        stopping = true;
        wakeUp();
        for (Job j : live.values()) {
            if (j.owned()) {
                j.abandon("halted");
            }
        }
        pool.shutdownNow();
        refresher.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeLogs();
    }

    /** Closes every job log, so followers end (service shutdown). */
    void closeLogs() {
        for (Job j : live.values()) {
            j.jobLog().close();
        }
    }

    Iterable<Job> liveJobs() {
        return live.values();
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Named non-daemon threads: {@code regbench-job-1}, ... */
    static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, prefix + n.incrementAndGet());
        }
    }
}
