#include "monitor/probe/detail/tls_capture.h"

#include <arpa/inet.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "monitor/probe/detail/certificate_reader.h"

namespace sitewatch::probe_detail {
namespace {

// Where the verify callback finds its TlsCapture: curl builds one SSL_CTX per connection
// (and we disable session reuse), so the context's ex_data is per connection too.
int capture_index() {
    static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

bool is_ip_literal(std::string_view host) {
    std::string h(host);
    unsigned char buf[sizeof(in6_addr)];
    return inet_pton(AF_INET, h.c_str(), buf) == 1 || inet_pton(AF_INET6, h.c_str(), buf) == 1;
}

}  // namespace

TlsCapture::~TlsCapture() { release_chain(); }

void TlsCapture::release_chain() {
    if (chain_) sk_X509_pop_free(chain_, X509_free);
    chain_ = nullptr;
}

void TlsCapture::reset(const std::string* ca_file) {
    ca_file_ = ca_file;
    performed_ = false;
    verify_ran_ = false;
    ca_file_loaded_ = true;
    first_error_ = 0;
    tls_version_ = nullptr;
    cipher_ = nullptr;
    release_chain();
}

CURLcode TlsCapture::on_ssl_ctx(CURL*, void* ssl_ctx, void* self) {
    static_cast<TlsCapture*>(self)->start_connection(static_cast<SSL_CTX*>(ssl_ctx));
    return CURLE_OK;
}

void TlsCapture::start_connection(SSL_CTX* ctx) {
    // A redirect to another https origin is a new handshake: only the last one counts.
    reset(ca_file_);
    performed_ = true;
    static const std::string no_ca_file;
    auto lookup = cache_->get(ca_file_ ? *ca_file_ : no_ca_file);
    ca_file_loaded_ = lookup.ca_file_loaded;
    if (lookup.store) SSL_CTX_set1_cert_store(ctx, lookup.store);
    SSL_CTX_set_ex_data(ctx, capture_index(), this);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, &TlsCapture::on_verify);
}

int TlsCapture::on_verify(int preverify_ok, X509_STORE_CTX* store_ctx) {
    auto* ssl = static_cast<SSL*>(
        X509_STORE_CTX_get_ex_data(store_ctx, SSL_get_ex_data_X509_STORE_CTX_idx()));
    SSL_CTX* ctx = ssl ? SSL_get_SSL_CTX(ssl) : nullptr;
    auto* self =
        ctx ? static_cast<TlsCapture*>(SSL_CTX_get_ex_data(ctx, capture_index())) : nullptr;
    if (self) {
        self->record(preverify_ok, store_ctx);
        self->on_handshake_done(ssl);
    }
    return 1;  // never abort the handshake: the TLS check judges what we recorded
}

void TlsCapture::record(int preverify_ok, X509_STORE_CTX* store_ctx) {
    if (!verify_ran_) {
        verify_ran_ = true;
        if (STACK_OF(X509)* presented = X509_STORE_CTX_get0_untrusted(store_ctx))
            chain_ = X509_chain_up_ref(presented);
        if (!chain_ || sk_X509_num(chain_) == 0) {
            release_chain();
            chain_ = sk_X509_new_null();
            if (X509* leaf = X509_STORE_CTX_get0_cert(store_ctx); leaf && chain_) {
                X509_up_ref(leaf);
                sk_X509_push(chain_, leaf);
            }
        }
    }
    if (!preverify_ok && first_error_ == 0) {
        first_error_ = X509_STORE_CTX_get_error(store_ctx);
        if (first_error_ == 0) first_error_ = X509_V_ERR_UNSPECIFIED;
    }
}

void TlsCapture::on_handshake_done(const SSL* ssl) {
    if (!ssl) return;
    tls_version_ = SSL_get_version(ssl);
    if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl))
        cipher_ = SSL_CIPHER_get_name(cipher);
}

void TlsCapture::fill(std::string_view host, TlsVerification& out,
                      std::vector<CertificateInfo>& chain) const {
    out = TlsVerification{};
    chain.clear();
    if (!performed_) return;
    out.performed = true;
    if (tls_version_) out.tls_version = tls_version_;
    if (cipher_) out.cipher = cipher_;

    if (!verify_ran_) {
        out.verify_error = X509_V_ERR_UNSPECIFIED;
        out.verify_message = "the handshake did not reach certificate verification";
        return;
    }
    out.chain_trusted = first_error_ == 0;
    out.verify_error = first_error_;
    if (first_error_ != 0) {
        out.verify_message = X509_verify_cert_error_string(first_error_);
        if (!ca_file_loaded_ && ca_file_)
            out.verify_message += " (extra CA file " + *ca_file_ + " could not be loaded)";
    }

    const int n = chain_ ? sk_X509_num(chain_) : 0;
    chain.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) chain.push_back(read_certificate(sk_X509_value(chain_, i)));

    if (n > 0 && !host.empty()) {
        X509* leaf = sk_X509_value(chain_, 0);
        std::string h(host);
        if (is_ip_literal(host)) {
            out.hostname_matches = X509_check_ip_asc(leaf, h.c_str(), 0) == 1;
        } else {
            // Like browsers and Go: SANs only, never the subject CN.
            const unsigned flags =
                X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS;
            out.hostname_matches = X509_check_host(leaf, h.data(), h.size(), flags, nullptr) == 1;
        }
    }
}

}  // namespace sitewatch::probe_detail
