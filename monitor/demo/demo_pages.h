#pragma once
// The pages the demo sites serve: a realistic small-business page per site, and what that
// page turns into when the demo's story breaks it. Pure: text in, HTML out.
#include <string>
#include <vector>

namespace sitewatch::demo {

// What a demo site's page says: enough stable text for content learning to learn from.
struct SiteLook {
    std::string brand;    // "Acme Corp": the title, heading and footer
    std::string tagline;  // one line under the heading
    struct Section {
        std::string heading;
        std::string text;
    };
    std::vector<Section> sections;
};

enum class PageState {
    normal,     // the site as its owner built it
    cms_error,  // WordPress "There has been a critical error on this website." served with 200
    defaced,    // replaced by a "Hacked by ..." notify page
    blank,      // an empty document: the theme broke
};
const char* to_string(PageState s);

// The page of `look` in state `s` (an HTML document; empty body text for `blank`).
std::string render_page(const SiteLook& look, PageState s);

// The stylesheet and script every normal page links (the asset check fetches them).
extern const char* const kStylesheet;
extern const char* const kScript;

}  // namespace sitewatch::demo
