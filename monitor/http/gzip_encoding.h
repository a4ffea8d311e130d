#pragma once
// Response compression. Debian's cpp-httplib 0.11 compresses every text or JSON answer
// itself, preferring brotli at quality 11 whenever "br" is offered: 3 s for the 1.1 MiB
// /metrics of 2,000 sites (gzip: 40 ms), and browsers offer "br". So sitewatch leaves httplib
// only gzip (normalize_accept_encoding), and compresses the large answers (/metrics, the
// fleet list, every client's SLA) itself at zlib level 1: about three times faster than
// httplib's level 6 for a few percent more bytes.
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

namespace sitewatch::http {

// Whether an Accept-Encoding value admits gzip (RFC 9110 12.5.3): "gzip", "x-gzip" or "*"
// with a non-zero q; an explicit "gzip;q=0" refuses it even when "*" is listed.
bool accepts_gzip(std::string_view accept_encoding);

// The gzip member (RFC 1952) of `data` at zlib `level` (1 fastest … 9 smallest), or nullopt
// if zlib fails (out of memory).
std::optional<std::string> gzip_compress(std::string_view data, int level = 1);

// Rewrites the request's Accept-Encoding to "gzip" or "identity" before routing, so httplib
// never picks brotli and honours "gzip;q=0" (its own parser only looks for the substring).
void normalize_accept_encoding(httplib::Headers& headers);

// Sets `body` as the answer, gzip-compressed (level 1) when the request accepts gzip and the
// body is larger than a packet; always says Vary: Accept-Encoding so caches keep both forms
// apart. The compressed bytes go out through a sized content provider, which httplib sends
// as they are instead of compressing them again.
void send_compressible(const httplib::Request& req, httplib::Response& res, std::string body,
                       const char* content_type);

}  // namespace sitewatch::http
