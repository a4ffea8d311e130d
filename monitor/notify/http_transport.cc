#include "monitor/notify/http_transport.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "alerting/notifiers/encoding.h"

namespace sitewatch::notify {

namespace {

struct Capture {
    std::string body;
    std::size_t limit = 0;
    bool truncated = false;
    std::optional<std::string> retry_after;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* c = static_cast<Capture*>(user);
    const std::size_t n = size * count;
    const std::size_t room = c->limit > c->body.size() ? c->limit - c->body.size() : 0;
    if (n > room) {
        c->body.append(data, room);
        c->truncated = true;
        return 0;  // stops the transfer: CURLE_WRITE_ERROR, treated as "enough read"
    }
    c->body.append(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* c = static_cast<Capture*>(user);
    const std::size_t n = size * count;
    std::string_view line(data, n);
    // A new status line (e.g. after 100 Continue) starts a new header block.
    if (line.rfind("HTTP/", 0) == 0) c->retry_after.reset();
    constexpr std::string_view kName = "retry-after:";
    if (line.size() > kName.size()) {
        bool match = true;
        for (std::size_t i = 0; i < kName.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(line[i])) != kName[i]) match = false;
        if (match) c->retry_after = notifiers::one_line(line.substr(kName.size()));
    }
    return n;
}

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};

}  // namespace

void ensure_curl_initialized() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

HttpResult perform_http(const notifiers::HttpRequestSpec& request,
                        const HttpTransportOptions& options) {
    ensure_curl_initialized();
    HttpResult result;
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy) {
        result.transport_error = "curl_easy_init failed";
        return result;
    }
    CURL* c = easy.get();
    Capture capture;
    capture.limit = options.max_response_bytes;

    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = notifiers::one_line(name) + ": " + notifiers::one_line(value);
        curl_slist* next = curl_slist_append(headers.get(), line.c_str());
        if (!next) {
            result.transport_error = "out of memory building headers";
            return result;
        }
        (void)headers.release();
        headers.reset(next);
    }
    // libcurl would otherwise send "Expect: 100-continue" for larger bodies and wait for it.
    if (curl_slist* next = curl_slist_append(headers.get(), "Expect:")) {
        (void)headers.release();
        headers.reset(next);
    }

    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    curl_easy_setopt(c, CURLOPT_USERAGENT, "sitewatch-notifier");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &capture);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &capture);
    if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
    const std::string method = request.method.empty() ? std::string("GET") : request.method;
    if (method == "GET") {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        if (method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    if (!request.basic_auth_user.empty() || !request.basic_auth_password.empty()) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, request.basic_auth_user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, request.basic_auth_password.c_str());
    }

    const CURLcode code = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && capture.truncated)) {
        result.transport_error = std::string(curl_easy_strerror(code));
        if (error[0] != '\0') result.transport_error += ": " + std::string(error);
        // A status read before the failure (e.g. a timeout mid-body) is kept for the record
        // but the attempt still counts as a network failure.
    }
    result.http_status = static_cast<int>(status);
    result.retry_after = capture.retry_after;
    result.body_excerpt = notifiers::truncate_utf8(notifiers::one_line(capture.body), 300);
    return result;
}

}  // namespace sitewatch::notify
