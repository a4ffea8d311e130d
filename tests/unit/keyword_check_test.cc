#include "checks/keywords/keyword_check.h"

#include <catch2/catch.hpp>
#include <string>

#include "checks/text/excerpt.h"

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

const std::string kHealthy =
    "<!doctype html><html><head><title>Acme Corp — Home</title></head><body><h1>Acme "
    "Corp</h1><p>Widgets since 1952.</p><footer>© 2026 Acme Corp</footer></body></html>";

}  // namespace

TEST_CASE("a page with every expected keyword and no forbidden one passes", "[keywords]") {
    const KeywordMatcher m({"Acme Corp", "re:©\\s*20\\d\\d Acme"}, {"Hacked by"});
    CHECK(m.invalid().empty());
    CHECK(m.check(kHealthy).empty());
}

TEST_CASE("no keywords configured means no findings", "[keywords]") {
    const KeywordMatcher m(CheckSpec{});
    CHECK(m.empty());
    CHECK(m.check(kHealthy).empty());
    CHECK(m.check("").empty());
}

TEST_CASE("a missing expected keyword shows an error and quotes the page's title", "[keywords]") {
    CheckSpec spec;
    spec.must_contain = {"Acme Corp", "Order online"};
    const KeywordMatcher m(spec);
    const auto findings = m.check(
        "<html><head><title>Database Error</title></head><body><h1>Error establishing a "
        "database connection</h1></body></html>");
    REQUIRE(findings.size() == 2);
    const Finding& f = findings.front();
    CHECK(f.condition == Condition::error);
    CHECK(f.severity == Severity::critical);
    CHECK(f.check == "keyword");
    CHECK(f.summary == "expected text “Acme Corp” is missing");
    CHECK(f.evidence.rule == "keyword.must_contain");
    CHECK(f.evidence.before == "Acme Corp");
    CHECK(f.evidence.excerpt == "page title: Database Error");
    CHECK(findings[1].evidence.before == "Order online");
}

TEST_CASE("a missing keyword on a page without a title quotes the page's start", "[keywords]") {
    const KeywordMatcher m({"Acme"}, {});
    auto findings = m.check("Service\n\tUnavailable");
    REQUIRE(findings.size() == 1);
    CHECK(findings.front().evidence.excerpt == "page starts: Service Unavailable");
    findings = m.check("");
    REQUIRE(findings.size() == 1);
    CHECK(findings.front().evidence.excerpt == "the page is empty");
}

TEST_CASE("a forbidden keyword on the page means defaced, quoted with its surroundings",
          "[keywords]") {
    CheckSpec spec;
    spec.must_not_contain = {"Hacked by"};
    const KeywordMatcher m(spec);
    const std::string body = std::string(300, 'a') + "<h1>Hacked by\nMr.X</h1>" +
                             "<p>Hacked by "
                             "again</p>" +
                             std::string(300, 'b');
    const auto findings = m.check(body);
    REQUIRE(findings.size() == 1);  // one finding per keyword, at its first occurrence
    const Finding& f = findings.front();
    CHECK(f.condition == Condition::defaced);
    CHECK(f.severity == Severity::critical);
    CHECK(f.summary == "forbidden text “Hacked by” is on the page");
    CHECK(f.evidence.rule == "keyword.must_not_contain");
    CHECK(f.evidence.after == "Hacked by");
    CHECK(f.evidence.excerpt.find("<h1>Hacked by Mr.X</h1>") != std::string::npos);
    CHECK(f.evidence.excerpt.starts_with("…"));
    CHECK(f.evidence.excerpt.ends_with("…"));
}

TEST_CASE("plain keywords are literal text, matched exactly as written", "[keywords]") {
    const KeywordMatcher m({"Price: $9.99 (incl. VAT)"}, {"a+b"});
    CHECK(m.invalid().empty());
    CHECK(m.check("<p>Price: $9.99 (incl. VAT)</p>").empty());
    // The dot and parentheses are not regex syntax: a near miss is still missing.
    CHECK(m.check("<p>Price: $9x99 (incl. VAT)</p>").size() == 1);
    // Case matters for plain text.
    CHECK(m.check("<p>price: $9.99 (incl. vat)</p>").size() == 1);
    // "a+b" means the three characters, not "one or more a, then b".
    CHECK(m.check("Price: $9.99 (incl. VAT) aab").empty());
    const auto f = m.check("Price: $9.99 (incl. VAT) a+b");
    REQUIRE(f.size() == 1);
    CHECK(f.front().evidence.after == "a+b");
}

