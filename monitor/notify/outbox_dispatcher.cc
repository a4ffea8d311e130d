#include "monitor/notify/outbox_dispatcher.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "alerting/outbox/delivery.h"

namespace sitewatch {

namespace {

void log_error(const std::string& what) { std::cerr << "sitewatch: outbox: " << what << "\n"; }

}  // namespace

OutboxDispatcher::OutboxDispatcher(Store& store, notify::NotificationSender& sender,
                                   OutboxDispatcherOptions options, FinishedCallback on_finished,
                                   AttemptCallback on_attempt)
    : store_(store),
      sender_(sender),
      options_(std::move(options)),
      on_finished_(std::move(on_finished)),
      on_attempt_(std::move(on_attempt)) {
    if (!options_.clock) options_.clock = [] { return Clock::now(); };
    options_.batch = std::max<std::size_t>(options_.batch, 1);
    options_.concurrency = std::max<std::size_t>(options_.concurrency, 1);
    if (options_.max_idle_wait <= std::chrono::milliseconds(0))
        options_.max_idle_wait = std::chrono::milliseconds(1000);
}

OutboxDispatcher::~OutboxDispatcher() { stop(); }

void OutboxDispatcher::start() {
    std::lock_guard lock(mutex_);
    if (started_ || stopping_) return;
    started_ = true;
    changed_ = true;
    for (std::size_t i = 0; i < options_.concurrency; ++i)
        workers_.emplace_back([this] { worker_loop(); });
    dispatcher_ = std::thread([this] { dispatch_loop(); });
}

void OutboxDispatcher::poke() {
    {
        std::lock_guard lock(mutex_);
        changed_ = true;
    }
    dispatch_cv_.notify_one();
}

void OutboxDispatcher::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !dispatcher_.joinable() && workers_.empty()) return;
        stopping_ = true;
        queue_.clear();  // not started: still pending in the store, due at the next start
    }
    dispatch_cv_.notify_all();
    work_cv_.notify_all();
    if (dispatcher_.joinable()) dispatcher_.join();
    for (std::thread& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
}

void OutboxDispatcher::dispatch_loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        changed_ = false;
        reading_ = true;
        settled_while_reading_.clear();
        const std::size_t free_slots =
            options_.concurrency > in_flight_.size() ? options_.concurrency - in_flight_.size() : 0;
        lock.unlock();

        const TimePoint now = options_.clock();
        std::vector<OutboxRecord> due;
        std::optional<TimePoint> next;
        bool store_ok = true;
        try {
            if (free_slots > 0) due = store_.outbox_due(now, options_.batch);
            next = store_.outbox_next_attempt();
        } catch (const std::exception& e) {
            log_error(std::string("reading the outbox failed: ") + e.what());
            store_ok = false;
        }

        lock.lock();
        reading_ = false;
        if (stopping_) break;
        std::size_t handed = 0;
        bool due_left = false;  // due rows not handed out (in flight already, or no room)
        for (OutboxRecord& row : due) {
            if (in_flight_.count(row.key) != 0 || settled_while_reading_.count(row.key) != 0 ||
                in_flight_.size() >= options_.concurrency) {
                due_left = true;
                continue;
            }
            in_flight_.insert(row.key);
            queue_.push_back(std::move(row));
            ++handed;
        }
        if (handed > 0) work_cv_.notify_all();
        if (!due.empty() && due.size() == options_.batch && handed == due.size())
            continue;  // a full batch went out: there may be more due right now

        // Sleep until the earliest row falls due, something changes, or max_idle_wait. Rows in
        // flight are still pending and due, so while any is, look again every 200 ms at most
        // (a send finishing wakes us anyway).
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(options_.max_idle_wait);
        if (store_ok && next && !due_left) {
            const auto until =
                std::chrono::duration_cast<std::chrono::milliseconds>(*next - options_.clock());
            if (until > std::chrono::milliseconds(0))
                wait = std::min(wait, until + std::chrono::milliseconds(1));
            else
                wait = std::min(wait, std::chrono::milliseconds(in_flight_.empty() ? 50 : 200));
        }
        dispatch_cv_.wait_for(lock, wait, [this] { return stopping_ || changed_; });
    }
}

void OutboxDispatcher::worker_loop() {
    std::unique_lock lock(mutex_);
    while (true) {
        work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        OutboxRecord row = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        attempt(row);
        lock.lock();
        in_flight_.erase(row.key);
        if (reading_) settled_while_reading_.insert(row.key);
        changed_ = true;
        dispatch_cv_.notify_one();
    }
}

void OutboxDispatcher::attempt(const OutboxRecord& row) {
    OutboxRecord updated = row;
    std::optional<outbox::Delivery> delivery;
    {
        const nlohmann::json j = nlohmann::json::parse(row.delivery_json, nullptr, false);
        if (!j.is_discarded()) delivery = outbox::delivery_from_json(j);
    }
    const TimePoint now = options_.clock();
    outbox::AttemptOutcome outcome;
    std::optional<outbox::Target> target = outbox::parse_target(row.target);
    if (!delivery) {
        outcome.result = outbox::AttemptResult::failed;
        outcome.detail = "unreadable delivery in the outbox";
    } else {
        target = delivery->target;
        try {
            outcome = sender_.send(*delivery, now);
        } catch (const std::exception& e) {
            outcome.result = outbox::AttemptResult::retry;
            outcome.detail = std::string("sender error: ") + e.what();
        }
    }

    updated.attempts = row.attempts + 1;
    const TimePoint done = options_.clock();
    switch (outcome.result) {
        case outbox::AttemptResult::sent:
            updated.status = "sent";
            updated.last_error.clear();
            updated.finished_at = done;
            break;
        case outbox::AttemptResult::failed:
            updated.status = "failed";
            updated.last_error = outcome.detail;
            updated.finished_at = done;
            break;
        case outbox::AttemptResult::retry: {
            updated.last_error = outcome.detail;
            const auto next =
                outbox::next_attempt_at(target.value_or(outbox::Target::webhook), updated.attempts,
                                        row.created_at, done, outcome.retry_after);
            if (next) {
                updated.next_attempt_at = *next;
            } else {
                updated.status = "failed";
                updated.last_error = "gave up after " + std::to_string(updated.attempts) +
                                     (updated.attempts == 1 ? " attempt: " : " attempts: ") +
                                     outcome.detail;
                updated.finished_at = done;
            }
            break;
        }
    }

    try {
        if (!store_.update_outbox(updated)) {
            log_error("outbox row " + row.key + " vanished before its outcome was recorded");
            return;
        }
    } catch (const std::exception& e) {
        // Not recorded: the row stays as it was and is tried again (at-least-once).
        log_error("recording outbox row " + row.key + " failed: " + e.what());
        return;
    }
    if (on_attempt_) {
        try {
            on_attempt_(updated, outcome);
        } catch (const std::exception& e) {
            log_error(std::string("on_attempt: ") + e.what());
        }
    }
    if (updated.status != "pending" && on_finished_) {
        try {
            on_finished_(updated);
        } catch (const std::exception& e) {
            log_error(std::string("on_finished: ") + e.what());
        }
    }
}

}  // namespace sitewatch
