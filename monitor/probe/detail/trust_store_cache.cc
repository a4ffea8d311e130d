#include "monitor/probe/detail/trust_store_cache.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <sys/stat.h>

#include <cstdlib>

namespace sitewatch::probe_detail {
namespace {

using std::chrono::steady_clock;

// System roots change with package updates; an hour keeps a long-running daemon current.
constexpr auto kRefreshAfter = std::chrono::hours(1);
// stat() of the extra CA file at most this often, so a busy engine does not stat per check.
constexpr auto kStatEvery = std::chrono::seconds(5);

void file_identity(const std::string& path, long long& mtime_ns, long long& size) {
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0) {
        mtime_ns = 0;
        size = -1;
        return;
    }
    mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
    size = static_cast<long long>(st.st_size);
}

const char* env_or(const char* env_name, const char* fallback) {
    const char* v = std::getenv(env_name);
    return v && *v ? v : fallback;
}

}  // namespace

TrustStoreCache::~TrustStoreCache() {
    for (auto& [_, entry] : entries_) X509_STORE_free(entry.store);
}

void TrustStoreCache::build(const std::string& ca_file, Entry& entry) {
    X509_STORE* store = X509_STORE_new();
    if (!store) return;
    // The system bundle file holds every root; the hashed directory is only a fallback
    // because its lookups touch the disk on every verification that misses.
    const char* bundle = env_or(X509_get_default_cert_file_env(), X509_get_default_cert_file());
    if (X509_STORE_load_file(store, bundle) != 1) {
        const char* dir = env_or(X509_get_default_cert_dir_env(), X509_get_default_cert_dir());
        X509_STORE_load_path(store, dir);
    }
    entry.ca_file_loaded = ca_file.empty() || X509_STORE_load_file(store, ca_file.c_str()) == 1;
    ERR_clear_error();  // failed loads leave errors that would confuse curl's own reporting
    X509_STORE_set_flags(store, X509_V_FLAG_TRUSTED_FIRST);

    X509_STORE_free(entry.store);
    entry.store = store;
    entry.built_at = steady_clock::now();
    entry.checked_at = entry.built_at;
    file_identity(ca_file, entry.file_mtime_ns, entry.file_size);
}

TrustStoreCache::Lookup TrustStoreCache::get(const std::string& ca_file) {
    auto now = steady_clock::now();
    auto [it, inserted] = entries_.try_emplace(ca_file);
    Entry& entry = it->second;
    bool rebuild = inserted || !entry.store || now - entry.built_at > kRefreshAfter;
    if (!rebuild && !ca_file.empty() && now - entry.checked_at > kStatEvery) {
        long long mtime_ns = 0, size = -1;
        file_identity(ca_file, mtime_ns, size);
        entry.checked_at = now;
        rebuild = mtime_ns != entry.file_mtime_ns || size != entry.file_size;
    }
    if (rebuild) build(ca_file, entry);
    return {entry.store, entry.ca_file_loaded};
}

}  // namespace sitewatch::probe_detail
