#include "checks/content/content_hash.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "checks/content/normalise.h"
#include "checks/content/page_features.h"

using namespace sitewatch::checks;

namespace {

// What changes on every load of a real page.
struct Load {
    std::string generated = "2026-11-24 09:14:55";
    std::string csrf = "f3a9c1d27b8e4c06a1d9e5b7c3f2a8d4";
    std::string nonce = "rAnd0mN0nce+Q9z==";
    std::string ver = "6.4.2";
    std::string gap = " ";  // whitespace the template happens to emit
    std::string views = "1,204";
};

std::string company_page(const Load& l, const std::string& body_extra = "") {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Northwind Consulting</title>"
           "<meta name=\"csrf-token\" content=\"" +
           l.csrf +
           "\">"
           "<link rel=\"stylesheet\" href=\"/static/site.css?ver=" +
           l.ver +
           "\">"
           "<script nonce=\"" +
           l.nonce + "\">window.__CSRF__ = \"" + l.csrf +
           "\";</script>"
           "</head><body>" +
           l.gap + "<header><nav><a href=\"/\">Home</a>" + l.gap +
           "<a href=\"/services?v=" + l.ver +
           "\">Services</a></nav></header>\n"
           "<main><h1>Logistics advice that pays for itself</h1>" +
           l.gap +
           "<p>We help mid-sized firms cut freight costs by planning routes, not guessing them.</p>"
           "<form method=\"post\" action=\"/contact\"><input type=\"hidden\" name=\"csrf_token\" "
           "value=\"" +
           l.csrf + "\"><button>Ask us</button></form>" + body_extra +
           "</main><footer><p>This article was read " + l.views +
           " times.</p>"
           "<p>Page generated " +
           l.generated + " in 0.0" + std::to_string(l.views.size()) +
           " s</p></footer></body></html>";
}

std::string hash_of(const std::string& html) {
    return content_hash(extract_features(html, "https://northwind.example/"));
}

std::string news_page(const std::vector<int>& items) {
    std::string html =
        "<html><body><header><h1>Town of Elmford</h1><nav><a href=\"/\">Home</a>"
        "</nav></header><main><ul class=\"news\">";
    for (int i : items)
        html += "<li><h3>Council note " + std::string(1, static_cast<char>('A' + i)) +
                "</h3><p>Update on item " + std::string(1, static_cast<char>('a' + i)) +
                " of the agenda for residents.</p></li>";
    html += "</ul></main><footer><p>Elmford Town Hall, Market Square</p></footer></body></html>";
    return html;
}

}  // namespace

TEST_CASE("sha256_hex gives the standard digest", "[content]") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("normalisation removes times, dates, counters and whitespace but keeps words",
          "[content]") {
    CHECK(normalise_text("  Page generated\t2026-11-24 09:14:55 \n in 0.231 s ") ==
          "Page generated # #:#:# in #.# s");
    CHECK(normalise_text("Read 1,204 times, 5min ago") == "Read #,# times, #min ago");
    CHECK(normalise_text("epoch 1700000000") == "epoch #");
    CHECK(normalise_text("Posted on November 24, 2026") == normalise_text("Posted on Dec 1, 2026"));
    CHECK(normalise_text("Mon, 24 Nov 2026") == "@, # @ #");
    CHECK(normalise_text("You may march on") == "You may march on");
    CHECK(normalise_text("Windows11 x86_64 and C++") == "Windows# x#_# and C++");
    CHECK(normalise_text("internationalization stays") == "internationalization stays");
    CHECK(normalise_text("a\xC2\xA0"
                         "b\xE3\x80\x80"
                         "c") == "a b c");
    CHECK(normalise_text("").empty());
}

TEST_CASE("normalisation replaces tokens, nonces, session ids and cache busters", "[content]") {
    CHECK(normalise_text("request f3a9c1d27b8e4c06a1d9 done") == "request ~ done");
    CHECK(normalise_text("id 550e8400-e29b-41d4-a716-446655440000") == "id ~");
    CHECK(normalise_text(R"(<input type="hidden" name="_wpnonce" value="9f8e7d6c5b">)") ==
          R"(<input type="hidden" name="_wpnonce" value="~">)");
    CHECK(normalise_text(R"(<input name="__VIEWSTATE" value="/wEPDwUKLTI2/Nz+Y=">)") ==
          R"(<input name="__VIEWSTATE" value="~">)");
    CHECK(normalise_text(R"(<script nonce="rAnd0m+Q9z==">)") == R"(<script nonce="~">)");
    CHECK(normalise_text(R"({"csrfToken": "abc", "x": 1})") == R"({"csrfToken": "~", "x": #})");
    CHECK(normalise_text("/cart;jsessionid=A1B2C3?x") == "/cart;jsessionid=~?x");
    CHECK(normalise_text("style.css?ver=6.4.2") == "style.css?ver=~");
    CHECK(normalise_text("app.js?v=a1b2c3&amp;cb=99&id=7") == "app.js?v=~&amp;cb=~&id=#");
    CHECK(normalise_text("search?q=roses&_=1700000000123") == "search?q=roses&_=~");
}

TEST_CASE("a site's ignore patterns are removed as regular expressions or plain text",
          "[content]") {
    const TextNormaliser n({"re:Visitors online: [a-z]+", "(beta)", "re:("});
    CHECK(n.ignore_count() == 2);  // the broken pattern is skipped
    CHECK(n.normalise("Welcome (beta) Visitors online: many today") == "Welcome today");
    CHECK(n.normalise("Welcome beta") == "Welcome beta");  // plain text is literal
    CHECK(TextNormaliser().normalise(" a  b ") == "a b");
}