TEST_CASE("re: keywords are RE2 patterns and can ask for any case", "[keywords]") {
    const KeywordMatcher m({"re:©\\s*20\\d\\d Acme"}, {"re:(?i)hacked\\s+by\\s+\\w+"});
    CHECK(m.check("<footer>©  2031 Acme</footer>").empty());
    const auto findings = m.check("<footer>(c) 2031 Acme</footer><h1>HACKED  BY zed</h1>");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].evidence.rule == "keyword.must_contain");
    CHECK(findings[0].evidence.before == "re:©\\s*20\\d\\d Acme");
    CHECK(findings[1].evidence.rule == "keyword.must_not_contain");
    CHECK(findings[1].evidence.after == "HACKED BY zed");  // one line: the run of spaces folds
}

TEST_CASE("both lists are checked in one matcher, findings in configured order", "[keywords]") {
    const KeywordMatcher m({"alpha", "beta", "gamma"}, {"casino", "viagra"});
    const auto findings = m.check("beta viagra casino");
    REQUIRE(findings.size() == 4);
    CHECK(findings[0].evidence.before == "alpha");
    CHECK(findings[1].evidence.before == "gamma");
    CHECK(findings[2].evidence.after == "casino");
    CHECK(findings[3].evidence.after == "viagra");
}

TEST_CASE("hundreds of keywords are answered by one matcher in one pass", "[keywords]") {
    std::vector<std::string> expected, forbidden;
    std::string body = "<p>";
    for (int i = 0; i < 300; ++i) {
        expected.push_back("product-" + std::to_string(i) + ";");
        forbidden.push_back("re:spam-" + std::to_string(i) + "\\b");
        if (i % 3 != 0) body += "product-" + std::to_string(i) + "; ";  // every third is gone
        if (i % 100 == 7) body += "spam-" + std::to_string(i) + " ";    // three are forbidden
    }
    const KeywordMatcher m(expected, forbidden);
    CHECK(m.invalid().empty());
    const auto findings = m.check(body);
    REQUIRE(findings.size() == 100 + 3);
    CHECK(findings.front().evidence.before == "product-0;");
    CHECK(findings[99].evidence.before == "product-297;");
    CHECK(findings[100].evidence.after == "spam-7");
    CHECK(findings[102].evidence.after == "spam-207");
}

TEST_CASE("a keyword that does not compile is reported and left out", "[keywords]") {
    const KeywordMatcher m({"re:(unclosed", "Acme"}, {});
    REQUIRE(m.invalid() == std::vector<std::string>{"re:(unclosed"});
    CHECK(m.check("Acme").empty());
    CHECK(m.check("nothing").size() == 1);
}

TEST_CASE("invalid UTF-8 in the body is matched safely and never quoted raw", "[keywords]") {
    const KeywordMatcher m({"Acme"}, {"hacked"});
    const std::string body = "\xFF\xFE\xC3 Acme \xE2\x82 hacked \xF0\x9F\x98";
    const auto findings = m.check(body);
    REQUIRE(findings.size() == 1);
    CHECK(findings.front().evidence.after == "hacked");
    const std::string& ex = findings.front().evidence.excerpt;
    CHECK(ex.find("\xFF") == std::string::npos);
    CHECK(ex.find("\xEF\xBF\xBD") != std::string::npos);
    CHECK(ex.find("Acme") != std::string::npos);
}

TEST_CASE("keywords in UTF-8 match UTF-8 text", "[keywords]") {
    const KeywordMatcher m({"Müller & Söhne", "re:東京\\s*本社"}, {"сайт взломан"});
    CHECK(m.check("<p>Müller & Söhne — 東京 本社</p>").empty());
    const auto f = m.check("<p>Müller & Söhne — 東京本社 — сайт взломан</p>");
    REQUIRE(f.size() == 1);
    CHECK(f.front().evidence.after == "сайт взломан");
}

TEST_CASE("an excerpt is one bounded line, cut on character boundaries", "[keywords]") {
    const std::string text = std::string(200, 'a') + "é" + "KEY" + "é" + std::string(200, 'b');
    const std::size_t pos = text.find("KEY");
    const std::string ex = excerpt_around(text, pos, 3, 20);
    CHECK(ex.find("KEY") != std::string::npos);
    CHECK(ex.starts_with("…"));
    CHECK(ex.ends_with("…"));
    CHECK(ex.size() <= 20 + 2 * std::string("…").size());
    // An odd width that would split "é" drops the half character instead.
    for (std::size_t w = 3; w < 12; ++w) {
        const std::string e = excerpt_around(text, pos, 3, w);
        CHECK(e.find("\xEF\xBF\xBD") == std::string::npos);
    }
    CHECK(excerpt_around("short\r\n\ttext", 0, 5) == "short text");
    CHECK(one_line("a\n\n b", 120) == "a b");
    CHECK(one_line(std::string(50, 'x'), 10) == std::string(10, 'x') + "…");
}
