#include "checks/content/page_features.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "checks/content/nesting_bound.h"
#include "checks/content/page_features_json.h"

using namespace sitewatch::checks;

namespace {

// A WordPress-like blog home page. `extra` lands just before </body>.
std::string blog_page(const std::string& extra = "") {
    return R"HTML(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Acme Garden Blog &ndash; Notes from the potting shed</title>
<meta name="description" content="Seasonal gardening notes from the Acme team.">
<link rel="stylesheet" href="/wp-content/themes/acme/style.css?ver=6.4.2" media="all">
<link rel='stylesheet' href='https://fonts.googleapis.com/css?family=Lora'>
<link rel="icon" href="https://cdn.icons.example/favicon.ico">
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>
<script>var wpApiSettings = {"root":"https://acme.example/wp-json/","nonce":"a81f3c9d20"};</script>
<style>body { font-family: Lora; }</style>
</head>
<body class="home blog">
<header id="masthead">
  <h1 class="site-title"><a href="/">Acme Garden Blog</a></h1>
  <nav><ul>
    <li><a href="/">Home</a></li>
    <li><a href="/about/">About us</a></li>
    <li><a href="https://acme.example/contact/">Contact</a></li>
  </ul></nav>
</header>
<main>
  <article>
    <h2><a href="/2026/11/winter-roses/">Pruning roses before winter</a></h2>
    <p class="meta">Posted on November 24, 2026</p>
    <p>Cut back by a third and clear   fallen leaves to stop black spot.</p>
  </article>
  <article>
    <h2>Planting garlic</h2>
    <p>Cloves go in pointy end up, a hand's width apart.</p>
    <iframe src="https://www.youtube.com/embed/xyz123" width="560"></iframe>
  </article>
  <noscript><p>Please enable JavaScript for comments.</p></noscript>
  <template><p>Comment template</p></template>
</main>
<aside>
  <h3>Search</h3>
  <form role="search" action="https://acme.example/" method="get">
    <input type="hidden" name="_wpnonce" value="9f8e7d6c5b"><input name="s">
  </form>
</aside>
<footer>
  <p>Follow us: <a href="https://twitter.com/acmegardens">Twitter</a>
     <a href="https://www.facebook.com/acmegardens">Facebook</a>
     <a href="https://twitter.com/acmeshop">Shop news</a>
     <a href="mailto:hello@acme.example">Mail</a> <a href="javascript:void(0)">Top</a></p>
  <img src="https://stats.wp.com/g.gif?blog=123" alt="">
  <img src="/wp-content/uploads/logo.png" alt="Acme">
  <object data="//media.acme-cdn.example/tour.swf"></object>
</footer>
)HTML" + extra +
           R"HTML(
<script>window.dataLayer = window.dataLayer || [];</script>
</body>
</html>
)HTML";
}

// A small shop page with a product grid.
std::string shop_page(const std::string& extra = "") {
    return R"(<!doctype html><html lang="de"><head><title>Bergschuh Laden</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<link rel="stylesheet" href="https://shop.example/assets/app.css?v=8812">
<script src="https://js.stripe.com/v3/"></script></head>
<body><h1>Wanderschuhe</h1>
<ul class="grid">
<li><h3>Gipfel Pro</h3><p>Wasserdichter Lederstiefel.</p><span>149,00 €</span></li>
<li><h3>Talweg Lite</h3><p>Leichter Schuh für Forstwege.</p><span>99,00 €</span></li>
<li><h3>Grat GTX</h3><p>Steigeisenfest, steife Sohle.</p><span>229,00 €</span></li>
</ul>
<form action="/warenkorb" method="post"><button>In den Warenkorb</button></form>
)" + extra +
           R"(</body></html>)";
}

bool has(const std::set<std::string>& s, const std::string& v) { return s.count(v) > 0; }

}  // namespace

TEST_CASE("a blog page yields its title, description, language and headings", "[content]") {
    const auto f = extract_features(blog_page(), "https://acme.example/");
    CHECK(f.own_host == "acme.example");
    CHECK(f.title == "Acme Garden Blog \xE2\x80\x93 Notes from the potting shed");
    CHECK(f.meta_description == "Seasonal gardening notes from the Acme team.");
    CHECK(f.lang == "en-gb");
    CHECK(f.meta_refresh_url.empty());
    CHECK(f.headings == std::vector<std::string>{"Acme Garden Blog", "Pruning roses before winter",
                                                 "Planting garlic", "Search"});
    CHECK_FALSE(f.truncated);
    CHECK(f.html_bytes == blog_page().size());
}