TEST_CASE(
    "a page that differs only by timestamp, CSRF token, nonce, ?ver= and whitespace "
    "hashes the same",
    "[content]") {
    const Load first;
    Load second;
    second.generated = "2026-11-25 17:02:03";
    second.csrf = "0b7e6d5c4a3928170f1e2d3c4b5a6978";
    second.nonce = "Zx81Qp0Lw7+Kk==";
    second.ver = "6.5.0";
    second.gap = " \n\t  ";
    second.views = "1,205";
    const std::string a = company_page(first);
    const std::string b = company_page(second);
    REQUIRE(a != b);
    CHECK(hash_of(a) == hash_of(b));
    CHECK(hash_of(a).size() == 64);

    const auto fa = extract_features(a, "https://northwind.example/");
    const auto fb = extract_features(b, "https://northwind.example/");
    CHECK(block_similarity(block_hashes(fa), block_hashes(fb)) == 1.0);
    CHECK(block_jaccard(block_hashes(fa), block_hashes(fb)) == 1.0);
}

TEST_CASE("a changed sentence, a new element or a new title changes the content hash",
          "[content]") {
    const Load l;
    const std::string base = company_page(l);
    std::string reworded = base;
    reworded.replace(reworded.find("cut freight costs"), 17, "cut fuel costs");
    CHECK(hash_of(reworded) != hash_of(base));

    CHECK(hash_of(company_page(l, "<iframe src=\"https://x.example/\"></iframe>")) !=
          hash_of(base));

    std::string retitled = base;
    retitled.replace(retitled.find("Northwind Consulting"), 20, "Hacked by Nobody");
    CHECK(hash_of(retitled) != hash_of(base));
}

TEST_CASE("the site's ignore patterns keep a volatile region out of the content hash",
          "[content]") {
    const Load l;
    const std::string a = company_page(l, "<p>Quote of the day: Fortune favours the bold.</p>");
    const std::string b = company_page(l, "<p>Quote of the day: Less is more.</p>");
    const auto fa = extract_features(a, "https://northwind.example/");
    const auto fb = extract_features(b, "https://northwind.example/");
    CHECK(content_hash(fa) != content_hash(fb));
    const TextNormaliser ignore_quote({"re:Quote of the day: [^.]*\\."});
    CHECK(content_hash(fa, ignore_quote) == content_hash(fb, ignore_quote));
}

TEST_CASE("a longer or shorter list of the same kind keeps the page skeleton", "[content]") {
    const auto eight = extract_features(news_page({0, 1, 2, 3, 4, 5, 6, 7}), "https://e.example/");
    const auto five = extract_features(news_page({3, 4, 5, 6, 7}), "https://e.example/");
    CHECK(eight.skeleton == five.skeleton);
    CHECK_THAT(eight.skeleton, Catch::StartsWith("body(header(h1()nav(a()))main(ul(li(h3()p()))"));
}

TEST_CASE("block similarity measures how much of the baseline's text survived", "[content]") {
    std::vector<int> twenty;
    for (int i = 0; i < 20; ++i) twenty.push_back(i);
    const auto base = extract_features(news_page(twenty), "https://e.example/");

    SECTION("a shuffled list is the same content") {
        std::vector<int> shuffled(twenty.rbegin(), twenty.rend());
        const auto f = extract_features(news_page(shuffled), "https://e.example/");
        CHECK(block_similarity(block_hashes(base), block_hashes(f)) == 1.0);
        CHECK(block_jaccard(block_hashes(base), block_hashes(f)) == 1.0);
    }
    SECTION("three of twenty news items rotated is a small change") {
        std::vector<int> rotated(twenty.begin() + 3, twenty.end());
        rotated.insert(rotated.end(), {20, 21, 22});
        const auto f = extract_features(news_page(rotated), "https://e.example/");
        const double s = block_similarity(block_hashes(base), block_hashes(f));
        CHECK(s > 0.8);
        CHECK(s < 1.0);
    }
    SECTION("a defacement page that replaced the template keeps nothing") {
        const auto f = extract_features(
            "<html><body bgcolor=black><h1>HACKED BY X</h1><p>greetz to all</p></body></html>",
            "https://e.example/");
        CHECK(block_similarity(block_hashes(base), block_hashes(f)) == 0.0);
        CHECK(block_jaccard(block_hashes(base), block_hashes(f)) == 0.0);
    }
    SECTION("added blocks leave containment whole but lower the Jaccard index") {
        const auto f = extract_features(
            news_page(twenty) + "<div><p>Buy cheap pills</p><p>Best casino</p></div>",
            "https://e.example/");
        CHECK(block_similarity(block_hashes(base), block_hashes(f)) == 1.0);
        CHECK(block_jaccard(block_hashes(base), block_hashes(f)) < 1.0);
    }
}

TEST_CASE("block similarity of empty and duplicate block lists", "[content]") {
    CHECK(block_similarity({}, {}) == 1.0);
    CHECK(block_similarity({}, {1, 2}) == 1.0);
    CHECK(block_similarity({1, 2}, {}) == 0.0);
    CHECK(block_similarity({1, 1, 1, 2}, {1}) == 0.5);  // distinct blocks, not repetitions
    CHECK(block_jaccard({}, {}) == 1.0);
    CHECK(block_jaccard({1, 2, 3}, {2, 3, 4}) == 0.5);
}
