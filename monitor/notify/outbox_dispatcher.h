#pragma once
// The one owner of sending from the store's outbox. A dispatcher thread wakes on poke(), when a
// send finishes, or when the earliest pending row falls due (Store::outbox_next_attempt), takes
// Store::outbox_due(now, batch) and hands the rows to a fixed pool of `concurrency` sender
// threads (a row already in flight is never handed out twice). After each attempt the row is
// updated in the store (attempts, next_attempt_at, status, last_error, finished_at) BEFORE
// anything is reported, then on_attempt is called, and on_finished when the row is final
// (sent, or failed: a permanent refusal, or the retry budget spent, alerting/outbox/
// retry_policy.h).
//
// Delivery is at-least-once: a row that was being sent when the process died is still pending
// and is due again at restart, so a receiver may see it twice. The outbox key travels with it
// (webhook-id, email Message-ID, the PagerDuty dedup key per incident) as the idempotency key a
// receiver deduplicates on. A key written twice to the outbox is one row, sent once.
//
// stop() is bounded: it wakes every thread, lets in-flight sends end (each is cut short by its
// transport timeouts, 5 s to connect and 15 s in all by default), records their outcome and joins.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "alerting/outbox/retry_policy.h"
#include "checks/model/time.h"
#include "monitor/notify/channel_sender.h"
#include "monitor/store/store.h"

// In namespace sitewatch, like the daemon's other components (Daemon holds one).
namespace sitewatch {

struct OutboxDispatcherOptions {
    std::size_t batch = 32;       // rows taken per look at the outbox
    std::size_t concurrency = 8;  // sends at once
    // The dispatcher looks at the outbox at least this often even when nothing is due, so an
    // injected clock that jumps ahead (tests) or a row written without poke() is picked up.
    std::chrono::milliseconds max_idle_wait{5000};
    std::function<TimePoint()> clock = [] { return Clock::now(); };
};

class OutboxDispatcher {
public:
    using FinishedCallback = std::function<void(const OutboxRecord&)>;
    // Every attempt, with the row as updated after it (still "pending" when it will be retried).
    using AttemptCallback = std::function<void(const OutboxRecord&, const outbox::AttemptOutcome&)>;

    // `store` and `sender` must outlive the dispatcher. Callbacks run on sender threads, after
    // the store was updated; they must be thread-safe and must not call stop().
    OutboxDispatcher(Store& store, notify::NotificationSender& sender,
                     OutboxDispatcherOptions options = {}, FinishedCallback on_finished = {},
                     AttemptCallback on_attempt = {});
    ~OutboxDispatcher();  // stop()
    OutboxDispatcher(const OutboxDispatcher&) = delete;
    OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

    void start();
    // Something was written to the outbox: look now.
    void poke();
    // Idempotent; see above for the bound.
    void stop();

private:
    void dispatch_loop();
    void worker_loop();
    void attempt(const OutboxRecord& row);

    Store& store_;
    notify::NotificationSender& sender_;
    OutboxDispatcherOptions options_;
    FinishedCallback on_finished_;
    AttemptCallback on_attempt_;

    std::mutex mutex_;
    std::condition_variable dispatch_cv_;
    std::condition_variable work_cv_;
    bool started_ = false;
    bool stopping_ = false;
    bool changed_ = false;  // poked, or a send finished
    std::deque<OutboxRecord> queue_;
    std::set<std::string> in_flight_;  // queued or being sent
    // Keys whose attempt ended while the dispatcher was reading the outbox: what it read of
    // them may predate the update, so they wait for the next read.
    bool reading_ = false;
    std::set<std::string> settled_while_reading_;
    std::thread dispatcher_;
    std::vector<std::thread> workers_;
};

}  // namespace sitewatch
