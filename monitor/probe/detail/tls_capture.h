#pragma once
// Per-transfer TLS observer. curl is told not to verify (so a bad certificate never
// aborts the fetch); instead, for every new connection, the SSL_CTX hook installs the
// shared trust store and a verify callback that records the first verification error
// and the chain the peer presented, then lets the handshake continue.
#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <string>
#include <string_view>
#include <vector>

#include "checks/model/response.h"
#include "monitor/probe/detail/trust_store_cache.h"

namespace sitewatch::probe_detail {

class TlsCapture {
  public:
    explicit TlsCapture(TrustStoreCache& cache) : cache_(&cache) {}
    ~TlsCapture();
    TlsCapture(const TlsCapture&) = delete;
    TlsCapture& operator=(const TlsCapture&) = delete;

    // Prepares for a new transfer; `ca_file` must outlive it.
    void reset(const std::string* ca_file);

    // CURLOPT_SSL_CTX_FUNCTION with CURLOPT_SSL_CTX_DATA = this.
    static CURLcode on_ssl_ctx(CURL* easy, void* ssl_ctx, void* self);

    // Refreshes version and cipher from the live connection once the handshake is done.
    void on_handshake_done(const SSL* ssl);

    bool performed() const { return performed_; }

    // Fills the verification outcome for the last handshake; `host` is the URL host the
    // leaf must match (brackets of an IPv6 literal already removed).
    void fill(std::string_view host, TlsVerification& out,
              std::vector<CertificateInfo>& chain) const;

  private:
    static int on_verify(int preverify_ok, X509_STORE_CTX* store_ctx);
    void start_connection(SSL_CTX* ctx);
    void record(int preverify_ok, X509_STORE_CTX* store_ctx);
    void release_chain();

    TrustStoreCache* cache_;
    const std::string* ca_file_ = nullptr;
    bool performed_ = false;
    bool verify_ran_ = false;
    bool ca_file_loaded_ = true;
    int first_error_ = 0;
    STACK_OF(X509) * chain_ = nullptr;   // up-ref'd copy of the presented chain, leaf first
    const char* tls_version_ = nullptr;  // static strings owned by OpenSSL
    const char* cipher_ = nullptr;
};

}  // namespace sitewatch::probe_detail
