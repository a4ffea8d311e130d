#include "checks/content/page_features_json.h"

#include <charconv>
#include <cstdio>

namespace sitewatch::checks {

namespace {

using nlohmann::json;

std::string hex64(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

uint64_t parse_hex64(const std::string& s) {
    uint64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v, 16);
    return v;
}

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

template <typename T>
T num(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<T>() : T{};
}

std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::set<std::string> string_set(const json& j, const char* key) {
    const auto v = strings(j, key);
    return {v.begin(), v.end()};
}

}  // namespace

json to_json(const PageFeatures& f) {
    json blocks = json::array();
    for (const auto& b : f.blocks)
        blocks.push_back({{"tag", b.tag}, {"excerpt", b.excerpt}, {"hash", hex64(b.hash)}});
    json link_hosts = json::object();
    for (const auto& [host, count] : f.link_hosts) link_hosts[host] = count;
    return {{"own_host", f.own_host},
            {"html_bytes", f.html_bytes},
            {"truncated", f.truncated},
            {"title", f.title},
            {"meta_description", f.meta_description},
            {"lang", f.lang},
            {"meta_refresh_url", f.meta_refresh_url},
            {"meta_refresh_host", f.meta_refresh_host},
            {"headings", f.headings},
            {"visible_text", f.visible_text},
            {"hidden_text", f.hidden_text},
            {"text_length", f.text_length},
            {"blocks", std::move(blocks)},
            {"skeleton", f.skeleton},
            {"script_hosts", f.script_hosts},
            {"iframe_hosts", f.iframe_hosts},
            {"embed_hosts", f.embed_hosts},
            {"form_hosts", f.form_hosts},
            {"stylesheet_hosts", f.stylesheet_hosts},
            {"image_hosts", f.image_hosts},
            {"link_hosts", std::move(link_hosts)},
            {"asset_refs", f.asset_refs},
            {"has_main", f.has_main},
            {"main_text_length", f.main_text_length},
            {"inline_scripts", f.inline_scripts},
            {"inline_script_count", f.inline_script_count},
            {"hidden_link_count", f.hidden_link_count},
            {"hidden_link_hosts", f.hidden_link_hosts},
            {"counts",
             {{"elements", f.counts.elements},
              {"links", f.counts.links},
              {"scripts", f.counts.scripts},
              {"iframes", f.counts.iframes},
              {"forms", f.counts.forms},
              {"images", f.counts.images}}},
            {"cjk_share", f.cjk_share},
            {"kana_share", f.kana_share}};
}

PageFeatures page_features_from_json(const json& j) {
    PageFeatures f;
    if (!j.is_object()) return f;
    f.own_host = str(j, "own_host");
    f.html_bytes = num<size_t>(j, "html_bytes");
    if (auto it = j.find("truncated"); it != j.end() && it->is_boolean())
        f.truncated = it->get<bool>();
    f.title = str(j, "title");
    f.meta_description = str(j, "meta_description");
    f.lang = str(j, "lang");
    f.meta_refresh_url = str(j, "meta_refresh_url");
    f.meta_refresh_host = str(j, "meta_refresh_host");
    f.headings = strings(j, "headings");
    f.visible_text = str(j, "visible_text");
    f.hidden_text = str(j, "hidden_text");
    f.text_length = num<size_t>(j, "text_length");
    if (auto it = j.find("blocks"); it != j.end() && it->is_array()) {
        for (const auto& b : *it) {
            if (!b.is_object()) continue;
            f.blocks.push_back({str(b, "tag"), str(b, "excerpt"), parse_hex64(str(b, "hash"))});
        }
    }
    f.skeleton = str(j, "skeleton");
    f.script_hosts = string_set(j, "script_hosts");
    f.iframe_hosts = string_set(j, "iframe_hosts");
    f.embed_hosts = string_set(j, "embed_hosts");
    f.form_hosts = string_set(j, "form_hosts");
    f.stylesheet_hosts = string_set(j, "stylesheet_hosts");
    f.image_hosts = string_set(j, "image_hosts");
    if (auto it = j.find("link_hosts"); it != j.end() && it->is_object()) {
        for (const auto& [host, count] : it->items())
            if (count.is_number_integer()) f.link_hosts[host] = count.get<int>();
    }
    f.asset_refs = strings(j, "asset_refs");
    f.main_text_length = num<size_t>(j, "main_text_length");
    if (auto it = j.find("has_main"); it != j.end() && it->is_boolean())
        f.has_main = it->get<bool>();
    f.inline_scripts = strings(j, "inline_scripts");
    f.inline_script_count = num<int>(j, "inline_script_count");
    f.hidden_link_count = num<int>(j, "hidden_link_count");
    f.hidden_link_hosts = string_set(j, "hidden_link_hosts");
    if (auto it = j.find("counts"); it != j.end() && it->is_object()) {
        f.counts.elements = num<int>(*it, "elements");
        f.counts.links = num<int>(*it, "links");
        f.counts.scripts = num<int>(*it, "scripts");
        f.counts.iframes = num<int>(*it, "iframes");
        f.counts.forms = num<int>(*it, "forms");
        f.counts.images = num<int>(*it, "images");
    }
    f.cjk_share = num<double>(j, "cjk_share");
    f.kana_share = num<double>(j, "kana_share");
    return f;
}

}  // namespace sitewatch::checks
