#include "monitor/store/detail/sqlite_error.h"

#include <stdexcept>
#include <string>

namespace sitewatch::store::detail {

namespace {

std::string describe(sqlite3* db, std::string_view what) {
    const char* file = sqlite3_db_filename(db, "main");
    std::string message = "sqlite store ";
    message += (file && *file) ? file : ":memory:";
    message += ": ";
    message += what;
    return message;
}

}  // namespace

void throw_sqlite_error(sqlite3* db, std::string_view what) {
    throw std::runtime_error(describe(db, what) + ": " + sqlite3_errmsg(db));
}

void throw_store_error(sqlite3* db, std::string_view what) {
    throw std::runtime_error(describe(db, what));
}

}  // namespace sitewatch::store::detail
