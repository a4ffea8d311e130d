#include "checks/assets/asset_check.h"

#include <algorithm>
#include <optional>

#include "checks/text/excerpt.h"
#include "checks/url/resolve_url.h"
#include "checks/url/url_host.h"

namespace sitewatch::checks {

namespace {

constexpr std::size_t kSummaryItems = 3;
constexpr std::size_t kExcerptBytes = 2000;

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

// "/wp-content/themes/x/style.css?ver=6.4" of an absolute URL: how a person recognises it.
std::string_view path_and_query(std::string_view url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return url;
    const size_t slash = url.find('/', scheme + 3);
    return slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
}

// The lowercased extension of the URL's last path segment: "css", "js", or "".
std::string extension(std::string_view url) {
    std::string_view path = path_and_query(url);
    path = path.substr(0, path.find_first_of("?#"));
    path = path.substr(path.rfind('/') + 1);
    const size_t dot = path.rfind('.');
    return dot == std::string_view::npos ? std::string() : lowercase(path.substr(dot + 1));
}

std::string transport_words(TransportError e) {
    switch (e) {
        case TransportError::dns:
            return "fails to load (DNS failure)";
        case TransportError::connect_refused:
            return "fails to load (connection refused)";
        case TransportError::connect_failed:
            return "fails to load (connection failed)";
        case TransportError::timeout:
            return "does not load within the timeout";
        case TransportError::reset:
            return "fails to load (connection reset)";
        case TransportError::tls_handshake:
            return "fails to load (TLS handshake failed)";
        case TransportError::too_many_redirects:
            return "fails to load (too many redirects)";
        case TransportError::protocol:
            return "fails to load (malformed HTTP)";
        case TransportError::none:
        case TransportError::other:
            break;
    }
    return "fails to load";
}

// Why the asset is broken, or nothing when it is fine.
std::optional<std::string> broken_because(const AssetResult& r) {
    if (r.transport_error != TransportError::none) {
        // A timeout counts. The asset request waits up to 10 s (make_asset_request); a
        // stylesheet or a synchronous script is render-blocking, so a visitor's browser shows a
        // blank or unstyled page for as long as it hangs: from the visitor's side that is the
        // same broken page as a 404. A single slow moment does not page anyone, because every
        // critical finding is re-fetched to confirm before it counts.
        std::string why = transport_words(r.transport_error);
        if (r.transport_error == TransportError::other && !r.error_message.empty())
            why += " (" + one_line(r.error_message, 80) + ")";
        return why;
    }
    if (r.http_status >= 400) return "answers " + std::to_string(r.http_status);
    if (r.http_status == 0) return std::string("gives no HTTP answer");
    const std::string type = lowercase(r.content_type.substr(0, r.content_type.find(';')));
    const bool html = type.find("text/html") != std::string::npos;
    if (html) {
        const std::string ext = extension(r.url);
        if (ext == "css") return std::string("is served as text/html instead of CSS");
        if (ext == "js" || ext == "mjs")
            return std::string("is served as text/html instead of JavaScript");
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> asset_urls(const PageFeatures& features, std::string_view page_url) {
    const std::string own_host = features.own_host.empty() ? url_host(page_url) : features.own_host;
    std::vector<std::string> out;
    for (const std::string& ref : features.asset_refs) {
        if (out.size() >= kMaxAssetChecks) break;
        std::string url = resolve_url(page_url, ref);
        if (url.empty() || !is_own_host(url_host(url), own_host)) continue;
        if (std::find(out.begin(), out.end(), url) == out.end()) out.push_back(std::move(url));
    }
    return out;
}

AssetResult asset_result(const Response& response) {
    AssetResult r;
    r.url = response.url;
    r.http_status = response.http_status;
    r.transport_error = response.transport_error;
    r.error_message = response.error_message;
    if (const std::string* type = response.header("content-type")) r.content_type = *type;
    r.bytes = response.body.size();
    return r;
}

Findings check_assets(const std::vector<AssetResult>& results) {
    std::vector<std::pair<const AssetResult*, std::string>> broken;
    for (const AssetResult& r : results)
        if (auto why = broken_because(r)) broken.emplace_back(&r, std::move(*why));
    if (broken.empty()) return {};

    Finding f;
    f.condition = Condition::malformed;
    f.severity = Severity::critical;
    f.check = "assets";
    f.summary = std::to_string(broken.size()) + " of " + std::to_string(results.size()) +
                (results.size() == 1 ? " page asset " : " page assets ") +
                (broken.size() == 1 ? "is" : "are") + " broken: ";
    std::string excerpt;
    for (std::size_t i = 0; i < broken.size(); ++i) {
        const auto& [r, why] = broken[i];
        if (i < kSummaryItems) {
            if (i > 0) f.summary += ", ";
            f.summary += one_line(path_and_query(r->url), 100) + " " + why;
        }
        if (!excerpt.empty()) excerpt += "; ";
        excerpt += r->url + " " + why;
    }
    if (broken.size() > kSummaryItems)
        f.summary += " and " + std::to_string(broken.size() - kSummaryItems) + " more";
    f.evidence.rule = "assets.broken";
    f.evidence.excerpt = one_line(excerpt, kExcerptBytes);
    return {std::move(f)};
}

}  // namespace sitewatch::checks
