#include "monitor/store/result_writer.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "monitor/store/sqlite_store.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using sitewatch::testing::TempDir;

namespace {

constexpr std::int64_t kBaseMs = 1'767'225'600'000;

CheckRecord record(std::string site, std::int64_t n) {
    CheckRecord r;
    r.client = "acme";
    r.site = std::move(site);
    r.checked_at = TimePoint(Millis(kBaseMs + n));
    r.success = true;
    r.http_status = 200;
    r.response_time_ms = 42;
    return r;
}

// Records every batch it is given; can fail a number of calls, or hold the first call until
// released, to stand in for a failing or stalled disk.
class FakeStore final : public Store {
public:
    int fail_calls = 0;        // this many calls throw before any succeeds
    bool always_fail = false;  // every call throws
    bool hold_first = false;   // the first call waits for release()

    void append_results(const std::vector<CheckRecord>& records) override {
        std::unique_lock lock(mu_);
        ++calls_;
        if (hold_first && calls_ == 1) {
            entered_ = true;
            cv_.notify_all();
            cv_.wait(lock, [&] { return released_; });
        }
        if (always_fail || fail_calls > 0) {
            --fail_calls;
            throw std::runtime_error("disk I/O error");
        }
        batches_.push_back(records);
    }
    std::vector<CheckRecord> recent_results(std::string_view, std::size_t) override { return {}; }
    std::size_t prune_results_before(TimePoint) override { return 0; }
    std::vector<HourlyRollup> hourly_rollups(std::string_view, TimePoint, TimePoint) override {
        return {};
    }
    std::size_t prune_rollups_before(TimePoint) override { return 0; }
    void put_site_states(const std::map<std::string, std::string>&) override {}
    std::map<std::string, std::string> load_site_states() override { return {}; }
    void put_baselines(const std::map<std::string, std::string>&) override {}
    std::map<std::string, std::string> load_baselines() override { return {}; }
    void delete_baseline(std::string_view) override {}
    // The writer never touches alerting: inert overrides.
    std::vector<CheckRecord> results_between(std::string_view, TimePoint, TimePoint) override {
        return {};
    }
    void write_alerting(const AlertingWrite&) override {}
    AlertingState load_alerting() override { return {}; }
    std::optional<IncidentRecord> find_incident(std::uint64_t) override { return std::nullopt; }
    std::vector<OutboxRecord> outbox_due(TimePoint, std::size_t) override { return {}; }
    std::optional<TimePoint> outbox_next_attempt() override { return std::nullopt; }
    bool update_outbox(const OutboxRecord&) override { return false; }
    std::optional<OutboxRecord> find_outbox(std::string_view) override { return std::nullopt; }
    std::vector<OutboxRecord> outbox_for_incident(std::uint64_t) override { return {}; }

    void wait_until_entered() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return entered_; });
    }
    void release() {
        std::lock_guard lock(mu_);
        released_ = true;
        cv_.notify_all();
    }
    std::vector<std::vector<CheckRecord>> batches() const {
        std::lock_guard lock(mu_);
        return batches_;
    }
    std::vector<CheckRecord> committed() const {
        std::vector<CheckRecord> all;
        for (const auto& b : batches()) all.insert(all.end(), b.begin(), b.end());
        return all;
    }

private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    int calls_ = 0;
    bool entered_ = false;
    bool released_ = false;
    std::vector<std::vector<CheckRecord>> batches_;
};

// Collects on_error messages from the writer thread.
struct ErrorLog {
    std::mutex mu;
    std::vector<std::string> messages;
    std::function<void(const std::string&)> sink() {
        return [this](const std::string& m) {
            std::lock_guard lock(mu);
            messages.push_back(m);
        };
    }
    std::vector<std::string> all() {
        std::lock_guard lock(mu);
        return messages;
    }
};

ResultWriterOptions never_on_its_own() {
    ResultWriterOptions o;
    o.max_delay = 1h;  // only flush(), a full batch or stop() commits
    return o;
}

}  // namespace

