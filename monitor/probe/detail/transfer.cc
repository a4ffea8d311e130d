#include "monitor/probe/detail/transfer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <new>
#include <utility>

#include "monitor/probe/detail/transport_classifier.h"
#include "sitewatch_version.h"

namespace sitewatch::probe_detail {
namespace {

constexpr const char* kDefaultUserAgent = "sitewatch/" SITEWATCH_VERSION;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Host, port and scheme of a URL via curl's own parser, so they agree with what curl does.
struct UrlParts {
    std::string scheme, host, port;
};

std::optional<UrlParts> parse_url(const char* url) {
    CURLU* u = curl_url();
    if (!u) return std::nullopt;
    std::optional<UrlParts> out;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
        char *scheme = nullptr, *host = nullptr, *port = nullptr;
        if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
            out = UrlParts{scheme, host, port};
        curl_free(scheme);
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(u);
    return out;
}

double seconds(curl_off_t us) { return us > 0 ? static_cast<double>(us) / 1e6 : 0.0; }

curl_off_t info_time(CURL* easy, CURLINFO what) {
    curl_off_t v = 0;
    return curl_easy_getinfo(easy, what, &v) == CURLE_OK ? v : 0;
}

}  // namespace

Transfer::Transfer(TrustStoreCache& trust_stores) : easy_(curl_easy_init()), tls_(trust_stores) {
    if (!easy_) throw std::bad_alloc();
}

Transfer::~Transfer() {
    release_lists();
    curl_easy_cleanup(easy_);
}

Transfer* Transfer::from_easy(CURL* easy) {
    char* p = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &p);
    return reinterpret_cast<Transfer*>(p);
}

void Transfer::release_lists() {
    curl_slist_free_all(header_list_);
    curl_slist_free_all(connect_to_);
    header_list_ = nullptr;
    connect_to_ = nullptr;
}

