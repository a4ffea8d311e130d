#include "monitor/store/detail/sqlite_statement.h"

#include <climits>
#include <string>

#include "monitor/store/detail/sqlite_error.h"

namespace sitewatch::store::detail {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sql.size() > INT_MAX) throw_sqlite_error(db_, "statement too long");
    // PERSISTENT: these statements are kept for the life of the connection.
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt_, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        throw_sqlite_error(db_, "prepare \"" + std::string(sql) + "\"");
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::reset() {
    // The return code repeats the previous step's error, which was already reported.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) throw_sqlite_error(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    if (sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
        throw_sqlite_error(db_, "bind");
    }
    return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind(index, value);
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) throw_sqlite_error(db_, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
        sqlite3_reset(stmt_);
        return false;
    }
    // Build the message before reset, which may replace the connection's error text.
    std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
    try {
        throw_sqlite_error(db_, "step \"" + sql + "\"");
    } catch (...) {
        sqlite3_reset(stmt_);
        throw;
    }
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::column_int64(int index) const { return sqlite3_column_int64(stmt_, index); }

std::optional<std::int64_t> Statement::column_optional_int64(int index) const {
    if (sqlite3_column_type(stmt_, index) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(stmt_, index);
    if (!text) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}

}  // namespace sitewatch::store::detail
