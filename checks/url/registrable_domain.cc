#include "checks/url/registrable_domain.h"

#include <arpa/inet.h>
#include <libpsl.h>

#include <algorithm>
#include <memory>

namespace sitewatch::checks {

namespace {

struct PslFree {
    void operator()(psl_ctx_t* ctx) const { psl_free(ctx); }
};

// The newest list available: Debian's publicsuffix package (psl_dist_filename()) is updated
// on its own, so psl_latest() follows it; the builtin data is the fallback.
const psl_ctx_t* public_suffix_list() {
    static const std::unique_ptr<psl_ctx_t, PslFree> latest(psl_latest(nullptr));
    return latest ? latest.get() : psl_builtin();
}

bool is_ip_address(const std::string& host) {
    unsigned char buf[16];
    if (host.find(':') != std::string::npos) return true;  // v6, also with a %zone
    return inet_pton(AF_INET, host.c_str(), buf) == 1;
}

std::string normalise_host(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    std::string out(host);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    const bool ascii =
        std::all_of(out.begin(), out.end(), [](unsigned char c) { return c < 0x80; });
    if (!ascii) {
        // Internationalised names must be lowercase NFKC for libpsl. Left as they are when
        // libpsl cannot convert them: they then compare byte for byte.
        char* lower = nullptr;
        if (psl_str_to_utf8lower(out.c_str(), "utf-8", nullptr, &lower) == PSL_SUCCESS &&
            lower != nullptr)
            out = lower;
        psl_free_string(lower);
    }
    return out;
}

}  // namespace

std::string registrable_domain(std::string_view host) {
    std::string h = normalise_host(host);
    if (h.empty() || is_ip_address(h) || h.find('.') == std::string::npos) return h;
    const psl_ctx_t* psl = public_suffix_list();
    const char* domain = psl != nullptr ? psl_registrable_domain(psl, h.c_str()) : nullptr;
    // NULL: the host is itself a public suffix ("co.uk", "blogspot.com"), its own site.
    return domain != nullptr ? std::string(domain) : h;
}

bool same_registrable_domain(std::string_view a, std::string_view b) {
    const std::string ra = registrable_domain(a);
    return !ra.empty() && ra == registrable_domain(b);
}

}  // namespace sitewatch::checks
