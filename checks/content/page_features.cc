#include "checks/content/page_features.h"

#include <gumbo.h>

#include <algorithm>
#include <memory>

#include "checks/content/nesting_bound.h"

namespace sitewatch::checks {

namespace {

// The skeleton describes the body to this depth; deeper markup is layout detail.
constexpr int kSkeletonDepth = 12;

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    // C0 controls too: browsers strip them around URLs.
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
    return s;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return out;
}

bool iequals(std::string_view a, std::string_view b) { return lowercase(a) == lowercase(b); }

// Whitespace runs (ASCII and the no-break space) become one space; ends are trimmed.
std::string collapse(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const bool nbsp = static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
                          static_cast<unsigned char>(s[i + 1]) == 0xA0;
        if (is_ascii_space(s[i]) || nbsp) {
            pending = true;
            i += nbsp;
            continue;
        }
        if (pending && !out.empty()) out.push_back(' ');
        pending = false;
        out.push_back(s[i]);
    }
    return out;
}

// Cut at a byte bound without splitting a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, size_t max) {
    if (s.size() <= max) return s;
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

// One code point at `i`, advancing `i`; an invalid or truncated sequence yields U+FFFD and
// advances one byte, so any byte string decodes.
char32_t next_code_point(std::string_view s, size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + static_cast<size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += static_cast<size_t>(len);
    return cp;
}

bool is_kana(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) ||  // hiragana, katakana
           (c >= 0x31F0 && c <= 0x31FF) ||  // katakana phonetic extensions
           (c >= 0xFF66 && c <= 0xFF9F);    // half-width katakana
}

bool is_cjk(char32_t c) {
    return is_kana(c) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF) ||  // Han
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF);      // Hangul
}

bool is_unicode_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200B);
}

std::string_view attr(const GumboElement& e, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
    return a ? std::string_view(a->value) : std::string_view();
}

bool has_attr(const GumboElement& e, const char* name) {
    return gumbo_get_attribute(&e.attributes, name) != nullptr;
}

// Whether `rel` (a space-separated token list) holds `token`.
bool has_token(std::string_view list, std::string_view token) {
    const std::string l = lowercase(list);
    std::string_view rest = l;
    while (!rest.empty()) {
        const size_t start = rest.find_first_not_of(" \t\n\r\f");
        if (start == std::string_view::npos) break;
        rest.remove_prefix(start);
        const size_t end = std::min(rest.find_first_of(" \t\n\r\f"), rest.size());
        if (rest.substr(0, end) == token) return true;
        rest.remove_prefix(end);
    }
    return false;
}

// "…:-9999px" → 9999 when `prop` appears with a negative value; 0 otherwise.
long negative_offset(std::string_view style, std::string_view prop) {
    const std::string key = std::string(prop) + ":-";
    const size_t at = style.find(key);
    if (at == std::string_view::npos) return 0;
    long v = 0;
    for (size_t i = at + key.size(); i < style.size() && style[i] >= '0' && style[i] <= '9'; ++i)
        v = std::min(v * 10 + (style[i] - '0'), 1'000'000L);
    return v;
}

// "font-size:0" but not "font-size:0.9em".
bool zero_value(std::string_view style, std::string_view prop) {
    const std::string key = std::string(prop) + ":0";
    for (size_t at = style.find(key); at != std::string_view::npos; at = style.find(key, at + 1)) {
        const size_t next = at + key.size();
        if (next == style.size() ||
            !(style[next] == '.' || (style[next] >= '0' && style[next] <= '9')))
            return true;
    }
    return false;
}

// The inline-style ways spam hides a block from visitors while search engines still read it.
bool hides_element(const GumboElement& e) {
    if (has_attr(e, "hidden")) return true;
    const std::string_view raw = attr(e, "style");
    if (raw.empty()) return false;
    std::string style;
    style.reserve(raw.size());
    for (char c : raw)
        if (!is_ascii_space(c)) style.push_back(c);
    style = lowercase(style);
    constexpr long kFarAway = 500;  // px; off-screen rather than a nudge
    return style.find("display:none") != std::string::npos ||
           style.find("visibility:hidden") != std::string::npos || zero_value(style, "font-size") ||
           zero_value(style, "opacity") ||
           (style.find("overflow:hidden") != std::string::npos &&
            (zero_value(style, "height") || zero_value(style, "width"))) ||
           negative_offset(style, "text-indent") >= kFarAway ||
           (style.find("position:absolute") != std::string::npos &&
            (negative_offset(style, "left") >= kFarAway ||
             negative_offset(style, "top") >= kFarAway));
}