bool Transfer::prepare(ProbeRequest request) {
    request_ = std::move(request);
    response_ = Response{};
    response_.url = request_.url;
    response_.started_at = Clock::now();
    pending_hop_.reset();
    in_body_ = false;
    follow_ = request_.max_redirects > 0;
    setup_error_ = CURLE_OK;
    error_[0] = '\0';
    release_lists();
    tls_.reset(request_.ca_file ? &*request_.ca_file : nullptr);

    CURL* e = easy_;
    curl_easy_reset(e);
    CURLcode rc = CURLE_OK;
    auto set = [&](CURLoption opt, auto value) {
        if (rc == CURLE_OK) rc = curl_easy_setopt(e, opt, value);
    };
    set(CURLOPT_PRIVATE, static_cast<void*>(this));
    set(CURLOPT_ERRORBUFFER, error_);
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_URL, request_.url.c_str());
    // Only web protocols, also after redirects: a config must never read file:// etc.
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // Measure the site itself, not whatever proxy the environment names.
    set(CURLOPT_PROXY, "");
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(1, request_.timeout.count())));
    set(CURLOPT_FOLLOWLOCATION, follow_ ? 1L : 0L);
    set(CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, request_.max_redirects)));
    set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl decodes; the limit is on decoded bytes
    set(CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    set(CURLOPT_WRITEDATA, static_cast<void*>(this));
    set(CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    set(CURLOPT_HEADERDATA, static_cast<void*>(this));

    // Every check measures a real connection and a full handshake.
    set(CURLOPT_FRESH_CONNECT, 1L);
    set(CURLOPT_FORBID_REUSE, 1L);
    set(CURLOPT_SSL_SESSIONID_CACHE, 0L);
    // curl must never fail a handshake over the certificate, nor load CAs per connection:
    // TlsCapture installs the shared store and records the verdict instead.
    set(CURLOPT_SSL_VERIFYPEER, 0L);
    set(CURLOPT_SSL_VERIFYHOST, 0L);
    set(CURLOPT_CAINFO, static_cast<const char*>(nullptr));
    set(CURLOPT_CAPATH, static_cast<const char*>(nullptr));
    set(CURLOPT_SSL_CTX_FUNCTION, &TlsCapture::on_ssl_ctx);
    set(CURLOPT_SSL_CTX_DATA, static_cast<void*>(&tls_));

    user_agent_ = request_.user_agent.empty() ? kDefaultUserAgent : request_.user_agent;
    set(CURLOPT_USERAGENT, user_agent_.c_str());

    if (request_.method == "HEAD") {
        set(CURLOPT_NOBODY, 1L);
    } else if (request_.method == "POST") {
        set(CURLOPT_POSTFIELDSIZE, 0L);
        set(CURLOPT_POSTFIELDS, "");
    } else if (!request_.method.empty() && request_.method != "GET") {
        set(CURLOPT_CUSTOMREQUEST, request_.method.c_str());
    }

    for (const auto& [name, value] : request_.headers) {
        // "Name;" is curl's way to send a header with an empty value.
        std::string line = value.empty() ? name + ";" : name + ": " + value;
        curl_slist* next = curl_slist_append(header_list_, line.c_str());
        if (!next) {
            rc = CURLE_OUT_OF_MEMORY;
            break;
        }
        header_list_ = next;
    }
    if (header_list_) set(CURLOPT_HTTPHEADER, header_list_);

    if (request_.resolve && !request_.resolve->empty()) {
        // CONNECT_TO rather than CURLOPT_RESOLVE: RESOLVE entries land in the multi handle's
        // shared DNS cache and would redirect other sites' checks of the same host. Host,
        // SNI and the certificate check still use the URL's host either way.
        if (auto parts = parse_url(request_.url.c_str())) {
            std::string addr = *request_.resolve;
            if (addr.find(':') != std::string::npos && addr.front() != '[') addr = "[" + addr + "]";
            std::string entry = parts->host + ":" + parts->port + ":" + addr + ":" + parts->port;
            connect_to_ = curl_slist_append(nullptr, entry.c_str());
            if (!connect_to_) rc = CURLE_OUT_OF_MEMORY;
            set(CURLOPT_CONNECT_TO, connect_to_);
        }
    }

    setup_error_ = rc;
    if (rc != CURLE_OK && error_[0] == '\0')
        std::snprintf(error_, sizeof error_, "cannot configure the transfer: %s",
                      curl_easy_strerror(rc));
    return rc == CURLE_OK;
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const std::size_t len = size * n;
    t->in_body_ = true;
    std::string& body = t->response_.body;
    const std::size_t room =
        t->request_.max_body > body.size() ? t->request_.max_body - body.size() : 0;
    if (len <= room) {
        body.append(data, len);
        return len;
    }
    // Keep what fits, then refuse the rest: curl stops reading (and decoding) at once.
    body.append(data, room);
    t->response_.body_truncated = true;
    return 0;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const std::size_t len = size * n;
    t->header_line(std::string_view(data, len));
    return len;
}

void Transfer::header_line(std::string_view raw) {
    if (raw.starts_with("HTTP/")) {
        // A new response: the previous one was a redirect we followed, or a 1xx.
        commit_pending_hop();
        response_.headers.clear();
        response_.body.clear();
        response_.body_truncated = false;
        in_body_ = false;
        return;
    }
    if (in_body_) return;  // trailers are not response headers
    std::string_view line = trim(raw);
    if (line.empty()) {
        end_of_headers();
        return;
    }
    if ((raw.front() == ' ' || raw.front() == '\t') && !response_.headers.empty()) {
        auto& value = response_.headers.back().second;  // obsolete line folding
        value += ' ';
        value += line;
        return;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return;
    response_.headers.emplace_back(lowercase(trim(line.substr(0, colon))),
                                   std::string(trim(line.substr(colon + 1))));
}

void Transfer::end_of_headers() {
    if (!follow_) return;
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    if (status < 300 || status > 399) return;
    const std::string* location = response_.header("location");
    if (!location || location->empty()) return;
    char* current = nullptr;
    curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &current);
    RedirectHop hop;
    hop.url = current ? current : "";
    hop.status = static_cast<int>(status);
    hop.location = absolute_location(*location);
    pending_hop_ = std::move(hop);
}

std::string Transfer::absolute_location(std::string_view location) const {
    std::string loc(location);
    char* current = nullptr;
    curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &current);
    CURLU* u = curl_url();
    if (!u) return loc;
    std::string out = loc;
    // Setting a relative URL on a parsed base resolves it the way curl will follow it.
    if (current && curl_url_set(u, CURLUPART_URL, current, 0) == CURLUE_OK &&
        curl_url_set(u, CURLUPART_URL, loc.c_str(), 0) == CURLUE_OK) {
        char* full = nullptr;
        if (curl_url_get(u, CURLUPART_URL, &full, 0) == CURLUE_OK && full) out = full;
        curl_free(full);
    }
    curl_url_cleanup(u);
    return out;
}

