#include "monitor/http/gzip_encoding.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <memory>
#include <optional>

namespace sitewatch::http {

namespace {

// Below this a compressed answer saves less than a packet and costs a zlib stream.
constexpr std::size_t kMinCompressible = 1400;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Whether one list member's parameters ("q=0.5") leave its weight above zero. Absent is 1;
// a malformed weight counts as 0, so the plain answer is sent.
bool weight_above_zero(std::string_view params) {
    while (!params.empty()) {
        const auto semi = params.find(';');
        const std::string_view p = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
        if (p.size() < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') continue;
        const std::string_view v = trim(p.substr(2));
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        if (v.empty() || (v[0] != '0' && v[0] != '1')) return false;
        if (v.size() > 1 && (v[1] != '.' || v.size() > 5)) return false;
        bool nonzero_fraction = false;
        for (std::size_t i = 2; i < v.size(); ++i) {
            if (v[i] < '0' || v[i] > '9') return false;
            nonzero_fraction = nonzero_fraction || v[i] != '0';
        }
        return v[0] == '1' ? !nonzero_fraction : nonzero_fraction;
    }
    return true;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
    std::optional<bool> gzip, wildcard;
    while (!accept_encoding.empty()) {
        const auto comma = accept_encoding.find(',');
        std::string_view member = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_encoding.substr(comma + 1);
        const auto semi = member.find(';');
        const std::string_view coding = trim(member.substr(0, semi));
        const bool admitted =
            semi == std::string_view::npos || weight_above_zero(member.substr(semi + 1));
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
            gzip = gzip.value_or(false) || admitted;
        else if (coding == "*")
            wildcard = admitted;
    }
    if (gzip) return *gzip;
    return wildcard.value_or(false);
}

std::optional<std::string> gzip_compress(std::string_view data, int level) {
    z_stream zs{};
    // 15 window bits + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return std::nullopt;
    constexpr std::size_t kMaxStep = std::numeric_limits<uInt>::max();  // avail_* are 32-bit
    std::string out(
        std::min<std::size_t>(deflateBound(&zs, static_cast<uLong>(data.size())), kMaxStep), '\0');
    std::size_t in_done = 0, out_done = 0;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (out_done == out.size()) out.resize(out.size() * 2);
        const std::size_t in_step = std::min(data.size() - in_done, kMaxStep);
        const std::size_t out_step = std::min(out.size() - out_done, kMaxStep);
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + in_done));
        zs.avail_in = static_cast<uInt>(in_step);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + out_done);
        zs.avail_out = static_cast<uInt>(out_step);
        const bool last = in_done + in_step == data.size();
        rc = deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
        in_done += in_step - zs.avail_in;
        out_done += out_step - zs.avail_out;
        // Z_BUF_ERROR only means no progress this round: more output room is made above.
        if (rc == Z_BUF_ERROR && zs.avail_out == 0) rc = Z_OK;
    }
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return std::nullopt;
    out.resize(out_done);
    return out;
}

void normalize_accept_encoding(httplib::Headers& headers) {
    const auto [first, last] = headers.equal_range("Accept-Encoding");
    if (first == last) return;
    std::string joined;  // repeated fields are one comma-separated list (RFC 9110 5.3)
    for (auto it = first; it != last; ++it) {
        if (!joined.empty()) joined += ',';
        joined += it->second;
    }
    headers.erase(first, last);
    headers.emplace("Accept-Encoding", accepts_gzip(joined) ? "gzip" : "identity");
}

void send_compressible(const httplib::Request& req, httplib::Response& res, std::string body,
                       const char* content_type) {
    res.set_header("Vary", "Accept-Encoding");
    if (body.size() >= kMinCompressible && accepts_gzip(req.get_header_value("Accept-Encoding"))) {
        if (auto gz = gzip_compress(body)) {
            res.set_header("Content-Encoding", "gzip");
            auto bytes = std::make_shared<const std::string>(std::move(*gz));
            const std::size_t size = bytes->size();
            res.set_content_provider(
                size, content_type,
                [bytes](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                    return sink.write(bytes->data() + offset, length);
                });
            return;
        }
    }
    res.body = std::move(body);  // set_content would copy megabytes
    res.set_header("Content-Type", content_type);
}

}  // namespace sitewatch::http
