#include "checks/page/page_sample.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "checks/content/content_hash.h"
#include "checks/signatures/signature_check.h"
#include "checks/url/registrable_domain.h"
#include "checks/url/url_host.h"

namespace sitewatch::checks {

namespace {

bool icontains(std::string_view hay, std::string_view needle) {
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           }) != hay.end();
}

std::string_view ltrim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return s;
}

std::string site_domain(const Response& r) {
    return registrable_domain(url_host(r.final_url.empty() ? r.url : r.final_url));
}

}  // namespace

bool is_html_response(const Response& r) {
    if (const std::string* ct = r.header("content-type"); ct && !ct->empty())
        return icontains(*ct, "html");
    return ltrim(r.body).starts_with("<");
}

bool is_closed_document(const Response& r) {
    if (r.body_truncated) return true;
    const std::string_view body = r.body;
    const std::string_view head = ltrim(body.substr(0, 512));
    const bool document =
        icontains(head.substr(0, 64), "<!doctype html") || icontains(head.substr(0, 64), "<html");
    if (!document) return true;
    const size_t tail = std::min<size_t>(body.size(), 1024);
    return icontains(body.substr(body.size() - tail), "</html");
}

std::set<std::string> script_redirect_hosts(const std::vector<std::string>& inline_scripts) {
    static const RE2 kRedirect(
        R"re((?i)(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\()\s*["'](?:https?:)?//([^/"'\s:?#]+))re");
    std::set<std::string> hosts;
    for (const auto& script : inline_scripts) {
        re2::StringPiece input(script);
        std::string host;
        while (hosts.size() < 16 && RE2::FindAndConsume(&input, kRedirect, &host)) {
            std::transform(host.begin(), host.end(), host.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            hosts.insert(host);
        }
    }
    return hosts;
}

ContentSample make_sample(const Response& r, const TextNormaliser& normaliser,
                          const std::vector<SignatureMatch>& matches) {
    ContentSample s;
    const std::string_view page_url = r.final_url.empty() ? r.url : r.final_url;
    s.features = extract_features(r.body, page_url, normaliser);
    s.content_hash = content_hash(s.features, normaliser);
    s.blocks = block_hashes(s.features);
    for (const auto& id : baseline_signature_ids(matches)) s.signature_ids.insert(id);
    s.final_domain = site_domain(r);
    s.html = is_html_response(r);
    s.closed = is_closed_document(r);
    s.redirect_hosts = script_redirect_hosts(s.features.inline_scripts);
    if (!s.features.meta_refresh_host.empty())
        s.redirect_hosts.insert(s.features.meta_refresh_host);
    return s;
}

}  // namespace sitewatch::checks
