#include "checks/http/reason_phrase.h"

#include <algorithm>
#include <iterator>

namespace sitewatch::checks {

namespace {

struct Phrase {
    int status;
    std::string_view text;
};

// Sorted by status. 52x and 530 are Cloudflare's origin errors: the CDN answered because
// the origin did not.
constexpr Phrase kPhrases[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Content"},
    {423, "Locked"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
    {520, "Web Server Returned an Unknown Error"},
    {521, "Web Server Is Down"},
    {522, "Connection Timed Out"},
    {523, "Origin Is Unreachable"},
    {524, "A Timeout Occurred"},
    {525, "SSL Handshake Failed"},
    {526, "Invalid SSL Certificate"},
    {527, "Railgun Error"},
    {530, "Origin DNS Error"},
};
static_assert(std::is_sorted(std::begin(kPhrases), std::end(kPhrases),
                             [](const Phrase& a, const Phrase& b) { return a.status < b.status; }));

}  // namespace

std::string_view http_reason_phrase(int status) {
    const auto it = std::lower_bound(std::begin(kPhrases), std::end(kPhrases), status,
                                     [](const Phrase& p, int s) { return p.status < s; });
    return it != std::end(kPhrases) && it->status == status ? it->text : std::string_view{};
}

std::string describe_http_status(int status) {
    std::string out = "HTTP " + std::to_string(status);
    if (const auto phrase = http_reason_phrase(status); !phrase.empty()) {
        out += ' ';
        out += phrase;
    }
    return out;
}

}  // namespace sitewatch::checks
