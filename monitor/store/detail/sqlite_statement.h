#pragma once
// A prepared statement that lives as long as the store (prepared once, reused for every call).
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sitewatch::store::detail {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Call before each use: forgets the previous run's state and bindings.
    Statement& reset();

    // Indexes are 1-based, as in SQL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    // NULL when empty, so absent text costs no payload bytes.
    Statement& bind_text_or_null(int index, std::string_view value);
    Statement& bind_null(int index);

    // True when a row is ready. Resets itself when done or on error, so a finished or failed
    // query never keeps a read snapshot open (which would stall WAL checkpoints).
    bool step();
    // Runs a statement that returns no rows.
    void run();

    std::int64_t column_int64(int index) const;
    std::optional<std::int64_t> column_optional_int64(int index) const;
    std::string column_text(int index) const;  // empty for NULL

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace sitewatch::store::detail
