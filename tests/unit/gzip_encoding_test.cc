#include "monitor/http/gzip_encoding.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "tests/support/gunzip.h"

using namespace sitewatch;
using namespace sitewatch::http;

TEST_CASE("gzip is accepted as Prometheus, browsers and curl --compressed ask for it", "[gzip]") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br"));  // Chromium
    CHECK(accepts_gzip("deflate, gzip"));      // curl --compressed
    CHECK(accepts_gzip("GZIP"));               // codings are case-insensitive
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
    CHECK(accepts_gzip("*"));
    CHECK(accepts_gzip(" identity , gzip ; q=0.001 "));
}

TEST_CASE("gzip is refused when absent, weighted zero or malformed", "[gzip]") {
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("deflate, br"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0.000"));
    CHECK_FALSE(accepts_gzip("*;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0, *"));  // the explicit refusal wins over the wildcard
    CHECK_FALSE(accepts_gzip("gzip;q=2"));     // not a qvalue
    CHECK_FALSE(accepts_gzip("gzip;q=1.5"));
    CHECK_FALSE(accepts_gzip("gzip;q=abc"));
    CHECK_FALSE(accepts_gzip("gzipped"));
    CHECK_FALSE(accepts_gzip(",,;;=,"));
}

TEST_CASE("a compressed body decodes to exactly what went in", "[gzip]") {
    SECTION("empty") {
        auto gz = gzip_compress("");
        REQUIRE(gz);
        CHECK(testing::gunzip(*gz) == std::string{});
    }
    SECTION("metrics-like text shrinks many times over") {
        std::string text;
        for (int i = 0; i < 20000; ++i)
            text += "sitewatch_probe_success{client=\"client-" + std::to_string(i / 10) +
                    "\",site=\"site-" + std::to_string(i) + "\"} 1\n";
        auto gz = gzip_compress(text);
        REQUIRE(gz);
        CHECK(gz->size() * 8 < text.size());
        CHECK(testing::gunzip(*gz) == text);
    }
    SECTION("random bytes that do not compress still round-trip") {
        std::mt19937 rng(7);
        std::string noise(3 * 1024 * 1024, '\0');
        for (auto& c : noise) c = static_cast<char>(rng());
        for (int level : {1, 9}) {
            auto gz = gzip_compress(noise, level);
            REQUIRE(gz);
            CHECK(testing::gunzip(*gz) == noise);
        }
    }
}

namespace {

// What httplib would send of a response: its body, or what its content provider writes.
std::string sent_bytes(const httplib::Response& res) {
    if (!res.content_provider_) return res.body;
    std::string out;
    httplib::DataSink sink;
    sink.write = [&](const char* data, std::size_t n) {
        out.append(data, n);
        return true;
    };
    REQUIRE(res.content_provider_(0, res.content_length_, sink));
    return out;
}

}  // namespace

TEST_CASE("a large answer is compressed only for a client that accepts gzip", "[gzip]") {
    const std::string body(100000, 'x');
    httplib::Request asks;
    asks.headers.emplace("Accept-Encoding", "gzip");
    httplib::Response compressed;
    send_compressible(asks, compressed, body, "application/json");
    CHECK(compressed.get_header_value("Content-Encoding") == "gzip");
    CHECK(compressed.get_header_value("Vary") == "Accept-Encoding");
    CHECK(compressed.get_header_value("Content-Type") == "application/json");
    CHECK(compressed.body.empty());  // sized provider: httplib sends it without compressing again
    CHECK(compressed.content_length_ < body.size() / 50);
    CHECK(testing::gunzip(sent_bytes(compressed)) == body);

    httplib::Request plain;
    httplib::Response identity;
    send_compressible(plain, identity, body, "application/json");
    CHECK_FALSE(identity.has_header("Content-Encoding"));
    CHECK(identity.get_header_value("Vary") == "Accept-Encoding");
    CHECK(sent_bytes(identity) == body);

    httplib::Response small;
    send_compressible(asks, small, "{\"ok\":true}", "application/json");
    CHECK_FALSE(small.has_header("Content-Encoding"));  // not worth a zlib stream
    CHECK(sent_bytes(small) == "{\"ok\":true}");
}

TEST_CASE("Accept-Encoding is reduced to gzip or identity before httplib reads it", "[gzip]") {
    const auto normalized = [](std::initializer_list<const char*> values) {
        httplib::Headers h{{"Host", "x"}};
        for (const char* v : values) h.emplace("Accept-Encoding", v);
        normalize_accept_encoding(h);
        CHECK(h.count("Accept-Encoding") <= 1);
        CHECK(h.count("Host") == 1);
        auto it = h.find("Accept-Encoding");
        return it == h.end() ? std::string("(none)") : it->second;
    };
    CHECK(normalized({"gzip, deflate, br"}) == "gzip");  // never brotli
    CHECK(normalized({"br"}) == "identity");
    CHECK(normalized({"gzip;q=0, br"}) == "identity");  // httplib alone would send gzip
    CHECK(normalized({"deflate", "gzip"}) == "gzip");   // repeated fields form one list
    CHECK(normalized({}) == "(none)");
}
