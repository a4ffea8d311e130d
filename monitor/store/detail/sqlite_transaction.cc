#include "monitor/store/detail/sqlite_transaction.h"

#include "monitor/store/detail/sqlite_error.h"

namespace sitewatch::store::detail {

Transaction::Transaction(sqlite3* db) : db_(db) {
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw_sqlite_error(db_, "begin transaction");
    }
}

Transaction::~Transaction() {
    // Some errors (SQLITE_FULL, SQLITE_IOERR) already rolled back; only roll back what is open.
    if (open_ && !sqlite3_get_autocommit(db_)) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw_sqlite_error(db_, "commit");
    }
    open_ = false;
}

}  // namespace sitewatch::store::detail