bool is_block_tag(GumboTag t) {
    switch (t) {
        case GUMBO_TAG_BODY:
        case GUMBO_TAG_P:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_OPTION:
            return true;
        default:
            return false;
    }
}

// Text a visitor never reads as page content.
bool skips_text(GumboTag t) {
    return t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE ||
           t == GUMBO_TAG_TITLE || t == GUMBO_TAG_NOFRAMES || t == GUMBO_TAG_XMP;
}

std::string tag_name(const GumboElement& e) {
    if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
    GumboStringPiece piece = e.original_tag;
    if (piece.data == nullptr || piece.length == 0) return "?";
    gumbo_tag_from_original_text(&piece);
    return lowercase(std::string_view(piece.data, std::min<size_t>(piece.length, 32)));
}

std::string children_text(const GumboNode& node) {
    std::string out;
    const GumboVector& kids = node.v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
        const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
        if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA ||
            kid->type == GUMBO_NODE_WHITESPACE)
            out += kid->v.text.text;
    }
    return out;
}

// "5; url='https://x/'" → "https://x/"; "" when the refresh reloads the same page.
std::string_view refresh_target(std::string_view content) {
    std::string_view s = trim(content);
    size_t i = 0;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
    s.remove_prefix(i);
    s = trim(s);
    if (!s.empty() && (s.front() == ';' || s.front() == ',')) s.remove_prefix(1);
    s = trim(s);
    if (s.size() >= 3 && iequals(s.substr(0, 3), "url")) {
        std::string_view rest = trim(s.substr(3));
        if (!rest.empty() && rest.front() == '=') s = trim(rest.substr(1));
    }
    if (!s.empty() && (s.front() == '\'' || s.front() == '"')) {
        const char q = s.front();
        s.remove_prefix(1);
        s = s.substr(0, s.find(q));
    }
    return trim(s);
}

struct Frame {
    explicit Frame(const GumboNode* n) : node(n) {}
    const GumboNode* node;
    unsigned next_child = 0;
    bool hidden = false;
    bool opened_block = false;
    bool heading = false;        // this element started a heading
    bool main = false;           // this element is the main content area
    int skeleton_depth = -1;     // depth below <body> when in the skeleton, else -1
    std::string last_child_tag;  // for collapsing repeated siblings in the skeleton
};

class Extractor {
public:
    Extractor(PageFeatures& f, const TextNormaliser& n) : f_(f), normaliser_(n) {}

    void run(const GumboNode* root) {
        std::vector<Frame> stack;
        stack.emplace_back(root);
        while (!stack.empty()) {
            Frame& top = stack.back();
            const GumboVector* kids = children(*top.node);
            if (kids == nullptr || top.next_child >= kids->length) {
                leave(top);
                stack.pop_back();
                continue;
            }
            const auto* kid = static_cast<const GumboNode*>(kids->data[top.next_child++]);
            if (kid->type == GUMBO_NODE_ELEMENT) {
                Frame child = enter(*kid, top);
                if (child.node) stack.push_back(std::move(child));
            } else if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA ||
                       kid->type == GUMBO_NODE_WHITESPACE) {
                text(kid->v.text.text, top.hidden);
            } else if (kid->type == GUMBO_NODE_TEMPLATE) {
                ++f_.counts.elements;  // inert until script clones it: not page content
            }
        }
        finish();
    }

