// Content baselines in the SQLite store: opaque JSON per site, upserted in one transaction,
// kept across restarts, added to older databases by a schema migration.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "monitor/store/detail/sqlite_schema.h"
#include "monitor/store/sqlite_store.h"
#include "tests/support/raw_db.h"
#include "tests/support/temp_dir.h"

using namespace sitewatch;
using sitewatch::testing::RawDb;
using sitewatch::testing::TempDir;

namespace {

// A page-features document of about `kb` KB, like the daemon's.
std::string baseline_json(const std::string& title, std::size_t kb) {
    std::string blocks;
    while (blocks.size() < kb * 1024) blocks += "\"0123456789abcdef0123456789abcdef\",";
    blocks.pop_back();
    return R"({"title":")" + title + R"(","blocks":[)" + blocks + "]}";
}

}  // namespace

TEST_CASE("baselines read back exactly as they were put, large ones included",
          "[store][baselines]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    CHECK(store.load_baselines().empty());

    const std::map<std::string, std::string> baselines = {
        {"acme-home", baseline_json("Acme", 200)},
        {"acme-blog", baseline_json("Blog \xE2\x80\x94 \"quoted\"", 1)},
        {"globex-shop", "{}"},
    };
    store.put_baselines(baselines);
    CHECK(store.load_baselines() == baselines);
}

TEST_CASE("putting a baseline again replaces it and leaves the other sites' alone",
          "[store][baselines]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.put_baselines({{"acme-home", R"({"v":1})"}, {"acme-blog", R"({"v":1})"}});
    store.put_baselines({{"acme-home", R"({"v":2})"}});
    const auto loaded = store.load_baselines();
    CHECK(loaded == std::map<std::string, std::string>{{"acme-home", R"({"v":2})"},
                                                       {"acme-blog", R"({"v":1})"}});
    store.put_baselines({});  // nothing to write is not an error
    CHECK(store.load_baselines() == loaded);
}

TEST_CASE("deleting a baseline forgets only that site", "[store][baselines]") {
    TempDir dir;
    SqliteStore store((dir.path() / "sitewatch.db").string());
    store.put_baselines({{"acme-home", R"({"v":1})"}, {"acme-blog", R"({"v":1})"}});
    store.delete_baseline("acme-home");
    CHECK(store.load_baselines() ==
          std::map<std::string, std::string>{{"acme-blog", R"({"v":1})"}});
    store.delete_baseline("acme-home");  // already gone
    store.delete_baseline("never-stored");
    CHECK(store.load_baselines().size() == 1);
}

TEST_CASE("baselines survive reopening the store and record when they were written",
          "[store][baselines]") {
    TempDir dir;
    const std::string path = (dir.path() / "sitewatch.db").string();
    const auto before = std::chrono::floor<Millis>(Clock::now()).time_since_epoch().count();
    {
        auto store = open_sqlite_store(path);
        store->put_baselines({{"acme-home", baseline_json("Acme", 50)}});
        store->put_site_states({{"acme-home", R"({"failures":1})"}});
    }
    auto reopened = open_sqlite_store(path);
    CHECK(reopened->load_baselines() ==
          std::map<std::string, std::string>{{"acme-home", baseline_json("Acme", 50)}});
    CHECK(reopened->load_site_states().size() == 1);

    RawDb raw(path);
    const std::int64_t updated_at = raw.integer("SELECT updated_at FROM baselines");
    CHECK(updated_at >= before);
    CHECK(updated_at <= std::chrono::floor<Millis>(Clock::now()).time_since_epoch().count());
}

TEST_CASE("a database of the previous schema version gains the baselines table and keeps its data",
          "[store][baselines]") {
    TempDir dir;
    const std::string path = (dir.path() / "sitewatch.db").string();
    constexpr int previous = 1;  // the version before baselines
    {
        // Written by the sitewatch before baselines: the same file without the table.
        SqliteStore store(path);
        CheckRecord r;
        r.client = "acme";
        r.site = "acme-home";
        r.checked_at = TimePoint(Millis(1'767'225'600'000));
        r.success = true;
        r.http_status = 200;
        store.append_results({r});
        store.put_site_states({{"acme-home", R"({"failures":0})"}});
    }
    {
        RawDb raw(path);
        raw.exec(
            "DROP TABLE baselines; DROP TABLE incidents; DROP TABLE alerting_state;"
            " DROP TABLE outbox; PRAGMA user_version = " +
            std::to_string(previous));
        CHECK(raw.integer("SELECT count(*) FROM sqlite_master WHERE name = 'baselines'") == 0);
    }

    SqliteStore migrated(path);
    CHECK(migrated.load_baselines().empty());
    migrated.put_baselines({{"acme-home", R"({"v":1})"}});
    CHECK(migrated.load_baselines().size() == 1);
    CHECK(migrated.recent_results("acme-home", 10).size() == 1);
    CHECK(migrated.load_site_states().size() == 1);

    RawDb raw(path);
    CHECK(raw.integer("PRAGMA user_version") == store::detail::latest_schema_version());
}
