#pragma once
// Batches check results into store transactions on a background thread, so the threads that
// produce results never wait on disk.
//
// Batching: a record is committed at most `max_delay` after it was enqueued, in transactions of
// at most `batch_size` records; flush() commits at once.
//
// Failures: a failed write is retried with backoff (the same batch, in order) and each failed
// attempt is counted and reported through `on_error`. While running, nothing accepted is ever
// dropped. stop() keeps retrying for `stop_timeout`; what still cannot be written then is
// counted as `lost` and reported.
//
// Full queue: only reached when the store keeps failing or stalls. enqueue() then blocks for up
// to `enqueue_wait` (bounded, so a probe or analysis thread is never stuck behind the disk),
// and if there is still no room it refuses the record: returns false and counts it in
// `dropped`. Memory stays bounded at `max_queued` records.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "monitor/store/store.h"

namespace sitewatch {

struct ResultWriterOptions {
    std::chrono::milliseconds max_delay{250};
    std::size_t batch_size = 1000;
    // About ten minutes of results for 10,000 sites checked every 60 s.
    std::size_t max_queued = 100'000;
    std::chrono::milliseconds enqueue_wait{50};
    std::chrono::milliseconds retry_initial{100};  // doubles after each failed attempt
    std::chrono::milliseconds retry_max{5000};
    // Keeps stop() inside the 5 s graceful-stop budget when the store is failing.
    std::chrono::milliseconds stop_timeout{3000};
    // Called on the writer thread, without locks held, for every failed write attempt and for
    // results given up at stop. It must not call flush() or stop().
    std::function<void(const std::string& message)> on_error;
};

class ResultWriter {
public:
    struct Stats {
        std::uint64_t enqueued = 0;        // accepted by enqueue()
        std::uint64_t written = 0;         // committed to the store
        std::uint64_t dropped = 0;         // refused by enqueue(): queue full, or stopped
        std::uint64_t lost = 0;            // accepted but the store still failed at stop()
        std::uint64_t write_failures = 0;  // failed write attempts (each one retried)
        std::size_t pending = 0;           // accepted and not yet committed
    };

    explicit ResultWriter(Store& store, ResultWriterOptions options = {});
    // stop(): everything accepted is committed before the writer goes away.
    ~ResultWriter();
    ResultWriter(const ResultWriter&) = delete;
    ResultWriter& operator=(const ResultWriter&) = delete;

    // Thread-safe. False when the record was refused (see "Full queue" above).
    bool enqueue(CheckRecord record);

    // Blocks until every record accepted before the call is committed, or the writer has
    // stopped. While the store is failing this waits for it to recover.
    void flush();
    // As flush(), giving up after `timeout`; true when everything was committed (or settled by
    // stop()).
    bool flush_for(std::chrono::milliseconds timeout);

    // Commits what is queued (retrying up to stop_timeout), then ends the thread. Later
    // enqueue() calls are refused. Idempotent.
    void stop();

    Stats stats() const;

private:
    using SteadyClock = std::chrono::steady_clock;
    struct Pending {
        CheckRecord record;
        SteadyClock::time_point enqueued_at;
    };

    void run();
    void wait_for_batch(std::unique_lock<std::mutex>& lock);
    // True once committed; false when given up because stop_timeout passed.
    bool write_with_retry(const std::vector<CheckRecord>& batch);
    void report(const std::string& message) const;

    Store& store_;
    ResultWriterOptions options_;

    mutable std::mutex mu_;
    std::condition_variable work_cv_;  // the writer waits here for records, flush or stop
    std::condition_variable done_cv_;  // flush() and a blocked enqueue() wait here for progress
    std::deque<Pending> queue_;
    std::size_t in_flight_ = 0;
    std::uint64_t accepted_ = 0;      // records accepted so far; also the last one's sequence
    std::uint64_t settled_ = 0;       // records committed or lost, in acceptance order
    std::uint64_t flush_target_ = 0;  // commit at once until settled_ reaches this
    bool stopping_ = false;
    bool finished_ = false;  // the writer thread has exited
    SteadyClock::time_point stop_deadline_{};
    Stats stats_;

    std::mutex join_mu_;  // two threads calling stop() must not both join
    std::thread thread_;
};

}  // namespace sitewatch
