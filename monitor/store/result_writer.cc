#include "monitor/store/result_writer.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace sitewatch {

ResultWriter::ResultWriter(Store& store, ResultWriterOptions options)
    : store_(store), options_(std::move(options)) {
    options_.batch_size = std::max<std::size_t>(options_.batch_size, 1);
    options_.max_queued = std::max<std::size_t>(options_.max_queued, 1);
    thread_ = std::thread([this] { run(); });
}

ResultWriter::~ResultWriter() { stop(); }

bool ResultWriter::enqueue(CheckRecord record) {
    std::unique_lock lock(mu_);
    auto has_room = [&] { return stopping_ || queue_.size() < options_.max_queued; };
    if (!has_room()) done_cv_.wait_for(lock, options_.enqueue_wait, has_room);
    if (stopping_ || queue_.size() >= options_.max_queued) {
        ++stats_.dropped;
        return false;
    }
    queue_.push_back({std::move(record), SteadyClock::now()});
    ++accepted_;
    ++stats_.enqueued;
    // The writer sleeps without a deadline on an empty queue, and a full batch should not wait
    // for max_delay; otherwise it wakes on its own.
    if (queue_.size() == 1 || queue_.size() >= options_.batch_size) work_cv_.notify_one();
    return true;
}

void ResultWriter::flush() {
    std::unique_lock lock(mu_);
    const std::uint64_t target = accepted_;
    flush_target_ = std::max(flush_target_, target);
    work_cv_.notify_one();
    done_cv_.wait(lock, [&] { return settled_ >= target || finished_; });
}

bool ResultWriter::flush_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    const std::uint64_t target = accepted_;
    flush_target_ = std::max(flush_target_, target);
    work_cv_.notify_one();
    return done_cv_.wait_for(lock, timeout, [&] { return settled_ >= target || finished_; });
}

void ResultWriter::stop() {
    {
        std::lock_guard lock(mu_);
        if (!stopping_) {
            stopping_ = true;
            stop_deadline_ = SteadyClock::now() + options_.stop_timeout;
        }
    }
    work_cv_.notify_all();
    done_cv_.notify_all();  // blocked enqueue() calls give up now
    std::lock_guard join(join_mu_);
    if (thread_.joinable()) thread_.join();
}

ResultWriter::Stats ResultWriter::stats() const {
    std::lock_guard lock(mu_);
    Stats s = stats_;
    s.pending = queue_.size() + in_flight_;
    return s;
}

void ResultWriter::report(const std::string& message) const {
    if (!options_.on_error) return;
    try {
        options_.on_error(message);
    } catch (...) {
        // A throwing reporter must not take the writer thread (and every later result) down.
    }
}

void ResultWriter::wait_for_batch(std::unique_lock<std::mutex>& lock) {
    for (;;) {
        if (stopping_ || queue_.size() >= options_.batch_size) return;
        if (queue_.empty()) {
            work_cv_.wait(lock);
            continue;
        }
        if (flush_target_ > settled_) return;
        auto due = queue_.front().enqueued_at + options_.max_delay;
        if (SteadyClock::now() >= due) return;
        work_cv_.wait_until(lock, due);
    }
}

void ResultWriter::run() {
    std::vector<CheckRecord> batch;
    std::unique_lock lock(mu_);
    for (;;) {
        wait_for_batch(lock);
        if (queue_.empty()) {
            if (stopping_) break;
            continue;
        }
        batch.clear();
        const std::size_t n = std::min(queue_.size(), options_.batch_size);
        for (std::size_t i = 0; i < n; ++i) {
            batch.push_back(std::move(queue_.front().record));
            queue_.pop_front();
        }
        in_flight_ = n;
        done_cv_.notify_all();  // room in the queue again
        lock.unlock();

        const bool committed = write_with_retry(batch);

        lock.lock();
        in_flight_ = 0;
        settled_ += n;
        if (committed) {
            stats_.written += n;
        } else {
            // Stopping and the store is still failing: give up on everything left, loudly.
            const std::size_t lost = n + queue_.size();
            settled_ += queue_.size();
            stats_.lost += lost;
            queue_.clear();
            lock.unlock();
            report(std::to_string(lost) + " check results lost: the store was still failing " +
                   "when the writer stopped");
            lock.lock();
            break;
        }
        done_cv_.notify_all();
    }
    finished_ = true;
    done_cv_.notify_all();
}

bool ResultWriter::write_with_retry(const std::vector<CheckRecord>& batch) {
    auto backoff = options_.retry_initial;
    for (int attempt = 1;; ++attempt) {
        std::string error;
        try {
            store_.append_results(batch);
            return true;
        } catch (const std::exception& e) {
            error = e.what();
        } catch (...) {
            error = "unknown exception";
        }

        std::unique_lock lock(mu_);
        ++stats_.write_failures;
        const bool give_up = stopping_ && SteadyClock::now() >= stop_deadline_;
        lock.unlock();
        report("writing " + std::to_string(batch.size()) + " check results failed (attempt " +
               std::to_string(attempt) + (give_up ? ", giving up" : ", will retry") +
               "): " + error);
        if (give_up) return false;

        lock.lock();
        const bool was_stopping = stopping_;
        auto wake = SteadyClock::now() + backoff;
        if (stopping_) wake = std::min(wake, stop_deadline_);
        // A stop() during a long backoff retries at once rather than eating the stop budget.
        work_cv_.wait_until(lock, wake, [&] { return stopping_ && !was_stopping; });
        lock.unlock();
        backoff = std::min(backoff * 2, options_.retry_max);
    }
}

}  // namespace sitewatch
