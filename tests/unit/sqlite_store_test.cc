#include "monitor/store/sqlite_store.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "monitor/store/detail/sqlite_schema.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using Catch::Matchers::Contains;
using sitewatch::testing::TempDir;

namespace {

constexpr std::int64_t kHourMs = 3'600'000;
// 2026-01-01T00:00:00Z, an hour boundary.
constexpr std::int64_t kBaseMs = 1'767'225'600'000;

TimePoint at_ms(std::int64_t ms) { return TimePoint(Millis(ms)); }

CheckRecord healthy(std::string site, std::int64_t ms, double response_time_ms = 120.5) {
    CheckRecord r;
    r.client = "acme";
    r.site = std::move(site);
    r.checked_at = at_ms(ms);
    r.success = true;
    r.http_status = 200;
    r.response_time_ms = response_time_ms;
    return r;
}

CheckRecord failing(std::string site, std::int64_t ms, double response_time_ms = 10'000) {
    CheckRecord r = healthy(std::move(site), ms, response_time_ms);
    r.success = false;
    r.http_status = 503;
    r.condition = "error";
    r.severity = "critical";
    r.summary = "HTTP 503 Service Unavailable";
    r.findings_json =
        R"([{"condition":"error","severity":"critical","check":"http","summary":"HTTP 503"}])";
    return r;
}

// A second connection, as an operator's sqlite3 shell would see the file.
struct RawDb {
    sqlite3* db = nullptr;
    explicit RawDb(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            throw std::runtime_error("open " + path);
        }
    }
    ~RawDb() { sqlite3_close_v2(db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    std::string text(const std::string& sql) const {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db));
        }
        std::string out;
        if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        }
        sqlite3_finalize(stmt);
        return out;
    }
    std::int64_t integer(const std::string& sql) const { return std::stoll(text(sql)); }
    void exec(const std::string& sql) const {
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db));
        }
    }
};

}  // namespace

