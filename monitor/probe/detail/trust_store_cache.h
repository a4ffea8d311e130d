#pragma once
// One pre-built X509_STORE per distinct extra CA file, shared by every TLS connection.
// Loading the system bundle costs milliseconds under OpenSSL 3; doing it per connection
// would dominate the cost of a check, so it is done once and the store is up-ref'd.
// Used only from the probe thread.
#include <openssl/x509.h>

#include <chrono>
#include <string>
#include <unordered_map>

namespace sitewatch::probe_detail {

class TrustStoreCache {
  public:
    TrustStoreCache() = default;
    ~TrustStoreCache();
    TrustStoreCache(const TrustStoreCache&) = delete;
    TrustStoreCache& operator=(const TrustStoreCache&) = delete;

    struct Lookup {
        X509_STORE* store = nullptr;  // borrowed: valid until the next get(); up-ref to keep
        bool ca_file_loaded = true;   // false when the extra CA file could not be read
    };

    // The store for the system roots plus `ca_file` (empty: system roots only). Rebuilt
    // when the CA file changes on disk or the entry is older than the refresh period.
    Lookup get(const std::string& ca_file);

  private:
    struct Entry {
        X509_STORE* store = nullptr;
        bool ca_file_loaded = true;
        std::chrono::steady_clock::time_point built_at;
        std::chrono::steady_clock::time_point checked_at;
        long long file_mtime_ns = 0;
        long long file_size = -1;
    };

    static void build(const std::string& ca_file, Entry& entry);

    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sitewatch::probe_detail
