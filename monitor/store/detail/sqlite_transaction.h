#pragma once
// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() ran.
#include <sqlite3.h>

namespace sitewatch::store::detail {

class Transaction {
public:
    // IMMEDIATE takes the write lock up front, so contention waits in busy_timeout instead of
    // failing halfway through with SQLITE_BUSY when a read lock cannot be upgraded.
    explicit Transaction(sqlite3* db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    sqlite3* db_;
    bool open_ = true;
};

}  // namespace sitewatch::store::detail
