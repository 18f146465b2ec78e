package dev.regbench.service;

import java.util.Map;

/**
 * A snapshot of the service's counters (what {@code GET /metrics} shows), for tests, simulations
 * and reports. Immutable.
 *
 * @param jobs               jobs in the store now, by state (empty when the store did not answer)
 * @param submitted          jobs accepted since start
 * @param rejected           submissions refused because the queue was full
 * @param activeHits         {@code /jobs/active} answers served from the cache
 * @param activeMisses       {@code /jobs/active} answers computed from the jobs
 * @param failedHits         the same for {@code /jobs/failed}
 * @param failedMisses       the same for {@code /jobs/failed}
 * @param activeFallbacks    {@code /jobs/active} answers from the store because the cache did not answer in time or erred
 * @param failedFallbacks    the same for {@code /jobs/failed}
 * @param staleServed        listings served from this instance's last good answer while the store was away
 * @param webSocketsOpen     WebSockets open now
 * @param webSocketsOpened   WebSockets accepted since start
 * @param webSocketsDropped  WebSockets the server closed on a client, by reason
 *                           ({@code send_queue_full}, {@code write_deadline}, {@code heartbeat_timeout},
 *                           {@code read_limit}, {@code write_error})
 * @param messagesSent       WebSocket text messages written
 * @param progressConflated  progress events replaced by a newer one before being sent
 * @param logStreamsOpen     log streams open now
 * @param logBytesStreamed   log bytes written to clients
 * @param bytesReplicated    blob bytes reported copied by all jobs
 * @param logRetainedBytes   memory held by the jobs' logs now (segments; shared by all readers)
 */
public record ServiceStats(Map<JobState, Integer> jobs, long submitted, long rejected,
                           long activeHits, long activeMisses, long failedHits, long failedMisses,
                           long activeFallbacks, long failedFallbacks, long staleServed,
                           int webSocketsOpen, long webSocketsOpened, Map<String, Long> webSocketsDropped,
                           long messagesSent, long progressConflated, int logStreamsOpen, long logBytesStreamed,
                           long bytesReplicated, long logRetainedBytes) {

    /** WebSockets dropped for {@code reason}, 0 when none. */
    public long dropped(String reason) {
        return webSocketsDropped.getOrDefault(reason, 0L);
    }
}
