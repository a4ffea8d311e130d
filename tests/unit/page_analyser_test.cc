#include "checks/page/page_analyser.h"

#include <catch2/catch.hpp>
#include <string>

#include "checks/baseline/content_baseline_json.h"

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

const TimePoint kNow = TimePoint(std::chrono::seconds(1'790'000'000));

// A small company page whose every load differs: a time, a token, a nonce, a cache buster
// and which three of five news items are shown.
std::string page(int load, const std::string& extra_head = "", const std::string& extra_body = "",
                 const std::string& title = "Acme Widgets — Quality widgets since 1952") {
    static const char* news[] = {"Acme opens a new plant in Leeds", "Widget sales rise in spring",
                                 "Acme wins the design award", "New blue widgets in stock",
                                 "Acme sponsors the city marathon"};
    std::string html = "<!doctype html><html lang=\"en\"><head><title>" + title +
                       "</title><meta name=\"csrf-token\" content=\"tok" +
                       std::to_string(load * 7919) + "abcdef0123456789\">" +
                       "<link rel=\"stylesheet\" href=\"/style.css?ver=" + std::to_string(load) +
                       "\"><script nonce=\"n" + std::to_string(load * 31) +
                       "\" src=\"https://www.googletagmanager.com/gtm.js\"></script>" + extra_head +
                       "</head><body><header><nav><a href=\"/\">Home</a> <a "
                       "href=\"/about\">About</a> <a href=\"/contact\">Contact</a></nav></header>"
                       "<main><h1>Quality widgets since 1952</h1><p>Acme Widgets designs and "
                       "builds industrial widgets for factories across Europe.</p><p>Every widget "
                       "is tested by hand before it leaves our workshop in Sheffield.</p>"
                       "<p>Updated " +
                       std::to_string(load % 12 + 1) + " minutes ago</p><ul>";
    for (int i = 0; i < 3; ++i) html += "<li>" + std::string(news[(load + i) % 5]) + "</li>";
    html +=
        "</ul><p>Our team of forty engineers answers every enquiry within one working day."
        "</p></main>" +
        extra_body +
        "<footer><p>Acme Widgets Ltd, 12 Steel Street, Sheffield</p><p>© 2026 Acme Widgets"
        "</p><a href=\"https://twitter.com/acme\">Twitter</a></footer></body></html>";
    return html;
}

Response response(std::string body) {
    Response r;
    r.url = "https://www.acme.example/";
    r.final_url = r.url;
    r.http_status = 200;
    r.headers = {{"content-type", "text/html; charset=utf-8"}};
    r.body = std::move(body);
    return r;
}

ContentBaseline learned(const PageAnalyser& a, int loads = 6) {
    ContentBaseline b;
    for (int i = 0; i < loads; ++i) {
        auto v = a.analyse(response(page(i)), i == 0 ? nullptr : &b);
        REQUIRE(v.findings.empty());
        REQUIRE(v.sample);
        if (i == 0)
            b = start_baseline(*v.sample, 5, kNow);
        else
            learn(b, *v.sample, kNow);
    }
    REQUIRE(b.ready());
    return b;
}

bool has_critical(const Findings& fs, Condition c) {
    for (const auto& f : fs)
        if (f.severity == Severity::critical && f.condition == c) return true;
    return false;
}

std::string summaries(const Findings& fs) {
    std::string s;
    for (const auto& f : fs)
        s += std::string(to_string(f.condition)) + "/" + to_string(f.severity) + ": " + f.summary +
             "\n";
    return s;
}

}  // namespace

TEST_CASE("later loads of a dynamic page raise nothing against the learned baseline", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    for (int i = 6; i < 40; ++i) {
        auto v = a.analyse(response(page(i)), &b);
        INFO(summaries(v.findings));
        CHECK(v.findings.empty());
        REQUIRE(v.similarity);
        CHECK(*v.similarity == 1.0);
    }
}

TEST_CASE("an injected script from an unknown host is a security finding on its own", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    auto v = a.analyse(
        response(page(50, "<script src=\"https://cdn-js-metrics.top/analytics.js\"></script>")),
        &b);
    INFO(summaries(v.findings));
    CHECK(has_critical(v.findings, Condition::security));
}

TEST_CASE("a hidden link farm is a defacement", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    std::string farm = "<div style=\"display:none\">";
    for (int i = 0; i < 6; ++i)
        farm += "<a href=\"https://cheap-pills-" + std::to_string(i) + ".example/\">viagra</a> ";
    farm += "</div>";
    auto v = a.analyse(response(page(51, "", farm)), &b);
    INFO(summaries(v.findings));
    CHECK(has_critical(v.findings, Condition::defaced));
}

TEST_CASE("a page replaced by a notify page is a defacement", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    auto v = a.analyse(
        response("<html><head><title>Hacked by Zer0</title></head><body bgcolor=black><h1>"
                 "Hacked by Zer0</h1><p>Greetz to all my friends</p></body></html>"),
        &b);
    INFO(summaries(v.findings));
    CHECK(has_critical(v.findings, Condition::defaced));
}

TEST_CASE("a blank and a cut-off page are malformed", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    auto blank = a.analyse(response("   \n"), &b);
    CHECK(has_critical(blank.findings, Condition::malformed));
    auto empty_doc = a.analyse(response("<html><body></body></html>"), nullptr);
    CHECK(has_critical(empty_doc.findings, Condition::malformed));
    const std::string full = page(60);
    auto cut = a.analyse(response(full.substr(0, full.size() / 2)), &b);
    INFO(summaries(cut.findings));
    CHECK(has_critical(cut.findings, Condition::malformed));
}

TEST_CASE("a page whose language only gains a region is the same language, another is not",
          "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    auto with_lang = [](int load, const std::string& lang) {
        std::string html = page(load);
        html.replace(html.find("lang=\"en\""), 9, "lang=\"" + lang + "\"");
        return html;
    };
    for (const char* same : {"en-US", "EN-gb", "en_AU"}) {
        auto v = a.analyse(response(with_lang(71, same)), &b);
        INFO(same << "\n" << summaries(v.findings));
        CHECK(v.findings.empty());
    }
    auto other = a.analyse(response(with_lang(72, "ru")), &b);
    INFO(summaries(other.findings));
    bool language_changed = false;
    for (const auto& f : other.findings)
        language_changed =
            language_changed || f.summary.find("page language changed") != std::string::npos;
    CHECK(language_changed);
}

