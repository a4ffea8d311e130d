#pragma once
// What one probe of one site produced. Filled by the probe engine (monitor/probe),
// read by the pure evaluators in checks/.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch {

// Why a transfer produced no HTTP response. `none` means an HTTP response arrived.
enum class TransportError {
    none,
    dns,                 // name did not resolve
    connect_refused,     // TCP RST on connect
    connect_failed,      // unreachable, no route, other connect failure
    timeout,             // the whole transfer exceeded the site's timeout
    reset,               // connection reset or closed mid-transfer / empty reply
    tls_handshake,       // TLS handshake failed (protocol, alert, no shared cipher)
    too_many_redirects,  // more than max_redirects
    protocol,            // malformed HTTP
    other,
};

const char* to_string(TransportError e);

// One certificate of the peer's chain as presented (leaf first).
struct CertificateInfo {
    std::string subject;             // one-line RFC 2253 form
    std::string issuer;
    std::vector<std::string> dns_names;  // subjectAltName DNS entries
    std::vector<std::string> ip_addresses;  // subjectAltName IP entries
    TimePoint not_before{};
    TimePoint not_after{};
    std::string serial_hex;
    std::string fingerprint_sha256;  // lowercase hex
    bool self_signed = false;        // subject == issuer and self-verifying
};

// The outcome of verifying the peer chain. The probe never aborts on a verification
// failure: it records it here so the TLS check can classify it, and still reads the page.
struct TlsVerification {
    bool performed = false;        // false for plain http
    bool chain_trusted = false;    // chain verified against the trust store (ignoring host)
    bool hostname_matches = false; // leaf matches the URL's host
    int verify_error = 0;          // OpenSSL X509_V_ERR_* of the first failure, 0 if none
    std::string verify_message;    // X509_verify_cert_error_string of it
    std::string tls_version;       // "TLSv1.3"
    std::string cipher;
};

struct PhaseTimings {  // seconds, summed over redirects, blackbox_exporter's phases
    double dns = 0;
    double connect = 0;
    double tls = 0;
    double processing = 0;  // request sent → first byte
    double transfer = 0;    // first byte → last byte
};

struct RedirectHop {
    std::string url;  // the URL that answered with a redirect
    int status = 0;
    std::string location;  // absolute URL it pointed to
};

struct Response {
    std::string url;        // as requested
    std::string final_url;  // after redirects
    TimePoint started_at{};
    double total_seconds = 0;
    PhaseTimings phases;

    TransportError transport_error = TransportError::none;
    std::string error_message;  // libcurl's words when transport_error != none

    int http_status = 0;        // final response, 0 if none
    int http_version = 0;       // 10, 11, 20
    std::vector<std::pair<std::string, std::string>> headers;  // final response; names lowercased
    std::string body;           // decoded (decompressed), at most max_body bytes
    bool body_truncated = false;
    std::uint64_t wire_bytes = 0;  // bytes downloaded on the wire for the final response

    std::vector<RedirectHop> redirects;

    TlsVerification tls;
    std::vector<CertificateInfo> cert_chain;  // leaf first, as presented by the peer

    // First value of a header (name lowercase), or empty.
    const std::string* header(std::string_view name) const {
        for (const auto& [k, v] : headers)
            if (k == name) return &v;
        return nullptr;
    }
};

}  // namespace sitewatch