TEST_CASE("results written before a restart are read back after it, every field intact",
          "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "sitewatch.db").string();

    CheckRecord bad = failing("acme-home", kBaseMs + 60'000, 1234.567);
    bad.confirm = true;
    bad.tls_expires_at = at_ms(kBaseMs + 90LL * 24 * kHourMs);
    CheckRecord good = healthy("acme-home", kBaseMs, 87.25);
    good.tls_expires_at = at_ms(kBaseMs + 90LL * 24 * kHourMs);
    {
        SqliteStore store(path);
        store.append_results({good, bad});
    }
    SqliteStore store(path);
    auto got = store.recent_results("acme-home", 10);
    REQUIRE(got.size() == 2);

    const CheckRecord& b = got[0];
    CHECK(b.client == "acme");
    CHECK(b.site == "acme-home");
    CHECK(b.checked_at == bad.checked_at);
    CHECK_FALSE(b.success);
    CHECK(b.confirm);
    CHECK(b.http_status == 503);
    CHECK(b.response_time_ms == Approx(1234.567).margin(0.0005));
    REQUIRE(b.tls_expires_at.has_value());
    CHECK(*b.tls_expires_at == *bad.tls_expires_at);
    CHECK(b.condition == "error");
    CHECK(b.severity == "critical");
    CHECK(b.summary == bad.summary);
    CHECK(b.findings_json == bad.findings_json);

    const CheckRecord& g = got[1];
    CHECK(g.checked_at == good.checked_at);
    CHECK(g.success);
    CHECK_FALSE(g.confirm);
    CHECK(g.http_status == 200);
    CHECK(g.response_time_ms == Approx(87.25));
    CHECK(g.condition.empty());
    CHECK(g.severity.empty());
    CHECK(g.summary.empty());
    CHECK(g.findings_json == "[]");
}

TEST_CASE("a result without a certificate reads back without an expiry", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    CheckRecord plain = healthy("plain-http", kBaseMs);
    plain.http_status = 0;
    store.append_results({plain});
    auto got = store.recent_results("plain-http", 1);
    REQUIRE(got.size() == 1);
    CHECK_FALSE(got[0].tls_expires_at.has_value());
    CHECK(got[0].http_status == 0);
}

TEST_CASE("recent results come newest first, honour the limit and belong to the asked site",
          "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    std::vector<CheckRecord> batch;
    // Written out of order, interleaved with another site.
    for (int i : {3, 0, 4, 1, 2}) {
        batch.push_back(healthy("a", kBaseMs + i * 60'000));
        batch.push_back(healthy("b", kBaseMs + i * 60'000 + 1));
    }
    store.append_results(batch);

    auto got = store.recent_results("a", 3);
    REQUIRE(got.size() == 3);
    CHECK(got[0].checked_at == at_ms(kBaseMs + 4 * 60'000));
    CHECK(got[1].checked_at == at_ms(kBaseMs + 3 * 60'000));
    CHECK(got[2].checked_at == at_ms(kBaseMs + 2 * 60'000));
    for (const auto& r : got) CHECK(r.site == "a");

    CHECK(store.recent_results("a", 100).size() == 5);
    CHECK(store.recent_results("a", 0).empty());
    CHECK(store.recent_results("never-checked", 10).empty());
}

TEST_CASE("a site name that moved to another client reads back from both", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    CheckRecord before = healthy("shop", kBaseMs);
    before.client = "old-agency";
    CheckRecord after = healthy("shop", kBaseMs + 60'000);
    after.client = "new-agency";
    store.append_results({before, after});

    auto got = store.recent_results("shop", 10);
    REQUIRE(got.size() == 2);
    CHECK(got[0].client == "new-agency");
    CHECK(got[1].client == "old-agency");
    CHECK(store.recent_results("shop", 1).size() == 1);
    CHECK(store.hourly_rollups("shop", at_ms(kBaseMs), at_ms(kBaseMs + kHourMs))[0].checks == 2);
}

TEST_CASE("writing the same check twice stores it once and counts it once", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    std::vector<CheckRecord> batch{healthy("a", kBaseMs), failing("a", kBaseMs + 60'000)};
    store.append_results(batch);
    store.append_results(batch);  // e.g. a retried batch

    CHECK(store.recent_results("a", 10).size() == 2);
    auto hours = store.hourly_rollups("a", at_ms(kBaseMs), at_ms(kBaseMs + kHourMs));
    REQUIRE(hours.size() == 1);
    CHECK(hours[0].checks == 2);
    CHECK(hours[0].failures == 1);
}

TEST_CASE("hourly rollups count checks, failures and response times of each hour", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    CheckRecord confirm = failing("a", kBaseMs + 62'000, 9'000);
    confirm.confirm = true;
    store.append_results({
        healthy("a", kBaseMs, 100),
        failing("a", kBaseMs + 60'000, 10'000),
        confirm,  // an extra sample after a failure: not counted
        healthy("a", kBaseMs + 120'000, 300),
        healthy("a", kBaseMs + kHourMs + 5, 50),
        healthy("b", kBaseMs, 999),
    });

    auto hours = store.hourly_rollups("a", at_ms(kBaseMs), at_ms(kBaseMs + 2 * kHourMs));
    REQUIRE(hours.size() == 2);
    CHECK(hours[0].hour == at_ms(kBaseMs));
    CHECK(hours[0].checks == 3);
    CHECK(hours[0].failures == 1);
    CHECK(hours[0].sum_response_time_ms == Approx(10'400));
    CHECK(hours[0].max_response_time_ms == Approx(10'000));
    CHECK(hours[1].hour == at_ms(kBaseMs + kHourMs));
    CHECK(hours[1].checks == 1);
    CHECK(hours[1].failures == 0);
    CHECK(hours[1].sum_response_time_ms == Approx(50));
    CHECK(hours[1].max_response_time_ms == Approx(50));
}

TEST_CASE("hourly rollups cover every hour that overlaps the asked range", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    std::vector<CheckRecord> batch;
    for (int h = 0; h < 5; ++h) batch.push_back(healthy("a", kBaseMs + h * kHourMs + 1000));
    store.append_results(batch);

    // From the middle of hour 1 to the middle of hour 3: hours 1, 2 and 3.
    auto hours = store.hourly_rollups("a", at_ms(kBaseMs + kHourMs + kHourMs / 2),
                                      at_ms(kBaseMs + 3 * kHourMs + kHourMs / 2));
    REQUIRE(hours.size() == 3);
    CHECK(hours[0].hour == at_ms(kBaseMs + kHourMs));
    CHECK(hours[2].hour == at_ms(kBaseMs + 3 * kHourMs));
    // An end on an hour boundary excludes the hour that starts there.
    CHECK(store.hourly_rollups("a", at_ms(kBaseMs), at_ms(kBaseMs + 2 * kHourMs)).size() == 2);
    CHECK(store.hourly_rollups("a", at_ms(kBaseMs + kHourMs), at_ms(kBaseMs)).empty());
}

TEST_CASE("pruning deletes only results older than the cutoff, chunk by chunk, and counts them",
          "[store]") {
    TempDir dir;
    SqliteStoreOptions options;
    options.prune_chunk_rows = 7;  // far below the rows to delete, so chunks span and split sites
    SqliteStore store((dir.path() / "s.db").string(), options);
    std::vector<CheckRecord> batch;
    for (int i = 0; i < 40; ++i) batch.push_back(healthy("a", kBaseMs + i * 60'000));
    for (int i = 0; i < 3; ++i) batch.push_back(healthy("b", kBaseMs + i * 60'000));
    for (int i = 0; i < 20; ++i) batch.push_back(healthy("c", kBaseMs + 100 * 60'000 + i));
    store.append_results(batch);

    // Everything of a and b before minute 30; nothing of c.
    CHECK(store.prune_results_before(at_ms(kBaseMs + 30 * 60'000)) == 33);
    auto a = store.recent_results("a", 100);
    REQUIRE(a.size() == 10);
    CHECK(a.back().checked_at == at_ms(kBaseMs + 30 * 60'000));  // the cutoff itself is kept
    CHECK(store.recent_results("b", 100).empty());
    CHECK(store.recent_results("c", 100).size() == 20);
    CHECK(store.prune_results_before(at_ms(kBaseMs + 30 * 60'000)) == 0);
}

TEST_CASE("uptime history outlives the raw results it summarises", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    store.append_results({healthy("a", kBaseMs), failing("a", kBaseMs + 60'000)});
    REQUIRE(store.prune_results_before(at_ms(kBaseMs + 30LL * 24 * kHourMs)) == 2);

    CHECK(store.recent_results("a", 10).empty());
    auto hours = store.hourly_rollups("a", at_ms(kBaseMs), at_ms(kBaseMs + kHourMs));
    REQUIRE(hours.size() == 1);
    CHECK(hours[0].checks == 2);
    CHECK(hours[0].failures == 1);
}

TEST_CASE("pruning rollups removes only hours that end before the cutoff", "[store]") {
    TempDir dir;
    SqliteStoreOptions options;
    options.prune_chunk_rows = 2;
    SqliteStore store((dir.path() / "s.db").string(), options);
    std::vector<CheckRecord> batch;
    for (int h = 0; h < 6; ++h) {
        batch.push_back(healthy("a", kBaseMs + h * kHourMs));
        batch.push_back(healthy("b", kBaseMs + h * kHourMs));
    }
    store.append_results(batch);

    // Mid-hour 3: hours 0, 1 and 2 are wholly older; hour 3 holds the cutoff and stays.
    CHECK(store.prune_rollups_before(at_ms(kBaseMs + 3 * kHourMs + 10)) == 6);
    auto hours = store.hourly_rollups("a", at_ms(kBaseMs), at_ms(kBaseMs + 6 * kHourMs));
    REQUIRE(hours.size() == 3);
    CHECK(hours[0].hour == at_ms(kBaseMs + 3 * kHourMs));
    // Exactly on a boundary, the hour ending there goes and the one starting there stays.
    CHECK(store.prune_rollups_before(at_ms(kBaseMs + 4 * kHourMs)) == 2);
    CHECK(store.recent_results("a", 10).size() == 6);  // raw rows are a separate matter
}

TEST_CASE("site states are upserted and survive reopening the store", "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "s.db").string();
    {
        SqliteStore store(path);
        CHECK(store.load_site_states().empty());
        store.put_site_states({{"a", R"({"failures":1})"}, {"b", R"({"failures":0})"}});
        store.put_site_states({{"a", R"({"failures":2})"}});
    }
    SqliteStore store(path);
    auto states = store.load_site_states();
    REQUIRE(states.size() == 2);
    CHECK(states["a"] == R"({"failures":2})");
    CHECK(states["b"] == R"({"failures":0})");
}

TEST_CASE("the database runs in WAL mode and records its schema version", "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "s.db").string();
    auto store = open_sqlite_store(path);
    store->append_results({healthy("a", kBaseMs)});

    RawDb raw(path);
    CHECK(raw.text("PRAGMA journal_mode") == "wal");
    CHECK(raw.integer("PRAGMA user_version") == store::detail::latest_schema_version());
    CHECK(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("reopening a current database leaves its schema and data alone", "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "s.db").string();
    { SqliteStore(path).append_results({healthy("a", kBaseMs)}); }
    SqliteStore store(path);
    CHECK(store.recent_results("a", 10).size() == 1);
}

TEST_CASE("a file that is not a SQLite database is refused with its path in the error", "[store]") {
    TempDir dir;
    const std::string path = dir.write("sitewatch.db", std::string(8192, 'x') + "not sqlite");
    REQUIRE_THROWS_WITH(SqliteStore(path),
                        Contains("sitewatch.db") && Contains("file is not a database"));
}

TEST_CASE("a database written by a newer sitewatch is refused", "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "s.db").string();
    { SqliteStore store(path); }
    {
        RawDb raw(path);
        raw.exec("PRAGMA user_version = 999");
    }
    REQUIRE_THROWS_WITH(SqliteStore(path), Contains("s.db") && Contains("999") &&
                                               Contains("newer than this sitewatch supports"));
}

TEST_CASE("an unwritable location is refused with its path in the error", "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "missing-dir" / "s.db").string();
    REQUIRE_THROWS_WITH(SqliteStore(path), Contains("missing-dir"));
}

TEST_CASE("a database with corrupted pages gives errors, never a crash", "[store]") {
    TempDir dir;
    const std::string path = (dir.path() / "s.db").string();
    {
        SqliteStore store(path);
        std::vector<CheckRecord> batch;
        for (int i = 0; i < 3000; ++i) batch.push_back(failing("a", kBaseMs + i * 60'000));
        store.append_results(batch);
    }
    {
        // Keep page 1 (header and schema) so the damage is only found when the data is read.
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        std::string garbage(64 * 1024, '\xAB');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        REQUIRE(f.good());
    }
    auto use = [&] {
        SqliteStore store(path);
        store.recent_results("a", 5000);
        store.append_results({healthy("a", kBaseMs - 1)});
        store.prune_results_before(at_ms(kBaseMs + 1000LL * 60'000));
    };
    REQUIRE_THROWS_AS(use(), std::runtime_error);
}

TEST_CASE("appends and reads from several threads at once all land", "[store]") {
    TempDir dir;
    SqliteStore store((dir.path() / "s.db").string());
    constexpr int kThreads = 4;
    constexpr int kBatches = 25;
    constexpr int kPerBatch = 40;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&store, t] {
            const std::string site = "site-" + std::to_string(t);
            for (int b = 0; b < kBatches; ++b) {
                std::vector<CheckRecord> batch;
                for (int i = 0; i < kPerBatch; ++i) {
                    batch.push_back(healthy(site, kBaseMs + (b * kPerBatch + i) * 1000LL));
                }
                store.append_results(batch);
                store.recent_results(site, 5);
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) {
        CHECK(store.recent_results("site-" + std::to_string(t), 100'000).size() ==
              kBatches * kPerBatch);
    }
}

namespace {

struct TableSize {
    std::int64_t rows = 0;
    std::int64_t bytes = 0;  // pages the table and its indexes occupy
    std::int64_t payload = 0;
};

TableSize table_size(const RawDb& raw, const std::string& table) {
    TableSize s;
    s.rows = raw.integer("SELECT count(*) FROM " + table);
    s.bytes = raw.integer("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = '" + table +
                          "' OR name IN (SELECT name FROM sqlite_schema WHERE tbl_name = '" +
                          table + "' AND type = 'index')");
    s.payload =
        raw.integer("SELECT coalesce(sum(payload), 0) FROM dbstat WHERE name = '" + table + "'");
    return s;
}

// Bytes this process has handed to write(2) so far (WAL, checkpoints), 0 where unknown.
std::int64_t bytes_written_so_far() {
    std::ifstream io("/proc/self/io");
    std::string key;
    std::int64_t value = 0;
    while (io >> key >> value) {
        if (key == "wchar:") return value;
    }
    return 0;
}

std::int64_t env_or(const char* name, std::int64_t fallback) {
    const char* v = std::getenv(name);
    return v ? std::stoll(v) : fallback;
}

void print_size(const char* label, const TableSize& s) {
    std::printf("%-28s %10lld rows %12lld bytes  %6.1f B/row on disk  %6.1f B/row payload\n", label,
                static_cast<long long>(s.rows), static_cast<long long>(s.bytes),
                s.rows ? static_cast<double>(s.bytes) / static_cast<double>(s.rows) : 0.0,
                s.rows ? static_cast<double>(s.payload) / static_cast<double>(s.rows) : 0.0);
}

}  // namespace

// Not a unit test: measures bytes per stored row for the sizing in the report. Run with
//   sitewatch_unit_tests "[.bench]"   (SITEWATCH_BENCH_SITES, SITEWATCH_BENCH_CHECKS to scale)
TEST_CASE("store size per raw row and per rollup row at fleet scale", "[.bench]") {
    TempDir dir;
    const std::string path = (dir.path() / "bench.db").string();
    const std::int64_t sites = env_or("SITEWATCH_BENCH_SITES", 10'000);
    const std::int64_t checks = env_or("SITEWATCH_BENCH_CHECKS", 100);
    // The result writer's batches: 1,000, or ~42 for 10,000 sites at 60 s flushed every 250 ms.
    const auto batch_size = static_cast<std::size_t>(env_or("SITEWATCH_BENCH_BATCH", 1000));
    constexpr std::int64_t kIntervalMs = 60'000;
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> latency(std::log(180.0), 0.6);
    std::uniform_int_distribution<std::int64_t> offset(0, kIntervalMs - 1);
    std::vector<std::int64_t> offsets(static_cast<std::size_t>(sites));
    for (auto& o : offsets) o = offset(rng);
    const auto cert_expiry = at_ms(kBaseMs + 60LL * 24 * kHourMs);

    SqliteStore store(path);
    auto write_rounds = [&](std::int64_t first, std::int64_t last) {
        std::vector<CheckRecord> batch;
        std::uniform_real_distribution<double> unit(0, 1);
        for (std::int64_t round = first; round < last; ++round) {
            // Sites in the order the scheduler spreads them over the interval.
            for (std::int64_t s = 0; s < sites; ++s) {
                std::int64_t ms = kBaseMs + round * kIntervalMs + offsets[s];
                std::string name =
                    "client-" + std::to_string(s / 20) + "-site-" + std::to_string(s);
                CheckRecord r = unit(rng) < 0.01 ? failing(name, ms, latency(rng))
                                                 : healthy(name, ms, latency(rng));
                r.client = "client-" + std::to_string(s / 20);
                r.tls_expires_at = cert_expiry;
                batch.push_back(std::move(r));
                if (batch.size() == batch_size) {
                    store.append_results(batch);
                    batch.clear();
                }
            }
        }
        store.append_results(batch);
    };

    auto start = std::chrono::steady_clock::now();
    const std::int64_t written_before = bytes_written_so_far();
    write_rounds(0, checks);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto results = static_cast<double>(sites * checks);
    std::printf(
        "wrote %.0f results in %.1f s (%.0f results/s, batches of %zu), %.0f bytes of "
        "file writes per result\n",
        results, secs, results / secs, batch_size,
        static_cast<double>(bytes_written_so_far() - written_before) / results);
    {
        RawDb raw(path);
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        print_size("results (growing)", table_size(raw, "results"));
        print_size("rollups_hourly (growing)", table_size(raw, "rollups_hourly"));
    }

    // Steady state: retention drops the older half while new results keep coming.
    start = std::chrono::steady_clock::now();
    std::size_t pruned = store.prune_results_before(at_ms(kBaseMs + checks / 2 * kIntervalMs));
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("pruned %zu results in %.1f s\n", pruned, secs);
    write_rounds(checks, checks + checks / 2);
    {
        RawDb raw(path);
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        print_size("results (steady state)", table_size(raw, "results"));
        std::int64_t pages = raw.integer("PRAGMA page_count");
        std::int64_t free_pages = raw.integer("PRAGMA freelist_count");
        std::printf("file %lld pages, %lld free (%.1f%%)\n", static_cast<long long>(pages),
                    static_cast<long long>(free_pages),
                    100.0 * static_cast<double>(free_pages) / static_cast<double>(pages));
    }
    CHECK(store.recent_results("client-0-site-0", 1).size() == 1);
}

// Rollup rows in steady state: one row per site per hour over many hours. Each hour gets one
// record whose response time stands in for an hour's sum, so the row has its real width.
TEST_CASE("store size per rollup row over many hours", "[.bench]") {
    TempDir dir;
    const std::string path = (dir.path() / "bench.db").string();
    const std::int64_t sites = env_or("SITEWATCH_BENCH_SITES", 10'000);
    const std::int64_t hours = env_or("SITEWATCH_BENCH_HOURS", 100);
    SqliteStore store(path);
    std::vector<CheckRecord> batch;
    for (std::int64_t h = 0; h < hours; ++h) {
        for (std::int64_t s = 0; s < sites; ++s) {
            batch.push_back(
                healthy("site-" + std::to_string(s), kBaseMs + h * kHourMs + s, 60 * 180.0));
            if (batch.size() == 1000) {
                store.append_results(batch);
                batch.clear();
            }
        }
    }
    store.append_results(batch);
    RawDb raw(path);
    raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    TableSize s = table_size(raw, "rollups_hourly");
    print_size("rollups_hourly", s);
    CHECK(s.rows == sites * hours);
}
