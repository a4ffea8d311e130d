#include "monitor/metrics/text_exposition.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/summary.h>
#include <prometheus/text_serializer.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <sstream>
#include <string>

using namespace sitewatch;

namespace {

// Series text (name and labels as written) → value, and the comment lines, of one exposition.
struct Exposition {
    std::map<std::string, double> samples;
    std::vector<std::string> comments;
};

Exposition parse(const std::string& text) {
    Exposition e;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (line[0] == '#') {
            e.comments.push_back(line);
            continue;
        }
        const auto space = line.rfind(' ');
        REQUIRE(space != std::string::npos);
        const std::string value = line.substr(space + 1);
        e.samples[line.substr(0, space)] =
            value == "Nan" || value == "NaN" ? NAN : std::stod(value);
    }
    return e;
}

std::string render(const std::string& text_or_empty, double value) {
    std::string out = text_or_empty;
    append_sample_value(out, value);
    return out;
}

}  // namespace

TEST_CASE("the exposition says the same series and values as prometheus-cpp's serializer",
          "[metrics][exposition]") {
    prometheus::Registry registry;
    auto& gauges = prometheus::BuildGauge().Name("g").Help("a gauge").Register(registry);
    gauges.Add({{"client", "acme"}, {"site", "blog"}}).Set(0.1234);
    gauges.Add({{"client", "quote\"client"}, {"site", "back\\slash\nsite"}}).Set(1798000000);
    gauges.Add({{"client", "x"}, {"site", "nan"}}).Set(NAN);
    gauges.Add({{"client", "x"}, {"site", "inf"}}).Set(-INFINITY);
    auto& counters =
        prometheus::BuildCounter().Name("c_total").Help("a counter").Register(registry);
    counters.Add({}).Increment(3);
    auto& histograms = prometheus::BuildHistogram().Name("h_seconds").Help("h").Register(registry);
    auto& h = histograms.Add({{"client", "acme"}},
                             prometheus::Histogram::BucketBoundaries{0.001, 0.5, 30});
    h.Observe(0.0002);
    h.Observe(0.4);
    h.Observe(100);
    auto& summaries = prometheus::BuildSummary().Name("s").Help("s").Register(registry);
    summaries.Add({}, prometheus::Summary::Quantiles{{0.5, 0.05}}).Observe(2);

    const auto families = registry.Collect();
    const std::string ours = render_text_exposition(families);
    const std::string theirs = prometheus::TextSerializer{}.Serialize(families);
    const Exposition a = parse(ours), b = parse(theirs);
    CHECK(a.comments == b.comments);
    REQUIRE(a.samples.size() == b.samples.size());
    for (const auto& [series, value] : b.samples) {
        INFO(series);
        REQUIRE(a.samples.contains(series));
        const double got = a.samples.at(series);
        if (std::isnan(value))
            CHECK(std::isnan(got));
        else
            CHECK(got == value);
    }
    CHECK(ours.find("g{client=\"quote\\\"client\",site=\"back\\\\slash\\nsite\"} 1798000000\n") !=
          std::string::npos);
    CHECK(ours.find("h_seconds_bucket{client=\"acme\",le=\"+Inf\"} 3\n") != std::string::npos);
    CHECK(ours.find("h_seconds_count{client=\"acme\"} 3\n") != std::string::npos);
}

TEST_CASE("help text escapes backslash and newline, which prometheus-cpp's serializer leaves raw",
          "[metrics][exposition]") {
    prometheus::Registry registry;
    prometheus::BuildGauge().Name("g").Help("with \\ and\nnewline").Register(registry).Add({});
    CHECK(render_text_exposition(registry.Collect()) ==
          "# HELP g with \\\\ and\\nnewline\n# TYPE g gauge\ng 0\n");
}

TEST_CASE("sample values are whole numbers without a fraction and others in shortest form",
          "[metrics][exposition]") {
    CHECK(render("", 1) == "1");
    CHECK(render("", 0) == "0");
    CHECK(render("", -0.0) == "0");
    CHECK(render("", 503) == "503");
    CHECK(render("", 1798000000) == "1798000000");  // a Unix timestamp, not 1.798e+09
    CHECK(render("", 0.1) == "0.1");
    CHECK(render("", 0.0434) == "0.0434");
    CHECK(render("", 1.5e-7) == "1.5e-07");
    CHECK(render("", 1e300) == "1e+300");
    CHECK(render("", NAN) == "NaN");
    CHECK(render("", INFINITY) == "+Inf");
    CHECK(render("", -INFINITY) == "-Inf");
    CHECK(std::stod(render("", 0.1 + 0.2)) == 0.1 + 0.2);  // reads back to the same double
}

TEST_CASE("an empty registry renders as empty text", "[metrics][exposition]") {
    CHECK(render_text_exposition({}).empty());
}
