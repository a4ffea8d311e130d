#include "checks/url/resolve_url.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace sitewatch::checks;

namespace {

struct Case {
    const char* ref;
    const char* expected;
};

void check_table(const char* base, const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        INFO("base " << base << " ref \"" << c.ref << "\"");
        CHECK(resolve_url(base, c.ref) == c.expected);
    }
}

}  // namespace

TEST_CASE("references resolve as in the normal examples of RFC 3986 5.4.1", "[url]") {
    // "g:h" is an absolute URL of another scheme: nothing a page loads over http(s).
    check_table("http://a/b/c/d;p?q", {
                                          {"g:h", ""},
                                          {"g", "http://a/b/c/g"},
                                          {"./g", "http://a/b/c/g"},
                                          {"g/", "http://a/b/c/g/"},
                                          {"/g", "http://a/g"},
                                          {"//g", "http://g/"},
                                          {"?y", "http://a/b/c/d;p?y"},
                                          {"g?y", "http://a/b/c/g?y"},
                                          {"#s", "http://a/b/c/d;p?q"},
                                          {"g#s", "http://a/b/c/g"},
                                          {"g?y#s", "http://a/b/c/g?y"},
                                          {";x", "http://a/b/c/;x"},
                                          {"g;x", "http://a/b/c/g;x"},
                                          {"g;x?y#s", "http://a/b/c/g;x?y"},
                                          {"", "http://a/b/c/d;p?q"},
                                          {".", "http://a/b/c/"},
                                          {"./", "http://a/b/c/"},
                                          {"..", "http://a/b/"},
                                          {"../", "http://a/b/"},
                                          {"../g", "http://a/b/g"},
                                          {"../..", "http://a/"},
                                          {"../../", "http://a/"},
                                          {"../../g", "http://a/g"},
                                      });
}

TEST_CASE("references resolve as in the abnormal examples of RFC 3986 5.4.2", "[url]") {
    check_table("http://a/b/c/d;p?q", {
                                          {"../../../g", "http://a/g"},
                                          {"../../../../g", "http://a/g"},
                                          {"/./g", "http://a/g"},
                                          {"/../g", "http://a/g"},
                                          {"g.", "http://a/b/c/g."},
                                          {".g", "http://a/b/c/.g"},
                                          {"g..", "http://a/b/c/g.."},
                                          {"..g", "http://a/b/c/..g"},
                                          {"./../g", "http://a/b/g"},
                                          {"./g/.", "http://a/b/c/g/"},
                                          {"g/./h", "http://a/b/c/g/h"},
                                          {"g/../h", "http://a/b/c/h"},
                                          {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
                                          {"g;x=1/../y", "http://a/b/c/y"},
                                          {"g?y/./x", "http://a/b/c/g?y/./x"},
                                          {"g?y/../x", "http://a/b/c/g?y/../x"},
                                          {"g#s/./x", "http://a/b/c/g"},
                                          {"g#s/../x", "http://a/b/c/g"},
                                          // The backward-compatible reading browsers use.
                                          {"http:g", "http://a/b/c/g"},
                                      });
}

TEST_CASE("asset references on a real page resolve to what a browser fetches", "[url]") {
    check_table("https://www.Example.com/blog/post.html?id=7#top",
                {
                    {"https://cdn.example.net/lib.js", "https://cdn.example.net/lib.js"},
                    {"HTTP://Example.COM/A.css", "http://example.com/A.css"},
                    {"//static.example.com/app.js?v=3", "https://static.example.com/app.js?v=3"},
                    {"/wp-content/themes/x/style.css?ver=6.4",
                     "https://www.example.com/wp-content/themes/x/style.css?ver=6.4"},
                    {"css/site.css", "https://www.example.com/blog/css/site.css"},
                    {"../assets/app.js", "https://www.example.com/assets/app.js"},
                    {"?page=2", "https://www.example.com/blog/post.html?page=2"},
                    {"#comments", "https://www.example.com/blog/post.html?id=7"},
                    {"  /a.js \n", "https://www.example.com/a.js"},
                    {"/wp-\ncontent/a.js", "https://www.example.com/wp-content/a.js"},
                    {"\\\\evil.example\\x.js", "https://evil.example/x.js"},
                    {"https://user@Host.Example:8443/x", "https://user@host.example:8443/x"},
                    {"https://example.com", "https://example.com/"},
                });
}

TEST_CASE("references that are not http(s) resolve to nothing", "[url]") {
    check_table("https://example.com/", {
                                            {"javascript:void(0)", ""},
                                            {"JavaScript:alert(1)", ""},
                                            {"data:text/css;base64,Ym9keXt9", ""},
                                            {"mailto:info@example.com", ""},
                                            {"tel:+15551234", ""},
                                            {"ftp://files.example.com/x", ""},
                                            {"http:///nohost", ""},
                                        });
    CHECK(resolve_url("file:///etc/passwd", "x.css").empty());
    CHECK(resolve_url("", "/x.css").empty());
    CHECK(resolve_url("not a url", "/x.css").empty());
}

TEST_CASE("a base URL without a path resolves relative references from the root", "[url]") {
    check_table("https://example.com", {
                                           {"a.css", "https://example.com/a.css"},
                                           {"./a.css", "https://example.com/a.css"},
                                           {"../a.css", "https://example.com/a.css"},
                                           {"?q", "https://example.com/?q"},
                                       });
}
