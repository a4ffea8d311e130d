#include "checks/page/known_hosts.h"

#include <algorithm>
#include <array>

#include "checks/url/registrable_domain.h"

namespace sitewatch::checks {

namespace {

// Parent domains, so every subdomain matches. Kept short and boring on purpose: a host
// here can never raise a strong signal, so only widely used, well-defended services belong.
constexpr std::array kScriptHosts = {
    // public CDNs and libraries
    "cdnjs.cloudflare.com",
    "jsdelivr.net",
    "unpkg.com",
    "ajax.googleapis.com",
    "code.jquery.com",
    "bootstrapcdn.com",
    "ajax.aspnetcdn.com",
    "cdn.ckeditor.com",
    "polyfill-fastly.io",
    // Google, Microsoft, Meta, Twitter/X, LinkedIn, Pinterest, TikTok
    "googletagmanager.com",
    "google-analytics.com",
    "gstatic.com",
    "google.com",
    "googleapis.com",
    "recaptcha.net",
    "googlesyndication.com",
    "googleadservices.com",
    "doubleclick.net",
    "youtube.com",
    "clarity.ms",
    "bing.com",
    "connect.facebook.net",
    "platform.twitter.com",
    "platform.linkedin.com",
    "snap.licdn.com",
    "assets.pinterest.com",
    "analytics.tiktok.com",
    // analytics, consent, support widgets
    "static.cloudflareinsights.com",
    "challenges.cloudflare.com",
    "plausible.io",
    "hotjar.com",
    "cookiebot.com",
    "cookielaw.org",
    "onetrust.com",
    "usercentrics.eu",
    "intercom.io",
    "intercomcdn.com",
    "hs-scripts.com",
    "hs-analytics.net",
    "hubspot.com",
    "zdassets.com",
    "tawk.to",
    "crisp.chat",
    "segment.com",
    "newrelic.com",
    "nr-data.net",
    "sentry-cdn.com",
    "fontawesome.com",
    "typekit.net",
    "use.typekit.net",
    // payments and commerce
    "js.stripe.com",
    "paypal.com",
    "paypalobjects.com",
    "braintreegateway.com",
    "cdn.shopify.com",
    "shopifycdn.com",
    "klaviyo.com",
    "mailchimp.com",
    "list-manage.com",
    // ads
    "adnxs.com",
    "amazon-adsystem.com",
    "criteo.com",
    "criteo.net",
    "taboola.com",
    "outbrain.com",
    "adsafeprotected.com",
    "moatads.com",
    "pubmatic.com",
    "rubiconproject.com",
    "wp.com",
    "wordpress.com",
    "gravatar.com",
    "vimeo.com",
    "player.vimeo.com",
    "vimeocdn.com",
};

constexpr std::array kFrameHosts = {
    "youtube.com",
    "youtube-nocookie.com",
    "vimeo.com",
    "google.com",
    "googletagmanager.com",
    "doubleclick.net",
    "googlesyndication.com",
    "recaptcha.net",
    "facebook.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "linkedin.com",
    "spotify.com",
    "soundcloud.com",
    "js.stripe.com",
    "paypal.com",
    "calendly.com",
    "typeform.com",
    "hubspot.com",
    "adnxs.com",
    "amazon-adsystem.com",
    "criteo.com",
    "taboola.com",
    "outbrain.com",
    "openstreetmap.org",
    "mapbox.com",
    "wistia.com",
    "wistia.net",
    "loom.com",
    "disqus.com",
    "challenges.cloudflare.com",
};

constexpr std::array kFormHosts = {
    "list-manage.com",      "mailchimp.com",  "paypal.com",     "hsforms.com",    "hubspot.com",
    "formspree.io",         "google.com",     "typeform.com",   "klaviyo.com",    "convertkit.com",
    "campaign-archive.com", "createsend.com", "mailerlite.com", "sendinblue.com", "brevo.com",
};

std::string_view bare(std::string_view h) {
    while (!h.empty() && h.back() == '.') h.remove_suffix(1);
    return h.substr(0, 4) == "www." ? h.substr(4) : h;
}

// `host` is `parent` or ends with "." + parent.
bool under(std::string_view host, std::string_view parent) {
    if (host == parent) return true;
    return host.size() > parent.size() && host.ends_with(parent) &&
           host[host.size() - parent.size() - 1] == '.';
}

template <size_t N>
bool listed(const std::array<const char*, N>& list, std::string_view host) {
    host = bare(host);
    return std::any_of(list.begin(), list.end(), [&](const char* p) { return under(host, p); });
}

}  // namespace

bool is_known_script_host(std::string_view host) { return listed(kScriptHosts, host); }
bool is_known_frame_host(std::string_view host) { return listed(kFrameHosts, host); }
bool is_known_form_host(std::string_view host) { return listed(kFormHosts, host); }

bool same_site(std::string_view host, std::string_view own_host) {
    return same_registrable_domain(host, own_host);
}

}  // namespace sitewatch::checks
