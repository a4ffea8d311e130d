#pragma once
// Turns a failed SQLite call into an exception that names the database file.
#include <sqlite3.h>

#include <string_view>

namespace sitewatch::store::detail {

// Throws std::runtime_error("sqlite store <file>: <what>: <sqlite3_errmsg>").
[[noreturn]] void throw_sqlite_error(sqlite3* db, std::string_view what);
// Throws std::runtime_error("sqlite store <file>: <what>") for errors SQLite did not raise.
[[noreturn]] void throw_store_error(sqlite3* db, std::string_view what);

}  // namespace sitewatch::store::detail
