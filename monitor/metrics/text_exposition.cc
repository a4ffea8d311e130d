#include "monitor/metrics/text_exposition.h"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace sitewatch {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

void append_escaped(std::string& out, const std::string& text, bool quote) {
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '"':
                if (quote) {
                    out += "\\\"";
                    break;
                }
                [[fallthrough]];
            default:
                out += c;
        }
    }
}

void append_unsigned(std::string& out, std::uint64_t value) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

// name{labels[,extra_name="extra_value"]} value[ timestamp]\n
void append_sample(std::string& out, const std::string& name, const char* suffix,
                   const ClientMetric& metric, const char* extra_name, double extra_value,
                   double value) {
    out += name;
    out += suffix;
    if (!metric.label.empty() || extra_name) {
        out += '{';
        bool first = true;
        for (const auto& l : metric.label) {
            if (!first) out += ',';
            first = false;
            out += l.name;
            out += "=\"";
            append_escaped(out, l.value, true);
            out += '"';
        }
        if (extra_name) {
            if (!first) out += ',';
            out += extra_name;
            out += "=\"";
            append_sample_value(out, extra_value);
            out += '"';
        }
        out += '}';
    }
    out += ' ';
    append_sample_value(out, value);
    if (metric.timestamp_ms != 0) {
        out += ' ';
        char buf[24];
        const auto r = std::to_chars(buf, buf + sizeof buf, metric.timestamp_ms);
        out.append(buf, r.ptr);
    }
    out += '\n';
}

void append_count(std::string& out, const std::string& name, const ClientMetric& metric,
                  std::uint64_t count) {
    // Counts can exceed 2^53 in theory; written exactly rather than through a double.
    out += name;
    out += "_count";
    if (!metric.label.empty()) {
        out += '{';
        for (std::size_t i = 0; i < metric.label.size(); ++i) {
            if (i > 0) out += ',';
            out += metric.label[i].name;
            out += "=\"";
            append_escaped(out, metric.label[i].value, true);
            out += '"';
        }
        out += '}';
    }
    out += ' ';
    append_unsigned(out, count);
    out += '\n';
}

const char* type_name(MetricType type) {
    switch (type) {
        case MetricType::Counter:
            return "counter";
        case MetricType::Gauge:
            return "gauge";
        case MetricType::Summary:
            return "summary";
        case MetricType::Histogram:
            return "histogram";
        case MetricType::Untyped:
            break;
    }
    return "untyped";
}

void append_family(std::string& out, const MetricFamily& family) {
    if (!family.help.empty()) {
        out += "# HELP ";
        out += family.name;
        out += ' ';
        append_escaped(out, family.help, false);
        out += '\n';
    }
    out += "# TYPE ";
    out += family.name;
    out += ' ';
    out += type_name(family.type);
    out += '\n';
    for (const auto& m : family.metric) {
        switch (family.type) {
            case MetricType::Counter:
                append_sample(out, family.name, "", m, nullptr, 0, m.counter.value);
                break;
            case MetricType::Gauge:
                append_sample(out, family.name, "", m, nullptr, 0, m.gauge.value);
                break;
            case MetricType::Untyped:
                append_sample(out, family.name, "", m, nullptr, 0, m.untyped.value);
                break;
            case MetricType::Summary:
                for (const auto& q : m.summary.quantile)
                    append_sample(out, family.name, "", m, "quantile", q.quantile, q.value);
                append_sample(out, family.name, "_sum", m, nullptr, 0, m.summary.sample_sum);
                append_count(out, family.name, m, m.summary.sample_count);
                break;
            case MetricType::Histogram: {
                bool has_inf = false;
                for (const auto& b : m.histogram.bucket) {
                    has_inf = has_inf || std::isinf(b.upper_bound);
                    append_sample(out, family.name, "_bucket", m, "le", b.upper_bound,
                                  static_cast<double>(b.cumulative_count));
                }
                // The format requires a +Inf bucket equal to the count.
                if (!has_inf)
                    append_sample(out, family.name, "_bucket", m, "le", INFINITY,
                                  static_cast<double>(m.histogram.sample_count));
                append_sample(out, family.name, "_sum", m, nullptr, 0, m.histogram.sample_sum);
                append_count(out, family.name, m, m.histogram.sample_count);
                break;
            }
        }
    }
}

}  // namespace

void append_sample_value(std::string& out, double value) {
    if (std::isnan(value)) {
        out += "NaN";
        return;
    }
    if (std::isinf(value)) {
        out += value < 0 ? "-Inf" : "+Inf";
        return;
    }
    char buf[32];
    // Whole numbers (status codes, counts, Unix timestamps) read as integers, not 1.7e+09.
    if (value == std::trunc(value) && std::fabs(value) < 1e15) {
        const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(value));
        out.append(buf, r.ptr);
        return;
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, r.ptr);
}

std::string render_text_exposition(const std::vector<MetricFamily>& families) {
    std::size_t series = 0;
    for (const auto& f : families) series += f.metric.size();
    std::string out;
    out.reserve(128 * families.size() + 96 * series);  // ~80 bytes per series at 10k sites
    for (const auto& f : families) append_family(out, f);
    return out;
}

}  // namespace sitewatch
