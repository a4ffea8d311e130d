// The outbox dispatcher with a real SQLite store and loopback receivers. Time runs 60 times
// faster on the dispatcher's clock, so retry delays of seconds pass in tens of milliseconds.
#include "monitor/notify/outbox_dispatcher.h"

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "alerting/outbox/delivery.h"
#include "monitor/notify/channel_sender.h"
#include "monitor/store/store.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch;
using namespace sitewatch::notify;
using namespace sitewatch::testing;
using namespace std::chrono_literals;
using outbox::Target;

namespace {

constexpr const char* kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

// 60 seconds of dispatcher time per real second, starting now.
struct FastClock {
    TimePoint start = Clock::now();
    std::chrono::steady_clock::time_point real_start = std::chrono::steady_clock::now();
    TimePoint operator()() const {
        const auto real = std::chrono::steady_clock::now() - real_start;
        return start + std::chrono::duration_cast<Clock::duration>(real * 60);
    }
};

OutboxRecord record(const std::string& key, Target target, TimePoint now) {
    outbox::Delivery d;
    d.key = key;
    d.target = target;
    d.recipient = "Alice";
    d.message.incident_id = 7;
    d.message.client = "Acme Ltd";
    d.message.site = "acme-home";
    d.message.url = "https://www.acme.example/";
    d.message.condition = "down";
    d.message.severity = "critical";
    d.message.event = "opened";
    d.message.summary = "connection refused";
    d.message.at = now;
    d.message.step_id = key;
    OutboxRecord r;
    r.key = key;
    r.incident_id = 7;
    r.target = outbox::to_string(target);
    r.delivery_json = outbox::to_json(d).dump();
    r.created_at = now;
    r.next_attempt_at = now;
    return r;
}

void enqueue(Store& store, const std::vector<OutboxRecord>& rows) {
    AlertingWrite w;
    w.outbox = rows;
    store.write_alerting(w);
}

config::NotifiersConfig webhook_config(const TempDir& dir, const TestHttpServer& server) {
    config::NotifiersConfig c;
    c.webhook = config::WebhookConfig{server.url("/hook"), dir.write("hook-secret", kSecret)};
    return c;
}

ChannelSenderOptions short_timeouts() {
    ChannelSenderOptions o;
    o.http.connect_timeout = 1000ms;
    o.http.total_timeout = 1000ms;
    return o;
}

// The outcomes on_finished reported, thread-safe.
struct Finished {
    std::mutex mutex;
    std::vector<OutboxRecord> rows;
    OutboxDispatcher::FinishedCallback callback() {
        return [this](const OutboxRecord& r) {
            std::lock_guard lock(mutex);
            rows.push_back(r);
        };
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return rows.size();
    }
};

bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = 10000ms) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return condition();
}

OutboxDispatcherOptions fast_options(const FastClock& clock) {
    OutboxDispatcherOptions o;
    o.clock = clock;
    o.max_idle_wait = 50ms;
    return o;
}

}  // namespace

TEST_CASE("a delivery written to the outbox is sent once and marked sent", "[notify]") {
    TempDir dir;
    TestHttpServer server;
    std::atomic<int> hits{0};
    std::string webhook_id;
    std::mutex mutex;
    server.handle("/hook", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex);
        ++hits;
        webhook_id = req.get_header_value("webhook-id");
        res.status = 204;
    });
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(webhook_config(dir, server), short_timeouts());
    FastClock clock;
    Finished finished;
    std::atomic<int> attempts{0};
    OutboxDispatcher dispatcher(
        *store, sender, fast_options(clock), finished.callback(),
        [&](const OutboxRecord&, const outbox::AttemptOutcome&) { ++attempts; });
    dispatcher.start();
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    dispatcher.poke();

    REQUIRE(eventually([&] { return finished.size() == 1; }));
    std::this_thread::sleep_for(200ms);  // nothing more goes out
    dispatcher.stop();
    CHECK(hits == 1);
    CHECK(attempts == 1);
    {
        std::lock_guard lock(mutex);
        CHECK(webhook_id == "7:opened:webhook");
    }
    CHECK(finished.rows[0].status == "sent");
    const auto row = store->find_outbox("7:opened:webhook");
    REQUIRE(row);
    CHECK(row->status == "sent");
    CHECK(row->attempts == 1);
    CHECK(row->finished_at.has_value());
    CHECK(row->last_error.empty());
    CHECK_FALSE(store->outbox_next_attempt().has_value());
}

