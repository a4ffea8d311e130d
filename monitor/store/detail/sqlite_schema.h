#pragma once
// The store's schema as an ordered list of migrations; PRAGMA user_version records how many
// have run. A later issue adds a table (baselines, incidents, timeline, outbox) by appending a
// migration, never by editing one that has shipped.
#include <sqlite3.h>

namespace sitewatch::store::detail {

// The version a database has once every migration of this build has run.
int latest_schema_version();

// Runs the missing migrations, each in its own transaction. Throws std::runtime_error when the
// database is newer than this build (written by a later sitewatch) or a migration fails.
void migrate(sqlite3* db);

}  // namespace sitewatch::store::detail
