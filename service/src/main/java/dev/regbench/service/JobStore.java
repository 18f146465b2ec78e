package dev.regbench.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jobs the service knows, in memory: every queued and running job plus the newest
 * {@code retained} finished ones (older finished jobs are forgotten first). The listings are
 * computed here by walking the jobs; {@link ListingCache} decides how often that happens.
 * Thread-safe (concurrent map and queue).
 */
final class JobStore {

    private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Job> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger finishedCount = new AtomicInteger();
    private final int retained;

    JobStore(int retained) {
        this.retained = retained;
    }

    void add(Job job) {
        jobs.put(job.id(), job);
    }

    void remove(Job job) {
        jobs.remove(job.id(), job);
    }

    Optional<Job> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    /** Called once per job when it reaches a terminal state; forgets the oldest finished jobs. */
    void finished(Job job) {
        finished.add(job);
        if (finishedCount.incrementAndGet() > retained) {
            Job oldest = finished.poll();
            if (oldest != null) {
                finishedCount.decrementAndGet();
                jobs.remove(oldest.id(), oldest);
            }
        }
    }

    /** Queued and running jobs, oldest first. */
    List<JobView> active() {
        List<Job> list = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.state().isActive()) {
                list.add(j);
            }
        }
        list.sort(Comparator.comparing(Job::createdAt).thenComparing(Job::id));
        return views(list);
    }

    /** The newest {@code limit} failed jobs, newest first. */
    List<JobView> failed(int limit) {
        List<Job> list = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.state() == JobState.FAILED) {
                list.add(j);
            }
        }
        list.sort(Comparator.comparing(Job::finishedAt).reversed().thenComparing(Job::id));
        return views(list.subList(0, Math.min(limit, list.size())));
    }

    Map<JobState, Integer> countByState() {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            counts.put(s, 0);
        }
        for (Job j : jobs.values()) {
            counts.merge(j.state(), 1, Integer::sum);
        }
        return counts;
    }

    long logRetainedBytes() {
        long total = 0;
        for (Job j : jobs.values()) {
            total += j.jobLog().retainedBytes();
        }
        return total;
    }

    List<Job> all() {
        return new ArrayList<>(jobs.values());
    }

    private static List<JobView> views(List<Job> list) {
        List<JobView> views = new ArrayList<>(list.size());
        for (Job j : list) {
            views.add(j.view());
        }
        return views;
    }
}
