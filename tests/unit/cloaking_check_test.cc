#include "checks/cloaking/cloaking_check.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/corpus/corpus.h"

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

const std::string kUrl = "https://www.acme.example/";

// One fetch: the body, where it ended and its features, kept together.
struct Fetch {
    std::string final_url;
    std::string body;
    PageFeatures features;
    Fetch(std::string html, std::string url = kUrl)
        : final_url(std::move(url)),
          body(std::move(html)),
          features(extract_features(body, final_url)) {}
    CloakingView view() const { return {final_url, body, features}; }
};

Findings compare(const Fetch& visitor, const Fetch& crawler, const SignatureIds& baseline = {}) {
    return check_cloaking(visitor.view(), crawler.view(), baseline);
}

// Acme's home page; `news` is the rotating part, `extra` lands at the end of the body; an
// empty title or news list means the usual one.
std::string acme_page(std::string title = "Acme Widgets — Home", std::string news = {},
                      std::string extra = {}, std::string token = "a81f3c9e7d",
                      std::string time = "2026-11-24 17:02:11") {
    if (title.empty()) title = "Acme Widgets — Home";
    if (news.empty())
        news =
            "<li><a href=\"https://news.example/widgets-2027\">Widgets in 2027</a></li>"
            "<li><a href=\"https://trade.example/fair\">Acme at the trade fair</a></li>"
            "<li><a href=\"/blog/new-factory\">Our new factory</a></li>";
    return "<!doctype html><html lang=\"en\"><head><title>" + title +
           "</title><meta name=\"description\" content=\"Acme builds widgets\"></head><body>"
           "<header><nav><a href=\"/\">Home</a> <a href=\"/products\">Products</a> <a "
           "href=\"/contact\">Contact</a></nav></header><main><h1>Acme Widgets</h1>"
           "<p>Acme has built precision widgets for industry since 1952.</p>"
           "<p>Every widget is tested twice before it leaves our factory in Springfield.</p>"
           "<section><h2>News</h2><ul>" +
           news +
           "</ul></section><form action=\"/subscribe\"><input type=\"hidden\" name=\"csrf_token\" "
           "value=\"" +
           token + "\"><input name=\"email\"></form></main><footer><p>Page generated " + time +
           "</p><p>Follow us: <a href=\"https://www.facebook.com/acme\">Facebook</a> <a "
           "href=\"https://www.linkedin.com/company/acme\">LinkedIn</a></p></footer><div>" +
           extra + "</div></body></html>";
}

std::string link_farm(int hosts, std::string anchor = "best replica watches", bool hidden = true) {
    std::string out = hidden ? "<div style=\"display:none\">" : "<div>";
    for (int i = 0; i < hosts; ++i)
        out += "<a href=\"https://shop" + std::to_string(i) + ".spam-outlet.top/\">" + anchor +
               " " + std::to_string(i) + "</a> ";
    return out + "</div>";
}

}  // namespace

TEST_CASE("a crawler shown the same page as visitors is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(acme_page());
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a crawler page that differs only in load noise is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    // Another time, another token, the news list in another order.
    const Fetch crawler(
        acme_page("Acme Widgets — Home",
                  "<li><a href=\"/blog/new-factory\">Our new factory</a></li>"
                  "<li><a href=\"https://trade.example/fair\">Acme at the trade fair</a></li>"
                  "<li><a href=\"https://news.example/widgets-2027\">Widgets in 2027</a></li>",
                  {}, "ffee0011", "2026-11-24 17:02:14"));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a crawler page with other news items and another ad is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page({}, {}, "<a href=\"https://ads.example/click?id=1\">Ad</a>"));
    const Fetch crawler(
        acme_page({},
                  "<li><a href=\"https://press.example/acme\">Acme in the press</a></li>"
                  "<li><a href=\"https://wire.example/widgets\">Widget prices fall</a></li>"
                  "<li><a href=\"/blog/new-factory\">Our new factory</a></li>",
                  "<a href=\"https://ads2.example/click?id=9\">Sponsored</a>"));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a news site rotating a few linked sources is not cloaking", "[cloaking]") {
    std::string many, rotated;
    for (int i = 0; i < 40; ++i)
        many += "<li><a href=\"https://source" + std::to_string(i) + ".example/story\">Story " +
                std::to_string(i) + "</a></li>";
    for (int i = 5; i < 45; ++i)
        rotated += "<li><a href=\"https://source" + std::to_string(i) + ".example/story\">Story " +
                   std::to_string(i) + "</a></li>";
    const Fetch visitor(acme_page({}, many));
    const Fetch crawler(acme_page({}, rotated));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("spam links shown only to the crawler are cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(acme_page({}, {}, link_farm(12)));
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    const Finding& f = findings.front();
    CHECK(f.condition == Condition::defaced);
    CHECK(f.severity == Severity::critical);
    CHECK(f.check == "cloaking");
    CHECK(f.evidence.rule == "cloaking.spam");
    CHECK(f.summary == "search engines are shown different content: spam links to 12 hosts");
    CHECK(f.evidence.excerpt.starts_with("links only the crawler sees: shop0.spam-outlet.top, "));
    CHECK(f.evidence.excerpt.ends_with("(12 of the hosts in hidden links)"));
    INFO("before: " << f.evidence.before << "\nafter: " << f.evidence.after);
    CHECK(f.evidence.before.starts_with("title “Acme Widgets — Home”; links to 4 other hosts"));
    CHECK(f.evidence.after.starts_with(
        "title “Acme Widgets — Home”; links to 16 other hosts (12 hidden links)"));
}