TEST_CASE("resource hosts are collected per element, relative URLs as the page's own host",
          "[content]") {
    const auto f = extract_features(blog_page(), "https://acme.example/");
    CHECK(f.script_hosts == std::set<std::string>{"acme.example"});
    CHECK(f.stylesheet_hosts == std::set<std::string>{"acme.example", "fonts.googleapis.com"});
    CHECK(f.iframe_hosts == std::set<std::string>{"www.youtube.com"});
    CHECK(f.embed_hosts == std::set<std::string>{"media.acme-cdn.example"});
    CHECK(f.form_hosts == std::set<std::string>{"acme.example"});
    CHECK(f.image_hosts == std::set<std::string>{"stats.wp.com", "acme.example"});
}

TEST_CASE("outbound links are counted per host and links to the page's own host are not",
          "[content]") {
    const auto f = extract_features(blog_page(), "https://www.acme.example/");
    CHECK(f.link_hosts == std::map<std::string, int>{{"twitter.com", 2}, {"www.facebook.com", 1}});
    CHECK(f.counts.links == 10);
    CHECK(f.hidden_link_count == 0);
}

TEST_CASE("visible text skips scripts, styles, noscript and templates and collapses whitespace",
          "[content]") {
    const auto f = extract_features(blog_page(), "https://acme.example/");
    CHECK_THAT(f.visible_text,
               Catch::Contains("Cut back by a third and clear fallen leaves to stop black spot."));
    CHECK_THAT(f.visible_text, Catch::StartsWith("Acme Garden Blog Home About us Contact"));
    CHECK_THAT(f.visible_text, !Catch::Contains("wpApiSettings"));
    CHECK_THAT(f.visible_text, !Catch::Contains("font-family"));
    CHECK_THAT(f.visible_text, !Catch::Contains("enable JavaScript"));
    CHECK_THAT(f.visible_text, !Catch::Contains("Comment template"));
    CHECK_THAT(f.visible_text, !Catch::Contains("Notes from the potting shed"));  // the title
    CHECK(f.visible_text.find("  ") == std::string::npos);
    CHECK(f.visible_text.find('\n') == std::string::npos);
    CHECK(f.text_length == f.visible_text.size());
    CHECK(f.hidden_text == "Please enable JavaScript for comments.");  // noscript

    const auto br = extract_features("<p>12 Market Square<br>Elmford</p>", "https://e.example/");
    CHECK(br.visible_text == "12 Market Square Elmford");
    REQUIRE(br.blocks.size() == 1);  // <body> holds no text of its own: no block
    CHECK(br.blocks[0].excerpt == "12 Market Square Elmford");

}

TEST_CASE("text blocks hold each block element's own text with a hash that ignores dates",
          "[content]") {
    const auto f = extract_features(blog_page(), "https://acme.example/");
    auto find = [&](const std::string& excerpt) {
        for (const auto& b : f.blocks)
            if (b.excerpt == excerpt) return b;
        return TextBlock{};
    };
    CHECK(find("Cut back by a third and clear fallen leaves to stop black spot.").tag == "p");
    CHECK(find("Planting garlic").tag == "h2");
    CHECK(find("About us").tag == "li");
    CHECK(find("Posted on November 24, 2026").hash != 0);

    std::string next_day = blog_page();
    next_day.replace(next_day.find("November 24, 2026"), 17, "November 25, 2026");
    const auto g = extract_features(next_day, "https://acme.example/");
    REQUIRE(g.blocks.size() == f.blocks.size());
    for (size_t i = 0; i < f.blocks.size(); ++i) CHECK(g.blocks[i].hash == f.blocks[i].hash);
}

TEST_CASE("inline scripts are kept for signature scans and counted", "[content]") {
    const auto f = extract_features(blog_page(), "https://acme.example/");
    CHECK(f.inline_script_count == 2);
    REQUIRE(f.inline_scripts.size() == 2);
    CHECK_THAT(f.inline_scripts[0], Catch::Contains("wpApiSettings"));
    CHECK_THAT(f.inline_scripts[1], Catch::Contains("dataLayer"));
}