TEST_CASE("a 429 with Retry-After is tried again after the wait and then sent", "[notify]") {
    TempDir dir;
    TestHttpServer server;
    FastClock clock;
    std::mutex mutex;
    std::vector<TimePoint> seen_at;
    server.handle("/hook", [&](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(mutex);
        seen_at.push_back(clock());
        if (seen_at.size() == 1) {
            res.status = 429;
            res.set_header("Retry-After", "30");
        } else {
            res.status = 200;
        }
    });
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(webhook_config(dir, server), short_timeouts());
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    dispatcher.start();
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    dispatcher.poke();

    REQUIRE(eventually([&] { return finished.size() == 1; }));
    dispatcher.stop();
    CHECK(finished.rows[0].status == "sent");
    CHECK(finished.rows[0].attempts == 2);
    std::lock_guard lock(mutex);
    REQUIRE(seen_at.size() == 2);
    CHECK(seen_at[1] - seen_at[0] >= 30s);
    CHECK(seen_at[1] - seen_at[0] < 120s);
}

TEST_CASE("a 400 answer marks the delivery failed with the reason", "[notify]") {
    TempDir dir;
    TestHttpServer server;
    std::atomic<int> hits{0};
    server.handle("/hook", [&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.status = 400;
        res.set_content("unknown event type", "text/plain");
    });
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(webhook_config(dir, server), short_timeouts());
    FastClock clock;
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    dispatcher.start();
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    dispatcher.poke();
    REQUIRE(eventually([&] { return finished.size() == 1; }));
    std::this_thread::sleep_for(200ms);
    dispatcher.stop();
    CHECK(hits == 1);
    const auto row = store->find_outbox("7:opened:webhook");
    REQUIRE(row);
    CHECK(row->status == "failed");
    CHECK(row->last_error == "HTTP 400: unknown event type");
    CHECK(finished.rows[0].last_error == row->last_error);
}

TEST_CASE("a notifier that is not configured fails its delivery instead of blocking the outbox",
          "[notify]") {
    TempDir dir;
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(config::NotifiersConfig{}, short_timeouts());
    FastClock clock;
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    dispatcher.start();
    OutboxRecord unreadable = record("7:opened:asana", Target::asana, clock());
    unreadable.delivery_json = "{not json";
    enqueue(*store, {record("7:opened:slack", Target::slack, clock()), unreadable});
    dispatcher.poke();
    REQUIRE(eventually([&] { return finished.size() == 2; }));
    dispatcher.stop();
    CHECK(store->find_outbox("7:opened:slack")->last_error == "slack is not configured");
    CHECK(store->find_outbox("7:opened:asana")->status == "failed");
    CHECK(store->find_outbox("7:opened:asana")->last_error == "unreadable delivery in the outbox");
}

TEST_CASE("a pending delivery left by a previous process is sent after restart, exactly once",
          "[notify]") {
    TempDir dir;
    TestHttpServer server;
    std::atomic<int> hits{0};
    server.handle("/hook", [&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.status = 200;
    });
    const std::string path = (dir.path() / "db.sqlite").string();
    FastClock clock;
    {
        // The first process wrote the row and died before sending it.
        auto store = open_sqlite_store(path);
        enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    }
    auto store = open_sqlite_store(path);
    ChannelSender sender(webhook_config(dir, server), short_timeouts());
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    dispatcher.start();  // no poke: the start looks at the outbox
    REQUIRE(eventually([&] { return finished.size() == 1; }));
    std::this_thread::sleep_for(300ms);
    dispatcher.stop();
    CHECK(hits == 1);
    CHECK(store->find_outbox("7:opened:webhook")->status == "sent");
}

