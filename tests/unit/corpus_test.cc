// The content detector against the corpus (tests/corpus): for each site a baseline learns
// from the site's healthy loads, then every case is judged as the monitor judges a fetch.
// Benign loads must raise nothing at all; every broken, defaced and injected variant must
// raise a critical finding of its labelled condition. A failure names the case and prints
// the findings, so a miss or a false alarm can be read straight from the test output.
#include "tests/corpus/corpus.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "checks/baseline/content_baseline.h"
#include "checks/model/check_spec.h"
#include "checks/model/response.h"
#include "checks/page/page_analyser.h"

using namespace sitewatch;
using sitewatch::checks::ContentBaseline;
using sitewatch::checks::PageAnalyser;
using sitewatch::corpus::CorpusPage;
using sitewatch::corpus::CorpusSite;
using sitewatch::corpus::load_time;
using sitewatch::corpus::response_for;

namespace {

const std::vector<CorpusSite>& all_sites() {
    static const std::vector<CorpusSite> sites =
        sitewatch::corpus::load_corpus(SITEWATCH_CORPUS_DIR);
    return sites;
}

const CorpusSite& site(const std::string& name) {
    const CorpusSite* found = nullptr;
    for (const auto& s : all_sites())
        if (s.name == name) found = &s;
    INFO("corpus site " << name);
    REQUIRE(found != nullptr);
    return *found;
}

std::string describe(const Findings& findings) {
    if (findings.empty()) return "no findings";
    std::string out;
    for (const auto& f : findings)
        out += std::string("\n  ") + to_string(f.severity) + " " + to_string(f.condition) + " [" +
               f.evidence.rule + "] " + f.summary;
    return out;
}

// A site's analyser and the baseline it learned from the site's learning loads, as the
// monitor builds it: only loads that raised no finding are learned from.
struct Judge {
    CheckSpec spec;
    PageAnalyser analyser{spec};
    ContentBaseline baseline;
    bool started = false;
    std::vector<std::string> unlearned;  // learning loads that raised findings

    explicit Judge(const CorpusSite& s) {
        int n = 0;
        for (const auto& page : s.learning) {
            const auto now = load_time(n++);
            auto v = analyser.analyse(response_for(s, page), started ? &baseline : nullptr);
            if (!v.findings.empty() || !v.sample) {
                unlearned.push_back(page.name + ": " + describe(v.findings));
                continue;
            }
            if (!started) {
                baseline = checks::start_baseline(*v.sample, spec.defacement_learn_samples, now);
                started = true;
            } else {
                checks::learn(baseline, *v.sample, now);
            }
        }
    }

    Findings judge(const CorpusSite& s, const CorpusPage& page) const {
        return analyser.analyse(response_for(s, page), &baseline).findings;
    }
};

bool has_critical(const Findings& findings, Condition c) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
        return f.severity == Severity::critical && f.condition == c;
    });
}

void learning_builds_a_trusted_baseline(const std::string& name) {
    const CorpusSite& s = site(name);
    Judge judge(s);
    for (const auto& u : judge.unlearned) {
        INFO("learning load raised findings: " << u);
        CHECK(false);
    }
    REQUIRE(judge.started);
    CHECK(judge.baseline.ready());
}

void benign_loads_raise_nothing(const std::string& name) {
    const CorpusSite& s = site(name);
    Judge judge(s);
    REQUIRE(judge.started);
    int benign = 0;
    for (const auto& page : s.cases) {
        if (page.expected) continue;
        ++benign;
        const Findings findings = judge.judge(s, page);
        INFO(name << " case " << page.name << " (benign, " << page.html.size()
                  << " bytes): " << describe(findings));
        CHECK(findings.empty());
    }
    CHECK(benign >= 40);
}

void bad_variants_are_caught(const std::string& name) {
    const CorpusSite& s = site(name);
    Judge judge(s);
    REQUIRE(judge.started);
    int bad = 0;
    for (const auto& page : s.cases) {
        if (!page.expected) continue;
        ++bad;
        const Findings findings = judge.judge(s, page);
        INFO(name << " case " << page.name << " (expected critical " << to_string(*page.expected)
                  << ", " << page.html.size() << " bytes): " << describe(findings));
        CHECK(has_critical(findings, *page.expected));
    }
    CHECK(bad >= 30);
}

}  // namespace

TEST_CASE("the corpus renders the same pages on every run, realistically sized", "[corpus]") {
    const auto again = sitewatch::corpus::load_corpus(SITEWATCH_CORPUS_DIR);
    REQUIRE(again.size() == all_sites().size());
    REQUIRE(all_sites().size() == 3);
    for (size_t i = 0; i < again.size(); ++i) {
        const CorpusSite& a = all_sites()[i];
        const CorpusSite& b = again[i];
        CAPTURE(a.name);
        CHECK(a.learning.size() >= 8);
        REQUIRE(a.cases.size() == b.cases.size());
        for (size_t k = 0; k < a.cases.size(); ++k) {
            CAPTURE(a.cases[k].name);
            CHECK(a.cases[k].html == b.cases[k].html);
            CHECK(a.cases[k].html.find("@@") == std::string::npos);
        }
        std::vector<const CorpusPage*> healthy;
        for (const auto& p : a.learning) healthy.push_back(&p);
        for (const auto& p : a.cases)
            if (!p.expected) healthy.push_back(&p);
        for (const auto* p : healthy) {
            CAPTURE(p->name, p->html.size());
            CHECK(p->html.size() >= 15 * 1024);
            CHECK(p->html.size() <= 60 * 1024);
        }
    }
}

TEST_CASE("two benign loads of a site differ, a load rendered twice does not", "[corpus]") {
    for (const auto& s : all_sites()) {
        CAPTURE(s.name);
        CHECK(sitewatch::corpus::render_benign(s, 7).html ==
              sitewatch::corpus::render_benign(s, 7).html);
        CHECK(sitewatch::corpus::render_benign(s, 7).html !=
              sitewatch::corpus::render_benign(s, 8).html);
        CHECK(s.learning[0].html != s.learning[1].html);
    }
}

TEST_CASE("the blog's learning loads raise no finding and make a trusted baseline", "[corpus]") {
    learning_builds_a_trusted_baseline("blog");
}
TEST_CASE("the company site's learning loads raise no finding and make a trusted baseline",
          "[corpus]") {
    learning_builds_a_trusted_baseline("company");
}
TEST_CASE("the shop's learning loads raise no finding and make a trusted baseline", "[corpus]") {
    learning_builds_a_trusted_baseline("shop");
}

TEST_CASE("benign dynamic loads of the blog raise no finding", "[corpus]") {
    benign_loads_raise_nothing("blog");
}
TEST_CASE("benign dynamic loads of the company site raise no finding", "[corpus]") {
    benign_loads_raise_nothing("company");
}
TEST_CASE("benign dynamic loads of the shop raise no finding", "[corpus]") {
    benign_loads_raise_nothing("shop");
}

TEST_CASE("every broken, defaced and injected variant of the blog is critical with its condition",
          "[corpus]") {
    bad_variants_are_caught("blog");
}
TEST_CASE(
    "every broken, defaced and injected variant of the company site is critical with its "
    "condition",
    "[corpus]") {
    bad_variants_are_caught("company");
}
TEST_CASE("every broken, defaced and injected variant of the shop is critical with its condition",
          "[corpus]") {
    bad_variants_are_caught("shop");
}