void Transfer::commit_pending_hop() {
    if (!pending_hop_) return;
    response_.redirects.push_back(std::move(*pending_hop_));
    pending_hop_.reset();
}

void Transfer::fill_timings(Response& r) const {
    // curl sums each of these over the redirect hops, each measured from its hop's start,
    // which is exactly blackbox_exporter's per-phase sum over hops.
    const curl_off_t dns = info_time(easy_, CURLINFO_NAMELOOKUP_TIME_T);
    const curl_off_t connect = info_time(easy_, CURLINFO_CONNECT_TIME_T);
    const curl_off_t tls = info_time(easy_, CURLINFO_APPCONNECT_TIME_T);
    const curl_off_t pre = info_time(easy_, CURLINFO_PRETRANSFER_TIME_T);
    const curl_off_t first_byte = info_time(easy_, CURLINFO_STARTTRANSFER_TIME_T);
    const curl_off_t total = info_time(easy_, CURLINFO_TOTAL_TIME_T);

    r.total_seconds = seconds(total);
    r.phases.dns = seconds(dns);
    if (connect > 0) r.phases.connect = seconds(connect - dns);
    if (tls > 0 && connect > 0) r.phases.tls = seconds(tls - connect);
    if (first_byte > 0) {
        const curl_off_t ready = pre > 0 ? pre : std::max(tls, connect);
        r.phases.processing = seconds(first_byte - ready);
        r.phases.transfer = seconds(total - first_byte);
    }
}

void Transfer::fill_tls(Response& r) const {
    auto final_parts = parse_url(r.final_url.empty() ? r.url.c_str() : r.final_url.c_str());
    // An https → http redirect ends on plain http: the earlier handshake is not the page's.
    if (!tls_.performed() || (final_parts && final_parts->scheme != "https")) return;
    std::string host = final_parts ? final_parts->host : std::string();
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    tls_.fill(host, r.tls, r.cert_chain);
}

Response Transfer::finish(CURLcode code) {
    if (setup_error_ != CURLE_OK) code = setup_error_;
    // The refused redirect is still part of the chain the site sent us through.
    if (code == CURLE_TOO_MANY_REDIRECTS) commit_pending_hop();
    pending_hop_.reset();
    Response r = std::move(response_);
    response_ = Response{};

    fill_timings(r);
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    r.http_status = static_cast<int>(status);
    long version = 0;
    curl_easy_getinfo(easy_, CURLINFO_HTTP_VERSION, &version);
    switch (version) {
        case CURL_HTTP_VERSION_1_0:
            r.http_version = 10;
            break;
        case CURL_HTTP_VERSION_1_1:
            r.http_version = 11;
            break;
        case CURL_HTTP_VERSION_2_0:
            r.http_version = 20;
            break;
        case CURL_HTTP_VERSION_3:
            r.http_version = 30;
            break;
        default:
            r.http_version = 0;
    }
    char* effective = nullptr;
    curl_easy_getinfo(easy_, CURLINFO_EFFECTIVE_URL, &effective);
    r.final_url = effective ? effective : r.url;
    curl_off_t wire = 0;
    curl_easy_getinfo(easy_, CURLINFO_SIZE_DOWNLOAD_T, &wire);
    r.wire_bytes = wire > 0 ? static_cast<std::uint64_t>(wire) : 0;

    long os_errno = 0;
    curl_easy_getinfo(easy_, CURLINFO_OS_ERRNO, &os_errno);
    TransportContext context;
    context.code = code;
    context.os_errno = os_errno;
    context.name_resolved = info_time(easy_, CURLINFO_NAMELOOKUP_TIME_T) > 0;
    context.error_buffer = error_;
    context.truncated_by_us = r.body_truncated;
    r.transport_error = classify_transport(context);
    if (r.transport_error != TransportError::none)
        r.error_message = error_[0] ? std::string(error_) : std::string(curl_easy_strerror(code));

    fill_tls(r);
    release_lists();
    tls_.reset(nullptr);
    return r;
}

}  // namespace sitewatch::probe_detail
