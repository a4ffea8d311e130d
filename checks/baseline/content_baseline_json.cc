#include "checks/baseline/content_baseline_json.h"

#include <charconv>
#include <cstdio>

namespace sitewatch::checks {

namespace {

using nlohmann::json;

constexpr int kVersion = 1;

std::string hex64(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

json hashes(const std::set<uint64_t>& s) {
    json a = json::array();
    for (uint64_t v : s) a.push_back(hex64(v));
    return a;
}

json range(const Range& r) { return json::array({r.min, r.max}); }

long long millis(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Reads fail by throwing this; the public function turns it into nullopt.
struct BadShape {};

const json& field(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) throw BadShape{};
    return *it;
}

template <typename Set>
Set strings(const json& j, const char* key) {
    const json& a = field(j, key);
    if (!a.is_array()) throw BadShape{};
    Set out;
    for (const auto& v : a) {
        if (!v.is_string()) throw BadShape{};
        out.insert(v.get<std::string>());
    }
    return out;
}

std::set<uint64_t> hash_set(const json& j, const char* key) {
    std::set<uint64_t> out;
    for (const auto& s : strings<std::set<std::string>>(j, key)) {
        uint64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
        if (ec != std::errc{} || end != s.data() + s.size()) throw BadShape{};
        out.insert(v);
    }
    return out;
}

double number(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_number()) throw BadShape{};
    return v.get<double>();
}

bool boolean(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_boolean()) throw BadShape{};
    return v.get<bool>();
}

Range read_range(const json& j, const char* key) {
    const json& v = field(j, key);
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) throw BadShape{};
    return {v[0].get<double>(), v[1].get<double>()};
}

TimePoint time_at(const json& j, const char* key) {
    return TimePoint(std::chrono::milliseconds(static_cast<long long>(number(j, key))));
}

}  // namespace

json to_json(const ContentBaseline& b) {
    return {{"version", kVersion},
            {"samples", b.samples},
            {"learn_samples", b.learn_samples},
            {"accepted", b.accepted},
            {"created_at", millis(b.created_at)},
            {"updated_at", millis(b.updated_at)},
            {"titles", b.titles},
            {"meta_descriptions", b.meta_descriptions},
            {"langs", b.langs},
            {"first_headings", b.first_headings},
            {"final_domains", b.final_domains},
            {"stable_blocks", hashes(b.stable_blocks)},
            {"seen_blocks", hashes(b.seen_blocks)},
            {"content_hashes", b.content_hashes},
            {"script_hosts", b.script_hosts},
            {"iframe_hosts", b.iframe_hosts},
            {"embed_hosts", b.embed_hosts},
            {"form_hosts", b.form_hosts},
            {"link_hosts", b.link_hosts},
            {"hidden_link_hosts", b.hidden_link_hosts},
            {"redirect_hosts", b.redirect_hosts},
            {"max_new_link_hosts", b.max_new_link_hosts},
            {"signature_ids", b.signature_ids},
            {"text_length", range(b.text_length)},
            {"html_bytes", range(b.html_bytes)},
            {"elements", range(b.elements)},
            {"links", range(b.links)},
            {"main_text", range(b.main_text)},
            {"always_main", b.always_main},
            {"max_cjk_share", b.max_cjk_share},
            {"always_html", b.always_html},
            {"always_closed", b.always_closed}};
}

std::optional<ContentBaseline> content_baseline_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    try {
        if (number(j, "version") != kVersion) return std::nullopt;
        ContentBaseline b;
        b.samples = static_cast<int>(number(j, "samples"));
        b.learn_samples = static_cast<int>(number(j, "learn_samples"));
        b.accepted = boolean(j, "accepted");
        b.created_at = time_at(j, "created_at");
        b.updated_at = time_at(j, "updated_at");
        using Strings = std::set<std::string>;
        b.titles = strings<Strings>(j, "titles");
        b.meta_descriptions = strings<Strings>(j, "meta_descriptions");
        b.langs = strings<Strings>(j, "langs");
        b.first_headings = strings<Strings>(j, "first_headings");
        b.final_domains = strings<Strings>(j, "final_domains");
        b.stable_blocks = hash_set(j, "stable_blocks");
        b.seen_blocks = hash_set(j, "seen_blocks");
        b.content_hashes = strings<Strings>(j, "content_hashes");
        b.script_hosts = strings<Strings>(j, "script_hosts");
        b.iframe_hosts = strings<Strings>(j, "iframe_hosts");
        b.embed_hosts = strings<Strings>(j, "embed_hosts");
        b.form_hosts = strings<Strings>(j, "form_hosts");
        b.link_hosts = strings<Strings>(j, "link_hosts");
        b.hidden_link_hosts = strings<Strings>(j, "hidden_link_hosts");
        b.redirect_hosts = strings<Strings>(j, "redirect_hosts");
        b.max_new_link_hosts = static_cast<int>(number(j, "max_new_link_hosts"));
        b.signature_ids = strings<std::set<std::string, std::less<>>>(j, "signature_ids");
        b.text_length = read_range(j, "text_length");
        b.html_bytes = read_range(j, "html_bytes");
        b.elements = read_range(j, "elements");
        b.links = read_range(j, "links");
        b.main_text = read_range(j, "main_text");
        b.always_main = boolean(j, "always_main");
        b.max_cjk_share = number(j, "max_cjk_share");
        b.always_html = boolean(j, "always_html");
        b.always_closed = boolean(j, "always_closed");
        if (b.samples < 0 || b.learn_samples < 1) return std::nullopt;
        return b;
    } catch (const BadShape&) {
        return std::nullopt;
    }
}

}  // namespace sitewatch::checks