private:
    static const GumboVector* children(const GumboNode& n) {
        if (n.type == GUMBO_NODE_DOCUMENT) return &n.v.document.children;
        if (n.type == GUMBO_NODE_ELEMENT) return &n.v.element.children;
        return nullptr;
    }

    std::string host(std::string_view url) const { return resolve_host(url, f_.own_host); }

    void add_host(std::set<std::string>& set, std::string_view url) {
        std::string h = host(url);
        if (!h.empty()) set.insert(std::move(h));
    }

    void add_asset(std::string_view ref) {
        ref = trim(ref);
        if (ref.empty() || f_.asset_refs.size() >= kMaxAssetRefs || ref.size() > 2048) return;
        const std::string h = host(ref);
        if (h.empty() || !is_own_host(h, f_.own_host)) return;
        if (std::find(f_.asset_refs.begin(), f_.asset_refs.end(), ref) == f_.asset_refs.end())
            f_.asset_refs.emplace_back(ref);
    }

    // Resources and facts of one element; a Frame with node == nullptr means "do not descend".
    Frame enter(const GumboNode& node, Frame& parent) {
        const GumboElement& e = node.v.element;
        ++f_.counts.elements;
        Frame frame(&node);
        // <noscript> is read as hidden: few visitors see it, and link farms hide in it.
        frame.hidden = parent.hidden || e.tag == GUMBO_TAG_NOSCRIPT || hides_element(e);

        switch (e.tag) {
            case GUMBO_TAG_HTML:
                if (f_.lang.empty()) f_.lang = lowercase(trim(attr(e, "lang")));
                break;
            case GUMBO_TAG_TITLE:
                if (e.tag_namespace == GUMBO_NAMESPACE_HTML && !seen_title_) {
                    seen_title_ = true;
                    f_.title = collapse(utf8_prefix(children_text(node), 4096));
                }
                break;
            case GUMBO_TAG_META:
                meta(e);
                break;
            case GUMBO_TAG_SCRIPT:
                script(node);
                break;
            case GUMBO_TAG_IFRAME:
            case GUMBO_TAG_FRAME:
                ++f_.counts.iframes;
                add_host(f_.iframe_hosts, attr(e, "src"));
                break;
            case GUMBO_TAG_EMBED:
                add_host(f_.embed_hosts, attr(e, "src"));
                break;
            case GUMBO_TAG_OBJECT:
                add_host(f_.embed_hosts, attr(e, "data"));
                break;
            case GUMBO_TAG_FORM:
                ++f_.counts.forms;
                add_host(f_.form_hosts, attr(e, "action"));  // no action: posts to itself
                break;
            case GUMBO_TAG_LINK:
                if (has_token(attr(e, "rel"), "stylesheet")) {
                    add_host(f_.stylesheet_hosts, attr(e, "href"));
                    add_asset(attr(e, "href"));
                }
                break;
            case GUMBO_TAG_IMG:
                ++f_.counts.images;
                if (has_attr(e, "src")) add_host(f_.image_hosts, attr(e, "src"));
                break;
            case GUMBO_TAG_A:
                if (has_attr(e, "href")) anchor(attr(e, "href"), frame.hidden);
                break;
            case GUMBO_TAG_BR:
                text(" ", frame.hidden);  // "line one<br>line two" is two words apart
                break;
            default:
                break;
        }

        if (e.tag == GUMBO_TAG_MAIN || iequals(trim(attr(e, "role")), "main")) {
            frame.main = true;
            f_.has_main = true;
            ++main_depth_;
        }
        skeleton_enter(e, parent, frame);
        if (skips_text(e.tag)) {
            if (frame.main) --main_depth_;
            skeleton_leave(frame);
            return Frame(nullptr);
        }
        if (is_block_tag(e.tag)) {
            frame.opened_block = true;
            blocks_.push_back({tag_name(e), {}});
            raw_visible_.push_back(' ');
        }
        if ((e.tag == GUMBO_TAG_H1 || e.tag == GUMBO_TAG_H2 || e.tag == GUMBO_TAG_H3) &&
            heading_depth_++ == 0) {
            frame.heading = true;
            heading_.clear();
        }
        return frame;
    }

    void leave(const Frame& frame) {
        if (frame.main) --main_depth_;
        if (frame.opened_block && !blocks_.empty()) {
            close_block(blocks_.back());
            blocks_.pop_back();
            raw_visible_.push_back(' ');
        }
        if (frame.node && frame.node->type == GUMBO_NODE_ELEMENT) {
            const GumboTag t = frame.node->v.element.tag;
            if (t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3) {
                if (--heading_depth_ == 0 && frame.heading) {
                    std::string h = collapse(heading_);
                    if (!h.empty() && f_.headings.size() < kMaxHeadings)
                        f_.headings.emplace_back(utf8_prefix(h, kMaxHeadingBytes));
                }
            }
        }
        skeleton_leave(frame);
    }

    void text(std::string_view t, bool hidden) {
        if (hidden) {
            if (raw_hidden_.size() < kMaxVisibleTextBytes) raw_hidden_.append(t).push_back(' ');
            return;
        }
        raw_visible_.append(t);
        if (main_depth_ > 0)
            for (char c : t) f_.main_text_length += is_ascii_space(c) ? 0 : 1;
        if (!blocks_.empty()) blocks_.back().second.append(t);
        if (heading_depth_ > 0) heading_.append(t);
    }

    void close_block(const std::pair<std::string, std::string>& block) {
        if (f_.blocks.size() >= kMaxBlocks) return;
        const std::string text = collapse(block.second);
        if (text.empty()) return;
        const std::string normal = normaliser_.normalise(text);
        if (normal.empty()) return;
        f_.blocks.push_back(
            {block.first, std::string(utf8_prefix(text, kMaxBlockExcerptBytes)), fnv1a64(normal)});
    }

    void meta(const GumboElement& e) {
        const std::string_view content = attr(e, "content");
        if (iequals(trim(attr(e, "name")), "description") && f_.meta_description.empty())
            f_.meta_description = collapse(utf8_prefix(content, 4096));
        if (iequals(trim(attr(e, "http-equiv")), "refresh") && f_.meta_refresh_url.empty()) {
            const std::string_view target = refresh_target(content);
            if (!target.empty()) {
                f_.meta_refresh_url = std::string(utf8_prefix(target, 2048));
                f_.meta_refresh_host = host(target);
            }
        }
    }

    void script(const GumboNode& node) {
        const GumboElement& e = node.v.element;
        ++f_.counts.scripts;
        if (has_attr(e, "src")) {
            add_host(f_.script_hosts, attr(e, "src"));
            add_asset(attr(e, "src"));
            return;
        }
        ++f_.inline_script_count;
        const std::string body = children_text(node);
        if (body.empty() || inline_bytes_ >= kMaxInlineScriptsBytes) return;
        const size_t room = std::min(kMaxInlineScriptBytes, kMaxInlineScriptsBytes - inline_bytes_);
        const std::string_view kept = utf8_prefix(body, room);
        inline_bytes_ += kept.size();
        f_.inline_scripts.emplace_back(kept);
    }

    void anchor(std::string_view href, bool hidden) {
        ++f_.counts.links;
        std::string h = host(href);
        if (h.empty() || is_own_host(h, f_.own_host)) return;
        if (hidden) {
            ++f_.hidden_link_count;
            f_.hidden_link_hosts.insert(h);
        }
        ++f_.link_hosts[std::move(h)];
    }

    // The body as nested tags, "body(header(nav(ul(li(a))))main(...))", with a run of
    // same-tag siblings written once, so a list of 8 or 12 news items has one skeleton.
    void skeleton_enter(const GumboElement& e, Frame& parent, Frame& frame) {
        if (skeleton_tags_ >= kMaxSkeletonTags) return;
        if (e.tag == GUMBO_TAG_BODY) {
            frame.skeleton_depth = 0;
        } else if (parent.skeleton_depth >= 0 && parent.skeleton_depth < kSkeletonDepth) {
            std::string name = tag_name(e);
            if (name == parent.last_child_tag) return;
            parent.last_child_tag = std::move(name);
            frame.skeleton_depth = parent.skeleton_depth + 1;
        } else {
            return;
        }
        ++skeleton_tags_;
        f_.skeleton += tag_name(e);
        f_.skeleton.push_back('(');
    }

    void skeleton_leave(const Frame& frame) {
        if (frame.skeleton_depth >= 0) f_.skeleton.push_back(')');
    }

    void finish() {
        const std::string visible = collapse(raw_visible_);
        f_.text_length = visible.size();
        f_.visible_text = utf8_prefix(visible, kMaxVisibleTextBytes);
        f_.hidden_text = utf8_prefix(collapse(raw_hidden_), kMaxVisibleTextBytes);

        size_t chars = 0, cjk = 0, kana = 0;
        const std::string_view v = f_.visible_text;
        for (size_t i = 0; i < v.size();) {
            const char32_t c = next_code_point(v, i);
            if (is_unicode_space(c)) continue;
            ++chars;
            cjk += is_cjk(c);
            kana += is_kana(c);
        }
        if (chars > 0) {
            f_.cjk_share = static_cast<double>(cjk) / static_cast<double>(chars);
            f_.kana_share = static_cast<double>(kana) / static_cast<double>(chars);
        }
    }

    PageFeatures& f_;
    const TextNormaliser& normaliser_;
    std::string raw_visible_, raw_hidden_, heading_;
    std::vector<std::pair<std::string, std::string>> blocks_;  // open blocks: tag, raw text
    int heading_depth_ = 0;
    int main_depth_ = 0;
    bool seen_title_ = false;
    size_t inline_bytes_ = 0;
    size_t skeleton_tags_ = 0;
};

