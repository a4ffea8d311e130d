#include "monitor/notify/smtp_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "monitor/notify/http_transport.h"

namespace sitewatch::notify {

namespace {

struct Upload {
    const std::string* data = nullptr;
    std::size_t offset = 0;
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t n = std::min(room, u->data->size() - u->offset);
    std::memcpy(buffer, u->data->data() + u->offset, n);
    u->offset += n;
    return n;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};

}  // namespace

SmtpResult send_email(const notifiers::EmailMessage& message, const SmtpOptions& options) {
    ensure_curl_initialized();
    SmtpResult result;
    const bool implicit_tls = options.url.rfind("smtps://", 0) == 0;
    if (!implicit_tls && options.url.rfind("smtp://", 0) != 0) {
        result.error = "the SMTP URL must start with smtp:// or smtps://";
        result.permanent = true;
        return result;
    }
    if (message.recipients.empty()) {
        result.error = "no recipient";
        result.permanent = true;
        return result;
    }
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy) {
        result.error = "curl_easy_init failed";
        return result;
    }
    CURL* c = easy.get();
    std::unique_ptr<curl_slist, SlistDeleter> rcpt;
    for (const std::string& r : message.recipients) {
        curl_slist* next = curl_slist_append(rcpt.get(), r.c_str());
        if (!next) {
            result.error = "out of memory";
            return result;
        }
        (void)rcpt.release();
        rcpt.reset(next);
    }
    Upload upload{&message.data, 0};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_URL, options.url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    if (!implicit_tls)
        curl_easy_setopt(c, CURLOPT_USE_SSL,
                         static_cast<long>(options.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (!options.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
    if (!options.username.empty() || !options.password.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, options.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, options.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, message.mail_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.data.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);

    const CURLcode code = curl_easy_perform(c);
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    result.smtp_code = static_cast<int>(reply);
    if (code == CURLE_OK) {
        result.sent = true;
        return result;
    }
    result.error = std::string(curl_easy_strerror(code));
    if (error[0] != '\0') result.error += ": " + std::string(error);
    if (reply > 0) result.error += " (SMTP " + std::to_string(reply) + ")";
    // 5xx: the server refused for good (mailbox unknown, message rejected, auth refused).
    result.permanent = reply >= 500 && reply <= 599;
    return result;
}

}  // namespace sitewatch::notify