TEST_CASE("a single weak change is only a warning", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    auto v = a.analyse(response(page(70, "", "", "Totally different words here")), &b);
    INFO(summaries(v.findings));
    REQUIRE_FALSE(v.findings.empty());
    for (const auto& f : v.findings) CHECK(f.severity == Severity::warning);
}

TEST_CASE("a baseline survives its JSON form unchanged", "[page]") {
    const PageAnalyser a(CheckSpec{});
    const auto b = learned(a);
    auto back = content_baseline_from_json(nlohmann::json::parse(to_json(b).dump()));
    REQUIRE(back);
    CHECK(*back == b);
    CHECK_FALSE(content_baseline_from_json(nlohmann::json::parse("{\"version\": 1}")));
    CHECK_FALSE(content_baseline_from_json(nlohmann::json::parse("[1,2]")));
}

TEST_CASE("with defacement off, error pages are still found but baselines are not used", "[page]") {
    CheckSpec spec;
    spec.defacement_enabled = false;
    const PageAnalyser a(spec);
    auto v =
        a.analyse(response("<html><head><title>WordPress &rsaquo; Error</title></head><body>"
                           "<p>There has been a critical error on this website.</p></body></html>"),
                  nullptr);
    INFO(summaries(v.findings));
    CHECK(has_critical(v.findings, Condition::error));
}