TEST_CASE("links to two new hosts are not enough to call it cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(acme_page({}, {}, link_farm(2)));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("pharma links shown only to the crawler are cloaking and named", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(acme_page({}, {}, link_farm(5, "buy viagra")));
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "search engines are shown different content: pharma spam link ('buy viagra'), spam "
          "links to 5 hosts");
    CHECK(findings[0].evidence.excerpt.find("buy viagra") != std::string::npos);
}

TEST_CASE("a strong spam signature shown only to the crawler is cloaking on its own",
          "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(acme_page({}, {}, "<p>Situs slot gacor terpercaya hari ini</p>"));
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "search engines are shown different content: Indonesian gambling spam ('slot gacor', "
          "'bandar togel')");
}

TEST_CASE("a spam signature the visitors also see is not cloaking", "[cloaking]") {
    const std::string spam = "<p>Situs slot gacor terpercaya hari ini</p>";
    const Fetch visitor(acme_page({}, {}, spam));
    const Fetch crawler(acme_page({}, {}, spam + "<p>maxwin</p>"));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a signature the site's baseline already has is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(acme_page({}, {}, "<p>Situs slot gacor terpercaya hari ini</p>"));
    CHECK(compare(visitor, crawler, {"gambling_spam_id"}).empty());
}

TEST_CASE("a weak spam term in one rotated news item is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(
        acme_page({},
                  "<li><a href=\"/blog/regulation\">Regulators warn about online casino bonus "
                  "offers</a></li><li><a href=\"https://trade.example/fair\">Acme at the trade "
                  "fair</a></li><li><a href=\"/blog/new-factory\">Our new factory</a></li>"));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a weak spam term on a crawler page that is mostly other text is cloaking",
          "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler(
        "<html><head><title>Acme Widgets — Home</title></head><body><h1>Top casinos</h1>"
        "<p>The best online casinos of 2026, ranked.</p><p>Claim free spins no deposit "
        "today.</p><p>Fast payouts and daily offers.</p></body></html>");
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary == "search engines are shown different content: casino spam phrase");
    CHECK(findings[0].evidence.after.find("keeps 0 % of the visitors' text blocks") !=
          std::string::npos);
}

TEST_CASE("a Japanese title and text shown only to the crawler are cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const std::string title = "激安 腕時計 通販 ブランド 人気 ランキング";
    const Fetch crawler(acme_page(
        title, {},
        "<p>人気の腕時計を激安価格で通販しています。送料無料、当日発送、お支払いは代引きも"
        "ご利用いただけます。新作のブランド腕時計を毎日入荷しています。</p>"));
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "search engines are shown different content: Japanese text, title “" + title + "”");
    CHECK(findings[0].evidence.excerpt == "the crawler's title: " + title);
}

TEST_CASE("a title that differs in the same script is not cloaking on its own", "[cloaking]") {
    const Fetch visitor(acme_page("Acme Widgets — Home"));
    const Fetch crawler(acme_page("Acme Widgets — Precision widgets since 1952"));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a Japanese site is not cloaking because its title changes", "[cloaking]") {
    const std::string body = "<p>アクメは1952年から精密なウィジェットを作っています。</p>";
    const Fetch visitor(acme_page("アクメ ウィジェット", {}, body));
    const Fetch crawler(acme_page("アクメ ウィジェット | ホーム", {}, body));
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a crawler redirected to another host is cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    const Fetch crawler("<html><head><title>Cheap pills</title></head><body>x</body></html>",
                        "https://pills-outlet.top/landing");
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary.starts_with(
        "search engines are shown different content: a redirect to pills-outlet.top"));
    CHECK(findings[0].evidence.excerpt ==
          "the crawler is sent to https://pills-outlet.top/landing");
    CHECK(findings[0].evidence.before.ends_with("ends on www.acme.example"));
    CHECK(findings[0].evidence.after.find("ends on pills-outlet.top") != std::string::npos);
}