struct OutputDeleter {
    void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

// The authority's host: userinfo, port, IPv6 brackets and a trailing dot removed.
std::string authority_host(std::string_view rest) {
    rest = rest.substr(0, std::min(rest.find_first_of("/?#\\"), rest.size()));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    std::string_view h;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        h = close == std::string_view::npos ? rest.substr(1) : rest.substr(1, close - 1);
    } else {
        h = rest.substr(0, std::min(rest.find(':'), rest.size()));
    }
    while (!h.empty() && h.back() == '.') h.remove_suffix(1);
    return lowercase(h);
}

}  // namespace

uint64_t fnv1a64(std::string_view data) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string resolve_host(std::string_view url, std::string_view own_host) {
    url = trim(url);
    auto is_slash = [](char c) { return c == '/' || c == '\\'; };  // browsers accept both
    if (url.size() >= 2 && is_slash(url[0]) && is_slash(url[1]))
        return authority_host(url.substr(2));
    const size_t colon = url.find(':');
    const size_t stop = std::min(url.find_first_of("/\\?#"), url.size());
    if (colon != std::string_view::npos && colon < stop && colon > 0) {
        const std::string_view scheme = url.substr(0, colon);
        const bool valid = std::all_of(scheme.begin(), scheme.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '+' || c == '-' || c == '.';
        });
        if (valid) {
            const std::string s = lowercase(scheme);
            if (s != "http" && s != "https" && s != "ftp" && s != "ws" && s != "wss") return "";
            std::string_view rest = url.substr(colon + 1);
            while (!rest.empty() && is_slash(rest.front())) rest.remove_prefix(1);
            return authority_host(rest);
        }
    }
    return std::string(own_host);
}

bool is_own_host(std::string_view host, std::string_view own_host) {
    auto bare = [](std::string_view h) { return h.substr(0, 4) == "www." ? h.substr(4) : h; };
    return !host.empty() && bare(host) == bare(own_host);
}

PageFeatures extract_features(std::string_view html, std::string_view page_url) {
    static const TextNormaliser kBuiltIn;
    return extract_features(html, page_url, kBuiltIn);
}

PageFeatures extract_features(std::string_view html, std::string_view page_url,
                              const TextNormaliser& normaliser) {
    PageFeatures f;
    f.own_host = resolve_host(page_url, "");
    f.html_bytes = html.size();
    std::string_view parsed = html.substr(0, kMaxParsedBytes);
    parsed = parsed.substr(0, nesting_bounded_length(parsed));
    f.truncated = parsed.size() < html.size();

    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // a broken page would otherwise fill memory with parse errors
    std::unique_ptr<GumboOutput, OutputDeleter> out(
        gumbo_parse_with_options(&options, parsed.data(), parsed.size()));
    if (!out || !out->document) return f;
    Extractor(f, normaliser).run(out->document);
    return f;
}

}  // namespace sitewatch::checks