TEST_CASE("element counts cover links, scripts, iframes, forms and images", "[content]") {
    const auto f = extract_features(blog_page(), "https://acme.example/");
    CHECK(f.counts.scripts == 3);
    CHECK(f.counts.iframes == 1);
    CHECK(f.counts.forms == 1);
    CHECK(f.counts.images == 2);
    CHECK(f.counts.links == 10);
    CHECK(f.counts.elements > 50);
}

TEST_CASE("a meta refresh names its target and the target's host", "[content]") {
    const auto f = extract_features(
        R"(<html><head><meta http-equiv="Refresh" content="0; URL='https://Evil.Example/p?x=1'">)"
        R"(</head><body>Moved</body></html>)",
        "https://acme.example/");
    CHECK(f.meta_refresh_url == "https://Evil.Example/p?x=1");
    CHECK(f.meta_refresh_host == "evil.example");

    const auto self =
        extract_features(R"(<meta http-equiv="refresh" content="300">)", "https://acme.example/");
    CHECK(self.meta_refresh_url.empty());
}

TEST_CASE("an injected foreign script shows up as a new script host", "[content]") {
    const auto before = extract_features(blog_page(), "https://acme.example/");
    const auto after = extract_features(
        blog_page(R"(<script src="https://cdn-js-metrics.top/x.js" async></script>)"),
        "https://acme.example/");
    CHECK_FALSE(has(before.script_hosts, "cdn-js-metrics.top"));
    CHECK(has(after.script_hosts, "cdn-js-metrics.top"));
    CHECK(after.counts.scripts == before.counts.scripts + 1);
}

TEST_CASE("a hidden link farm is counted with its hosts, visible outbound links are not",
          "[content]") {
    const std::string farm =
        R"(<div style="display: none"><a href="https://cheap-pills.example/viagra">viagra</a>)"
        R"(<a href="https://cheap-pills.example/cialis">cialis</a></div>)"
        R"(<div style="position:absolute; left:-9999px"><a href="http://casino-777.example/">slots</a></div>)"
        R"(<p style="font-size:0px"><a href="//payday.example/loan">loans</a></p>)"
        R"(<span hidden><a href="https://replica.example/">watches</a></span>)"
        R"(<div style="height:0;overflow:hidden"><ul><li><a href="https://bet.example/">bet</a></li></ul></div>)"
        R"(<noscript><a href="https://bet.example/poker">poker</a></noscript>)"
        R"(<p style="font-size:0.9em"><a href="https://partner.example/">Our partner</a></p>)";
    const auto f = extract_features(blog_page(farm), "https://acme.example/");
    CHECK(f.hidden_link_count == 7);
    CHECK(f.hidden_link_hosts == std::set<std::string>{"cheap-pills.example", "casino-777.example",
                                                       "payday.example", "replica.example",
                                                       "bet.example"});
    CHECK(f.link_hosts.at("cheap-pills.example") == 2);
    CHECK(f.link_hosts.at("partner.example") == 1);
    CHECK_THAT(f.hidden_text, Catch::Contains("viagra"));
    CHECK_THAT(f.visible_text, !Catch::Contains("viagra"));
    CHECK_THAT(f.visible_text, Catch::Contains("Our partner"));

    // An image-replacement logo hides its text off screen but links home: not a farm.
    const auto logo = extract_features(
        blog_page(R"(<a href="/" style="text-indent:-9999px">Acme</a>)"), "https://acme.example/");
    CHECK(logo.hidden_link_count == 0);
}

TEST_CASE("Japanese keyword spam raises the kana and CJK shares", "[content]") {
    const auto clean = extract_features(shop_page(), "https://shop.example/");
    CHECK(clean.cjk_share == 0.0);
    CHECK(clean.kana_share == 0.0);

    const auto spam = extract_features(
        shop_page("<div><p>\xE6\xBF\x80\xE5\xAE\x89\xE3\x83\x96\xE3\x83\xA9\xE3\x83\xB3\xE3\x83\x89"
                  "\xE3\x82\xB3\xE3\x83\x94\xE3\x83\xBC\xE8\xB2\xA1\xE5\xB8\x83\xE9\x80\x9A\xE8\xB2"
                  "\xA9\xE3\x81\xAE\xE3\x81\x8A\xE5\xBA\x97\xE3\x81\xA7\xE3\x81\x99</p></div>"),
        "https://shop.example/");  // 激安ブランドコピー財布通販のお店です
    CHECK(spam.kana_share > 0.05);
    CHECK(spam.cjk_share > spam.kana_share);
    CHECK(spam.lang == "de");
}

TEST_CASE("CJK shares decode UTF-8 and survive invalid bytes", "[content]") {
    // Two hiragana, two Han, two ASCII letters, then a stray continuation and a cut sequence.
    const auto f = extract_features(
        "<p>\xE3\x81\x82\xE3\x81\x84\xE6\xBC\xA2\xE5\xAD\x97"
        "ab\x80\xE3\x81</p>",
        "http://x/");
    CHECK(f.kana_share > 0.2);
    CHECK(f.kana_share < 0.5);
    CHECK(f.cjk_share > f.kana_share);
}

TEST_CASE("link hosts resolve like a browser resolves them", "[content]") {
    CHECK(resolve_host("https://User:pw@CDN.Example.:8443/a.js", "acme.example") == "cdn.example");
    CHECK(resolve_host("//cdn.example/x.js", "acme.example") == "cdn.example");
    CHECK(resolve_host("\\\\evil.example\\x.js", "acme.example") == "evil.example");
    CHECK(resolve_host("https:\\\\evil.example/", "acme.example") == "evil.example");
    CHECK(resolve_host("  https://cdn.example/ ", "acme.example") == "cdn.example");
    CHECK(resolve_host("http://[2001:db8::1]:80/", "acme.example") == "2001:db8::1");
    CHECK(resolve_host("/assets/app.js", "acme.example") == "acme.example");
    CHECK(resolve_host("app.js?v=1", "acme.example") == "acme.example");
    CHECK(resolve_host("#top", "acme.example") == "acme.example");
    CHECK(resolve_host("", "acme.example") == "acme.example");
    CHECK(resolve_host("javascript:alert(1)", "acme.example").empty());
    CHECK(resolve_host("mailto:a@b.example", "acme.example").empty());
    CHECK(resolve_host("data:text/javascript,alert(1)", "acme.example").empty());
    CHECK(is_own_host("www.acme.example", "acme.example"));
    CHECK(is_own_host("acme.example", "www.acme.example"));
    CHECK_FALSE(is_own_host("shop.acme.example", "acme.example"));
    CHECK_FALSE(is_own_host("", ""));
}

TEST_CASE("garbage, binary, empty, huge and deeply nested input never crash and stay bounded",
          "[content]") {
    const auto start = std::chrono::steady_clock::now();

    const auto empty = extract_features("", "https://acme.example/");
    CHECK(empty.visible_text.empty());
    CHECK(empty.blocks.empty());
    CHECK(empty.title.empty());

    std::string binary;
    for (int i = 0; i < 200'000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
    const auto bin = extract_features(binary, "https://acme.example/");
    CHECK(bin.html_bytes == binary.size());
    CHECK(bin.text_length <= binary.size() * 3);  // every bad byte may become U+FFFD

    const auto broken = extract_features(
        "<html><<title>x</tit<script>alert(<a href='//evil.example'</b></i><table><td><li>"
        "<iframe src=\"\x00\xff\"><svg><a href='https://svg.example/'>s</a><math><mi><p>",
        "https://acme.example/");
    CHECK(broken.counts.elements > 0);

    std::string deep;
    for (int i = 0; i < 100'000; ++i) deep += "<div>";
    deep += "<a href='https://deep.example/'>bottom</a>";
    const auto d = extract_features(deep, "https://acme.example/");
    CHECK(d.truncated);  // parsed only down to kMaxNestingDepth
    CHECK(d.counts.elements < 1'000);
    CHECK(d.skeleton.size() < 1'000);

    std::string deep_but_fine;
    for (int i = 0; i < 200; ++i) deep_but_fine += "<div>";
    deep_but_fine += "<a href='https://deep.example/'>bottom</a>";
    const auto fine = extract_features(deep_but_fine, "https://acme.example/");
    CHECK_FALSE(fine.truncated);
    CHECK(fine.link_hosts.count("deep.example") == 1);

    std::string formatting;  // the adoption agency algorithm's worst case in naive parsers
    for (int i = 0; i < 20'000; ++i) formatting += "<b><i><a href='/x'>";
    const auto fmt = extract_features(formatting, "https://acme.example/");
    CHECK(fmt.counts.elements > 0);

    std::string misnested;  // each </font> makes the parser clone and re-parent elements
    while (misnested.size() < kMaxParsedBytes) misnested += "<font><center>x</font>";
    const auto mis = extract_features(misnested, "https://acme.example/");
    CHECK(mis.truncated);

    std::string huge = blog_page();
    while (huge.size() < 3 * kMaxParsedBytes) huge += "<p>filler paragraph number 1234</p>\n";
    const auto h = extract_features(huge, "https://acme.example/");
    CHECK(h.truncated);
    CHECK(h.html_bytes == huge.size());
    CHECK(h.blocks.size() <= kMaxBlocks);
    CHECK(h.visible_text.size() <= kMaxVisibleTextBytes);
    CHECK(h.text_length > kMaxVisibleTextBytes);

    std::string scripts;
    for (int i = 0; i < 2'000; ++i) scripts += "<script>" + std::string(1'000, 'x') + "</script>";
    const auto s = extract_features(scripts, "https://acme.example/");
    CHECK(s.inline_script_count == 2'000);
    size_t kept = 0;
    for (const auto& body : s.inline_scripts) kept += body.size();
    CHECK(kept <= kMaxInlineScriptsBytes);

    // Generous: the point is "bounded", not a benchmark on a shared machine.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
}

TEST_CASE("the nesting guard leaves ordinary pages whole and cuts runaway nesting", "[content]") {
    const std::string page =
        blog_page(R"(<svg><path d="M0 0"/><path d="M1 1"/></svg><div><span><b>x</span></b></div>)"
                  R"(<script>var s = "<div><div><div>";</script><!-- <div><div> -->)");
    CHECK(nesting_bounded_length(page) == page.size());

    std::string sloppy;  // unclosed optional-end elements do not nest
    for (int i = 0; i < 5'000; ++i) sloppy += "<li><p>item<tr><td>cell<option>o";
    CHECK(nesting_bounded_length(sloppy) == sloppy.size());

    std::string deep;
    for (int i = 0; i < 1'000; ++i) deep += "<section>";
    CHECK(nesting_bounded_length(deep, 100) == 100 * std::string("<section>").size());

    std::string stray;  // end tags for elements that are not open close nothing
    for (int i = 0; i < 300; ++i) stray += "<div></span>";
    CHECK(nesting_bounded_length(stray, 100) == 100 * std::string("<div></span>").size());
}

TEST_CASE("page features survive a JSON round trip for storing baselines", "[content]") {
    const auto f =
        extract_features(blog_page(R"(<div hidden><a href="https://casino.example/">x</a></div>)"
                                   "<p>\xE3\x81\x82\xE6\xBC\xA2</p>"),
                         "https://acme.example/");
    const nlohmann::json j = to_json(f);
    REQUIRE(j.at("blocks").size() == f.blocks.size());
    CHECK(j.at("blocks").at(0).at("hash").get<std::string>().size() == 16);
    CHECK(j.at("link_hosts").at("twitter.com") == 2);
    const auto back = page_features_from_json(nlohmann::json::parse(j.dump()));
    CHECK(back == f);
}

TEST_CASE("page features read from malformed JSON take defaults instead of throwing", "[content]") {
    CHECK(page_features_from_json(nullptr) == PageFeatures{});
    CHECK(page_features_from_json(nlohmann::json::array({1, 2})) == PageFeatures{});
    const auto f = page_features_from_json(nlohmann::json::parse(
        R"({"title": 5, "lang": "fr", "script_hosts": ["a.example", 3], "counts": "many",
            "blocks": [{"tag": "p", "hash": "00000000000000ff"}, 7],
            "link_hosts": {"b.example": 2, "c.example": "x"}, "future_field": true})"));
    CHECK(f.title.empty());
    CHECK(f.lang == "fr");
    CHECK(f.script_hosts == std::set<std::string>{"a.example"});
    CHECK(f.counts == ElementCounts{});
    REQUIRE(f.blocks.size() == 1);
    CHECK(f.blocks[0].hash == 255);
    CHECK(f.link_hosts == std::map<std::string, int>{{"b.example", 2}});
}