TEST_CASE("a key written to the outbox twice is sent once", "[notify]") {
    TempDir dir;
    TestHttpServer server;
    std::atomic<int> hits{0};
    server.handle("/hook", [&](const httplib::Request&, httplib::Response& res) {
        ++hits;
        res.status = 200;
    });
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(webhook_config(dir, server), short_timeouts());
    FastClock clock;
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    dispatcher.start();
    REQUIRE(eventually([&] { return finished.size() == 1; }));
    // The same step handed out again after it was sent changes nothing either.
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    dispatcher.poke();
    std::this_thread::sleep_for(300ms);
    dispatcher.stop();
    CHECK(hits == 1);
    CHECK(finished.size() == 1);
}

TEST_CASE("stop returns promptly while a receiver is slow, and the attempt is recorded",
          "[notify]") {
    TempDir dir;
    TestHttpServer server;
    // A configured delay, which the stub's destructor cuts short.
    server.route("/hook", Route::html("").with_delay(3000ms));
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(webhook_config(dir, server), short_timeouts());  // 1 s in all
    FastClock clock;
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    dispatcher.start();
    enqueue(*store, {record("7:opened:webhook", Target::webhook, clock())});
    dispatcher.poke();
    REQUIRE(eventually([&] { return server.requests() >= 1; }));
    const auto before = std::chrono::steady_clock::now();
    dispatcher.stop();
    const auto took = std::chrono::steady_clock::now() - before;
    CHECK(took < 2500ms);
    const auto row = store->find_outbox("7:opened:webhook");
    REQUIRE(row);
    CHECK(row->status == "pending");  // timed out: due again at the next start
    CHECK(row->attempts == 1);
    CHECK_FALSE(row->last_error.empty());
}

TEST_CASE("many deliveries are sent with bounded concurrency", "[notify]") {
    TempDir dir;
    TestHttpServer server;
    std::atomic<int> active{0}, peak{0}, hits{0};
    server.handle("/hook", [&](const httplib::Request&, httplib::Response& res) {
        const int now = ++active;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(100ms);
        --active;
        ++hits;
        res.status = 200;
    });
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(webhook_config(dir, server), short_timeouts());
    FastClock clock;
    Finished finished;
    OutboxDispatcherOptions options = fast_options(clock);
    options.concurrency = 4;
    OutboxDispatcher dispatcher(*store, sender, options, finished.callback());
    std::vector<OutboxRecord> rows;
    for (int i = 0; i < 12; ++i)
        rows.push_back(record("7:opened:webhook:" + std::to_string(i), Target::webhook, clock()));
    enqueue(*store, rows);
    dispatcher.start();
    REQUIRE(eventually([&] { return finished.size() == 12; }));
    dispatcher.stop();
    CHECK(hits == 12);
    CHECK(peak <= 4);
    CHECK(peak >= 2);
}

TEST_CASE("an SMS that keeps failing gives up within a minute, so the escalation can move on",
          "[notify]") {
    TempDir dir;
    TestHttpServer server;
    std::atomic<int> hits{0};
    server.handle("/2010-04-01/Accounts/AC1/Messages.json",
                  [&](const httplib::Request&, httplib::Response& res) {
                      ++hits;
                      res.status = 503;
                  });
    config::NotifiersConfig c;
    c.twilio = config::TwilioConfig{"AC1", dir.write("tw", "token"), "+15550001", server.url("")};
    auto store = open_sqlite_store((dir.path() / "db.sqlite").string());
    ChannelSender sender(c, short_timeouts());
    FastClock clock;
    Finished finished;
    OutboxDispatcher dispatcher(*store, sender, fast_options(clock), finished.callback());
    dispatcher.start();
    OutboxRecord sms = record("7:0:1:Alice:sms", Target::sms, clock());
    {
        auto d = outbox::delivery_from_json(nlohmann::json::parse(sms.delivery_json));
        d->address = "+15550100";
        sms.delivery_json = outbox::to_json(*d).dump();
    }
    enqueue(*store, {sms});
    dispatcher.poke();
    REQUIRE(eventually([&] { return finished.size() == 1; }));
    dispatcher.stop();
    CHECK(hits == 5);
    const OutboxRecord& row = finished.rows[0];
    CHECK(row.status == "failed");
    CHECK(row.attempts == 5);
    CHECK(row.last_error == "gave up after 5 attempts: HTTP 503");
    REQUIRE(row.finished_at);
    CHECK(*row.finished_at - row.created_at <= 60s);
}