TEST_CASE("results enqueued from several threads are all committed once flushed", "[writer]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    ResultWriterOptions options;
    options.batch_size = 300;
    ResultWriter writer(store, options);

    constexpr int kThreads = 4;
    constexpr int kPerThread = 2500;
    std::atomic<int> refused{0};  // Catch2 assertions are not thread-safe: count, check later
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&writer, &refused, t] {
            for (int i = 0; i < kPerThread; ++i) {
                if (!writer.enqueue(record("site-" + std::to_string(t), i))) ++refused;
            }
        });
    }
    for (auto& th : threads) th.join();
    writer.flush();

    CHECK(refused == 0);

    for (int t = 0; t < kThreads; ++t) {
        CHECK(store.recent_results("site-" + std::to_string(t), 10'000).size() == kPerThread);
    }
    auto stats = writer.stats();
    CHECK(stats.enqueued == kThreads * kPerThread);
    CHECK(stats.written == kThreads * kPerThread);
    CHECK(stats.dropped == 0);
    CHECK(stats.pending == 0);
}

TEST_CASE("flush returns only once everything enqueued before it can be read back", "[writer]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    ResultWriter writer(store, never_on_its_own());
    for (int i = 0; i < 10; ++i) writer.enqueue(record("a", i));
    writer.flush();
    CHECK(store.recent_results("a", 100).size() == 10);
    writer.flush();  // nothing new: returns at once
    CHECK(writer.stats().written == 10);
}

TEST_CASE("a record is committed after max_delay without any flush", "[writer]") {
    FakeStore store;
    ResultWriterOptions options;
    options.max_delay = 20ms;
    ResultWriter writer(store, options);
    writer.enqueue(record("a", 0));

    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (writer.stats().written == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    CHECK(writer.stats().written == 1);
    CHECK(store.committed().size() == 1);
}

TEST_CASE("each transaction holds at most batch_size records, in enqueue order", "[writer]") {
    FakeStore store;
    ResultWriterOptions options = never_on_its_own();
    options.batch_size = 100;
    ResultWriter writer(store, options);
    for (int i = 0; i < 1050; ++i) writer.enqueue(record("a", i));
    writer.flush();

    auto batches = store.batches();
    REQUIRE(batches.size() >= 11);
    for (const auto& b : batches) CHECK(b.size() <= 100);
    auto all = store.committed();
    REQUIRE(all.size() == 1050);
    for (std::size_t i = 0; i < all.size(); ++i) {
        REQUIRE(all[i].checked_at == TimePoint(Millis(kBaseMs + static_cast<std::int64_t>(i))));
    }
}

TEST_CASE("a failing write is retried and reported, and nothing is dropped", "[writer]") {
    FakeStore store;
    store.fail_calls = 3;
    ErrorLog errors;
    ResultWriterOptions options = never_on_its_own();
    options.retry_initial = 1ms;
    options.on_error = errors.sink();
    ResultWriter writer(store, options);
    for (int i = 0; i < 5; ++i) writer.enqueue(record("a", i));
    writer.flush();

    CHECK(store.committed().size() == 5);
    auto stats = writer.stats();
    CHECK(stats.written == 5);
    CHECK(stats.write_failures == 3);
    CHECK(stats.lost == 0);
    auto messages = errors.all();
    REQUIRE(messages.size() == 3);
    CHECK_THAT(messages[0], Contains("disk I/O error") && Contains("attempt 1"));
}

TEST_CASE("stopping the writer commits everything still queued", "[writer]") {
    TempDir dir;
    const std::string path = (dir.path() / "s.db").string();
    {
        SqliteStore store(path);
        ResultWriter writer(store, never_on_its_own());
        for (int i = 0; i < 500; ++i) writer.enqueue(record("a", i));
    }  // the writer goes first: its destructor stops and commits
    SqliteStore reopened(path);
    CHECK(reopened.recent_results("a", 1000).size() == 500);
}

TEST_CASE("a full queue blocks briefly, then refuses the record and counts it", "[writer]") {
    FakeStore store;
    store.hold_first = true;
    ResultWriterOptions options;
    options.max_delay = 0ms;
    options.max_queued = 5;
    options.enqueue_wait = 30ms;
    ResultWriter writer(store, options);

    REQUIRE(writer.enqueue(record("a", 0)));
    store.wait_until_entered();  // the writer is stuck on the disk with record 0
    for (int i = 1; i <= 5; ++i) REQUIRE(writer.enqueue(record("a", i)));

    auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(writer.enqueue(record("a", 6)));
    CHECK(std::chrono::steady_clock::now() - start >= 20ms);
    CHECK(writer.stats().dropped == 1);
    CHECK(writer.stats().pending == 6);

    store.release();
    writer.flush();
    CHECK(store.committed().size() == 6);
    CHECK(writer.stats().written == 6);
}

TEST_CASE("flush_for gives up while the store is stalled and succeeds once it recovers",
          "[writer]") {
    FakeStore store;
    store.hold_first = true;
    ResultWriter writer(store, never_on_its_own());
    writer.enqueue(record("a", 0));
    CHECK_FALSE(writer.flush_for(50ms));
    store.release();
    CHECK(writer.flush_for(10s));
    CHECK(store.committed().size() == 1);
}

TEST_CASE("stop gives up after stop_timeout when the store keeps failing, and reports the loss",
          "[writer]") {
    FakeStore store;
    store.always_fail = true;
    ErrorLog errors;
    ResultWriterOptions options = never_on_its_own();
    options.retry_initial = 5ms;
    options.stop_timeout = 100ms;
    options.on_error = errors.sink();
    ResultWriter writer(store, options);
    for (int i = 0; i < 3; ++i) writer.enqueue(record("a", i));

    auto start = std::chrono::steady_clock::now();
    writer.stop();
    CHECK(std::chrono::steady_clock::now() - start < 5s);

    auto stats = writer.stats();
    CHECK(stats.written == 0);
    CHECK(stats.lost == 3);
    CHECK(stats.pending == 0);
    CHECK(stats.write_failures >= 1);
    REQUIRE_FALSE(errors.all().empty());
    CHECK_THAT(errors.all().back(), Contains("3 check results lost"));

    CHECK_FALSE(writer.enqueue(record("a", 3)));  // refused after stop, and counted
    CHECK(writer.stats().dropped == 1);
    writer.flush();  // returns at once: the writer has stopped
}
