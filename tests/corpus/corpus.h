#pragma once
// The content-detection corpus: realistic pages of three site templates (a WordPress-like
// blog, an ASP.NET company site, a Shopify-like shop), each rendered as many benign dynamic
// loads and as many broken, defaced and injected variants, every one labelled with the
// condition a monitor must report (tests/corpus/README.md says why each is labelled so).
//
// Everything is generated from the template files under tests/corpus/templates with fixed
// seeds: the same corpus directory always gives byte-identical pages.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/model/finding.h"
#include "checks/model/response.h"
#include "checks/model/time.h"

namespace sitewatch::corpus {

struct CorpusPage {
    std::string name;  // "<family>/<variant>", e.g. "defaced/notify-page-english"
    std::string html;
    std::string content_type = "text/html; charset=utf-8";
    std::string final_url;                         // "" = the site's url (no redirect)
    std::optional<sitewatch::Condition> expected;  // nullopt = benign
};

struct Library;  // the template files of one corpus directory (corpus.cc)

struct CorpusSite {
    std::string name;  // "blog", "company", "shop"
    std::string url;
    std::vector<CorpusPage> learning;        // benign loads a baseline learns from, at least 8
    std::vector<CorpusPage> cases;           // benign loads and labelled malicious/broken variants
    std::shared_ptr<const Library> library;  // what render_benign renders from
};

// Reads every template under `corpus_dir` (the directory holding templates/) and renders
// the three sites. Throws std::runtime_error when a file is missing or a template names a
// placeholder the generator does not fill.
std::vector<CorpusSite> load_corpus(const std::string& corpus_dir);

// A fresh benign load of the site (new tokens, nonces, rotations, counters) for `seed`: for
// soak tests that serve the site over HTTP. Deterministic in (site, seed).
CorpusPage render_benign(const CorpusSite& site, uint64_t seed);

// "benign" or the expected condition's name, for tables and messages.
std::string label(const CorpusPage& page);

// Load n of a site: 2026-11-24 08:00 UTC plus five minutes per load.
TimePoint load_time(int n);

// The response the probe would hand the checks for `page` of `site` (a 302 hop when the page
// ends on another URL).
Response response_for(const CorpusSite& site, const CorpusPage& page);

}  // namespace sitewatch::corpus