TEST_CASE("a crawler redirected between www and the bare domain is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page(), "https://www.acme.example/");
    const Fetch crawler(acme_page(), "https://acme.example/");
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("both views redirected to the same new domain is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page(), "https://acme-widgets.example/");
    const Fetch crawler(acme_page(), "https://acme-widgets.example/");
    CHECK(compare(visitor, crawler).empty());
}

TEST_CASE("a meta refresh to another host shown only to the crawler is cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    std::string page = acme_page();
    page.replace(page.find("</head>"), 7,
                 "<meta http-equiv=\"refresh\" content=\"0; url=https://casino-bonus.top/?r=acme\">"
                 "</head>");
    const Fetch crawler(page);
    const Findings findings = compare(visitor, crawler);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "search engines are shown different content: a redirect to casino-bonus.top");
}

TEST_CASE("a script redirect to another host shown only to the crawler is cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    std::string page = acme_page();
    page.replace(page.find("</head>"), 7,
                 "<script>if(document.referrer.indexOf('google')>0){window.location.href="
                 "\"https://sweep-prize.top/claim/?src=acme\";}</script></head>");
    const Findings findings = compare(visitor, Fetch(page));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].summary ==
          "search engines are shown different content: a script redirect to sweep-prize.top");
    CHECK(findings[0].evidence.excerpt == "a script sends the browser to sweep-prize.top");
}

TEST_CASE("a script redirect the visitors also get, or within the site, is not cloaking",
          "[cloaking]") {
    std::string both = acme_page();
    both.replace(both.find("</head>"), 7,
                 "<script>location.replace('https://acme-shop.example/');</script></head>");
    CHECK(compare(Fetch(both), Fetch(both)).empty());
    std::string own = acme_page();
    own.replace(own.find("</head>"), 7,
                "<script>if(!document.cookie)location.href='/welcome';"
                "location.href = \"https://acme.example/x\";</script></head>");
    CHECK(compare(Fetch(acme_page()), Fetch(own)).empty());
}

TEST_CASE("a meta refresh within the site is not cloaking", "[cloaking]") {
    const Fetch visitor(acme_page());
    std::string page = acme_page();
    page.replace(page.find("</head>"), 7,
                 "<meta http-equiv=\"refresh\" content=\"300; url=/\"></head>");
    CHECK(compare(visitor, Fetch(page)).empty());
}

// Two benign loads of each corpus site (rotating news, timers, tokens, a new post) compared as
// visitor and crawler: never cloaking. And the corpus's spam and defacement variants served
// only to the crawler: the link-farm, Japanese and redirect ones are caught.
TEST_CASE("benign loads of the corpus sites never look like cloaking", "[cloaking]") {
    const auto sites = sitewatch::corpus::load_corpus(SITEWATCH_CORPUS_DIR);
    REQUIRE_FALSE(sites.empty());
    int compared = 0;
    for (const auto& site : sites) {
        const auto url_of = [&](const sitewatch::corpus::CorpusPage& p) {
            return p.final_url.empty() ? site.url : p.final_url;
        };
        const Fetch visitor(site.learning.front().html, url_of(site.learning.front()));
        std::vector<const sitewatch::corpus::CorpusPage*> benign;
        for (const auto& p : site.learning) benign.push_back(&p);
        for (const auto& p : site.cases)
            if (!p.expected) benign.push_back(&p);
        for (const auto* p : benign) {
            const Fetch crawler(p->html, url_of(*p));
            const Findings findings = compare(visitor, crawler);
            INFO(site.name << " " << p->name << ": "
                           << (findings.empty() ? "" : findings.front().summary));
            CHECK(findings.empty());
            ++compared;
        }
        int caught = 0, defaced = 0;
        for (const auto& p : site.cases) {
            if (p.expected != Condition::defaced) continue;
            ++defaced;
            const Findings findings = compare(visitor, Fetch(p.html, url_of(p)));
            caught += findings.empty() ? 0 : 1;
            if (findings.empty()) WARN(site.name << " " << p.name << " not seen as cloaking");
        }
        // Not every defacement is spam meant for crawlers (an injected script shows nothing
        // a crawler comparison sees), so this is reported, not required.
        WARN(site.name << ": " << caught << " of " << defaced
                       << " defaced variants caught when shown only to the crawler");
    }
    CHECK(compared > 20);
}
