// The content soak (an acceptance point of the content-detection issue): `sitewatch run`
// against eight loopback sites whose pages change on every request (time stamps in several
// formats, CSRF tokens, CSP nonces, cache busters on their own CSS and JS, rotating news and
// testimonials, shuffled grids, visitor counters, A/B headlines) opens nothing for
// SITEWATCH_SOAK_SECONDS (default 600, the issue's 10 minutes) at a 1 s interval; then five of
// them are switched, one at a time, to a defacement, an injected third-party script, a
// WordPress critical error served with 200, a blank page and a hidden link farm, and each must
// be reported confirmed, with the right condition, within 2 intervals + confirm.retry_after
// (+ 1 s for the scheduler tick).
//
// Three sites are the corpus templates (tests/corpus: blog, company, shop) rendered afresh on
// every request and served as if the loopback address were their host, so their own
// stylesheets and scripts are fetched by the asset check; five are written here (a newspaper,
// a SaaS landing page, a restaurant, a dental clinic, a hotel). A failure prints the site, the
// summary and the findings, and saves the pages served last under the system temp directory.
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/corpus/corpus.h"
#include "tests/support/child_process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_http_server.h"

using namespace sitewatch::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kBinary = SITEWATCH_BINARY;
constexpr const char* kClient = "soak";

// The configuration under test, and the detection bound derived from it.
constexpr auto kInterval = 1s;
constexpr auto kRetryAfter = 1s;
constexpr auto kTickSlack = 1s;
constexpr auto kDetectionBound = 2 * kInterval + kRetryAfter + kTickSlack;

int soak_seconds() {
    const char* v = std::getenv("SITEWATCH_SOAK_SECONDS");
    if (!v || !*v) return 600;
    char* end = nullptr;
    const long n = std::strtol(v, &end, 10);
    if (*end != '\0' || n < 10 || n > 86'400)
        FAIL("SITEWATCH_SOAK_SECONDS must be a number of seconds from 10 to 86400, not " << v);
    return static_cast<int>(n);
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t pos = s.find(from); pos != std::string::npos;
         pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

// Inserts `what` before the last occurrence of `marker` (or before </body>, or at the end).
std::string insert_before(std::string html, const std::string& marker, const std::string& what) {
    auto pos = html.rfind(marker);
    if (pos == std::string::npos) pos = html.rfind("</body>");
    if (pos == std::string::npos) pos = html.size();
    html.insert(pos, what);
    return html;
}

// ---------------------------------------------------------------------------------------------
// Per-request noise for the sites written here.

class Noise {
public:
    explicit Noise(uint64_t seed) : rng_(seed), now_(std::chrono::system_clock::now()) {}

    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    std::string chars(std::size_t n, std::string_view alphabet) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i)
            s += alphabet[static_cast<std::size_t>(
                between(0, static_cast<int>(alphabet.size()) - 1))];
        return s;
    }
    std::string alnum(std::size_t n) {
        return chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    }
    std::string hex(std::size_t n) { return chars(n, "0123456789abcdef"); }
    std::string base64(std::size_t n) {
        return chars(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") + "==";
    }
    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))];
    }
    template <typename T>
    std::vector<T> shuffled(std::vector<T> v) {
        std::shuffle(v.begin(), v.end(), rng_);
        return v;
    }
    // `fixed` in order, with `slots` items drawn from `pool` put in at positions 1, 4, 6, ...
    std::vector<std::string> rotated(std::vector<std::string> fixed,
                                     const std::vector<std::string>& pool, int slots) {
        auto drawn = shuffled(pool);
        for (int i = 0; i < slots && i < static_cast<int>(drawn.size()); ++i) {
            const auto at = std::min(fixed.size(), static_cast<std::size_t>(1 + 3 * i));
            fixed.insert(fixed.begin() + static_cast<std::ptrdiff_t>(at),
                         drawn[static_cast<std::size_t>(i)]);
        }
        return fixed;
    }
    // The current time in strftime format `fmt`, UTC.
    std::string time(const char* fmt) const {
        const std::time_t t = std::chrono::system_clock::to_time_t(now_);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[128];
        std::strftime(buf, sizeof buf, fmt, &tm);
        return buf;
    }
    long long epoch_ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(now_.time_since_epoch())
            .count();
    }
    std::string ago() {
        const int m = between(1, 59);
        if (between(0, 2) == 0) return std::to_string(between(1, 23)) + " hours ago";
        return std::to_string(m) + (m == 1 ? " minute ago" : " minutes ago");
    }

private:
    std::mt19937_64 rng_;
    std::chrono::system_clock::time_point now_;
};

// What every page written here carries on every load.
struct Common {
    std::string nonce, csrf, css_ver, js_ver, build, request_id;
    explicit Common(Noise& n)
        : nonce(n.base64(22)),
          csrf(n.alnum(40)),
          css_ver(n.hex(10)),
          js_ver(std::to_string(n.between(100000, 999999))),
          build(n.hex(7)),
          request_id(n.hex(32)) {}
};

std::string head(Noise& n, const Common& c, const std::string& title,
                 const std::string& description, const std::string& lang = "en") {
    return "<!DOCTYPE html>\n<html lang=\"" + lang +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           title + "</title>\n<meta name=\"description\" content=\"" + description +
           "\">\n<meta name=\"csrf-token\" content=\"" + c.csrf +
           "\">\n<meta name=\"generated\" content=\"" + n.time("%Y-%m-%dT%H:%M:%SZ") +
           "\">\n<link rel=\"stylesheet\" href=\"/assets/css/main.css?ver=" + c.css_ver +
           "\">\n<link rel=\"stylesheet\" href=\"/assets/css/print.css?ver=" + c.css_ver +
           "\" media=\"print\">\n<script nonce=\"" + c.nonce + "\">window.__APP__={requestId:\"" +
           c.request_id + "\",serverTime:" + std::to_string(n.epoch_ms()) + ",build:\"" + c.build +
           "\"};</script>\n"
           "<script src=\"/assets/js/app.js?ver=" +
           c.js_ver + "\" defer></script>\n</head>\n";
}

std::string foot(Noise& n, const Common& c, const std::string& owner, const std::string& address) {
    return "<footer class=\"site-footer\">\n<p>" + address + "</p>\n<p>&copy; " + n.time("%Y") +
           " " + owner + ". All rights reserved.</p>\n<p class=\"build\">Page generated " +
           n.time("%a, %d %b %Y %H:%M:%S GMT") + " &middot; build " + c.build +
           " &middot; node web-" + std::to_string(n.between(1, 9)) +
           "</p>\n</footer>\n<script nonce=\"" + c.nonce +
           "\">document.documentElement.classList.add('js');</script>\n</body>\n</html>\n";
}

std::string list_items(const std::vector<std::string>& items, const std::string& cls = "") {
    std::string s;
    for (const auto& i : items)
        s += "<li" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + i + "</li>\n";
    return s;
}

std::string news_items(Noise& n, const std::vector<std::string>& titles,
                       const std::string& prefix) {
    std::vector<std::string> items;
    for (const auto& t : titles) {
        std::string slug;
        for (char ch : t)
            if (std::isalnum(static_cast<unsigned char>(ch)))
                slug += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            else if (!slug.empty() && slug.back() != '-')
                slug += '-';
        items.push_back("<a href=\"" + prefix + slug.substr(0, 60) + "/\">" + t + "</a> <time>" +
                        n.ago() + "</time>");
    }
    return list_items(items, "news-item");
}

std::string viewing(Noise& n, int lo, int hi, const std::string& what) {
    return "<p class=\"live-counter\">" + std::to_string(n.between(lo, hi)) + " " + what + "</p>\n";
}

// The Riverside Gazette: a regional newspaper's front page.
std::string render_gazette(uint64_t load) {
    Noise n(load * 7919 + 11);
    Common c(n);
    static const std::vector<std::string> fixed = {
        "City council approves new riverside cycle path after two-year debate",
        "Hospital trust opens extended evening clinic hours in the east wing",
        "Local bakery wins regional award for its sourdough for a third year",
        "Schools prepare for winter timetable as first frost arrives early",
        "Library reopens after renovation with a new children's reading room",
        "Harbour festival organisers announce dates and a bigger food market",
        "Bus operator adds late services on the number 12 route from January"};
    static const std::vector<std::string> pool = {
        "Volunteers plant 400 trees along the old railway embankment",
        "Rowing club celebrates centenary with a regatta on the river",
        "Market hall traders welcome longer Saturday opening hours",
        "New footbridge at Mill Lane to open before the spring",
        "Community choir records album in the cathedral",
        "Farmers report strong apple harvest despite a dry summer",
        "Museum acquires 18th-century map of the town and estuary",
        "Youth football league expands with two new girls' teams",
        "Allotment waiting list falls after new plots open in the north"};
    static const std::vector<std::string> leads = {
        "Flood defences finished a year ahead of schedule",
        "Riverside flood wall completed early, says council"};
    static const std::vector<std::string> classifieds = {
        "Oak dining table, seats six &ndash; &pound;180",
        "Garden shed, 8x6, buyer collects &ndash; &pound;95",
        "Child's bike, 20in wheels &ndash; &pound;40",
        "Piano lessons, all ages, first lesson free",
        "Room to let near the station &ndash; &pound;520 pcm",
        "Dog walker available weekdays",
        "Upright freezer, A+ rated &ndash; &pound;70",
        "Vintage record collection, 200 LPs &ndash; offers",
        "Window cleaning round for sale",
        "Allotment tools, complete set &ndash; &pound;35"};
    static const std::vector<std::string> letters = {
        "&ldquo;Thank you to the crew who cleared the towpath after the storm.&rdquo; &ndash; M. "
        "Hale",
        "&ldquo;The new cycle path cannot come soon enough for commuters like me.&rdquo; &ndash; "
        "R. Okafor",
        "&ldquo;Our street's Christmas lights were the best in years.&rdquo; &ndash; J. Lindqvist",
        "&ldquo;Please bring back the Sunday bus to the coast.&rdquo; &ndash; P. Marsh",
        "&ldquo;A wonderful evening at the harbour festival, well done all.&rdquo; &ndash; S. "
        "Iqbal"};
    std::string grid;
    for (const auto& item : n.shuffled(classifieds))
        grid += "<div class=\"ad-card\">" + item + "</div>\n";
    return head(n, c, "The Riverside Gazette &ndash; News, sport and events from the river towns",
                "Local news, sport, weather and events from the Riverside Gazette") +
           "<body class=\"home\">\n<header class=\"masthead\">\n<p class=\"dateline\">" +
           n.time("%A, %B %e, %Y") + " &middot; Updated " + n.time("%H:%M") +
           " GMT</p>\n<h1 class=\"logo\"><a href=\"/\">The Riverside Gazette</a></h1>\n"
           "<nav><a href=\"/news/\">News</a> <a href=\"/sport/\">Sport</a> <a "
           "href=\"/whats-on/\">What's "
           "on</a> <a href=\"/property/\">Property</a> <a href=\"/jobs/\">Jobs</a> <a "
           "href=\"/subscribe/\">Subscribe</a></nav>\n<div class=\"weather\">Riverside: " +
           std::to_string(n.between(2, 14)) + "&deg;C, wind " + std::to_string(n.between(5, 30)) +
           " km/h, as of " + n.time("%I:%M %p") +
           "</div>\n</header>\n<main>\n<article class=\"lead\">\n<h2>" + n.pick(leads) +
           "</h2>\n<p>The two-kilometre wall along the east bank protects around 1,200 homes and "
           "businesses. Engineers say the scheme will cope with a one-in-200-year flood.</p>\n"
           "<p class=\"byline\">By Helen Marsh, chief reporter &middot; <time datetime=\"" +
           n.time("%Y-%m-%dT%H:%M:%SZ") + "\">" + n.ago() +
           "</time></p>\n</article>\n<section class=\"top-stories\">\n<h2>Top "
           "stories</h2>\n<ul>\n" +
           news_items(n, n.rotated(fixed, pool, 3), "/news/") +
           "</ul>\n</section>\n<section class=\"letters\">\n<h2>Letters to the "
           "editor</h2>\n<blockquote>" +
           n.pick(letters) +
           "</blockquote>\n</section>\n<section class=\"classifieds\">\n<h2>Classifieds</h2>\n" +
           grid + "</section>\n" + viewing(n, 40, 900, "people are reading the Gazette right now") +
           "<form class=\"newsletter\" method=\"post\" action=\"/newsletter/\">\n<input "
           "type=\"hidden\" "
           "name=\"_token\" value=\"" +
           c.csrf +
           "\">\n<label>Morning briefing by email <input type=\"email\" name=\"email\"></label>\n"
           "<button>Sign up</button>\n</form>\n</main>\n" +
           foot(n, c, "Riverside Gazette Media Ltd", "12 Quay Street, Riverside RV1 2QS");
}

// Brightdesk: a SaaS help-desk product's landing page.
std::string render_saas(uint64_t load) {
    Noise n(load * 104729 + 5);
    Common c(n);
    static const std::vector<std::string> heroes = {"Answer every customer in one inbox",
                                                    "Customer support your whole team can share"};
    static const std::vector<std::string> integrations = {
        "Slack",           "Shopify",          "Salesforce", "HubSpot",         "Jira",
        "GitHub",          "Zapier",           "Stripe",     "Intercom import", "Google Workspace",
        "Microsoft Teams", "WhatsApp Business"};
    static const std::vector<std::string> changelog = {
        "Shared drafts: write a reply together before it goes out",
        "SLA timers now pause outside business hours",
        "Faster search across three years of conversations",
        "Saved replies support variables for order numbers",
        "New reporting dashboard for first-response time"};
    static const std::vector<std::string> changelog_pool = {
        "Dark mode for the agent workspace",      "Bulk-merge duplicate tickets",
        "Two-factor sign-in with security keys",  "Email threading fix for forwarded messages",
        "CSV export of satisfaction surveys",     "Keyboard shortcuts cheat sheet",
        "Custom fields on the contact sidebar",   "Auto-close for solved tickets after 7 days",
        "Audit log retention extended to 2 years"};
    static const std::vector<std::string> quotes = {
        "&ldquo;We cut our first response time from six hours to forty minutes.&rdquo; &ndash; "
        "Maya, "
        "Head of Support at Fernway",
        "&ldquo;Setup took an afternoon and the whole team was using it the next day.&rdquo; "
        "&ndash; "
        "Tom, COO at Lumen Bikes",
        "&ldquo;Finally one place for email, chat and WhatsApp.&rdquo; &ndash; Ana, founder of "
        "Casa Verde",
        "&ldquo;Our agents actually like the keyboard shortcuts.&rdquo; &ndash; Dev, Support Lead "
        "at "
        "Stackfield"};
    std::string grid;
    for (const auto& i : n.shuffled(integrations))
        grid += "<li class=\"integration\">" + i + "</li>\n";
    return head(n, c, "Brightdesk &ndash; Shared inbox and help desk for growing teams",
                "Brightdesk brings email, chat and social messages into one shared inbox.") +
           "<body>\n<header class=\"topbar\">\n<a class=\"brand\" "
           "href=\"/\">Brightdesk</a>\n<nav><a "
           "href=\"/features\">Features</a> <a href=\"/pricing\">Pricing</a> <a "
           "href=\"/customers\">Customers</a> "
           "<a href=\"/blog\">Blog</a> <a href=\"/login\">Log "
           "in</a></nav>\n</header>\n<main>\n<section "
           "class=\"hero\">\n<h1>" +
           n.pick(heroes) +
           "</h1>\n<p>Email, live chat and social messages in one place, with assignments, "
           "collision detection and reports your team will use.</p>\n<form method=\"post\" "
           "action=\"/signup\"><input type=\"hidden\" name=\"authenticity_token\" value=\"" +
           c.csrf +
           "\"><input type=\"email\" name=\"email\" placeholder=\"Work email\"><button>Start free "
           "trial</button></form>\n" +
           viewing(n, 20, 400, "teams started a trial this week") +
           "</section>\n<section class=\"features\">\n<h2>Everything a support team "
           "needs</h2>\n<ul>\n"
           "<li>Shared inbox with assignment rules</li>\n<li>Live chat widget for your "
           "site</li>\n<li>Knowledge "
           "base with search</li>\n<li>Reports on volume, response time and "
           "satisfaction</li>\n</ul>\n</section>\n"
           "<section class=\"integrations\">\n<h2>Works with the tools you use</h2>\n<ul>\n" +
           grid + "</ul>\n</section>\n<section class=\"testimonial\">\n<blockquote>" +
           n.pick(quotes) +
           "</blockquote>\n</section>\n<section class=\"changelog\">\n<h2>What's new</h2>\n<ul>\n" +
           news_items(n, n.rotated(changelog, changelog_pool, 3), "/changelog/") +
           "</ul>\n</section>\n<p class=\"status\">All systems operational &middot; checked " +
           n.time("%Y-%m-%d %H:%M:%S UTC") + "</p>\n</main>\n" +
           foot(n, c, "Brightdesk Inc.", "500 Market Street, Suite 300, San Francisco, CA 94105");
}

// Olive &amp; Thyme: a restaurant with a booking form.
std::string render_restaurant(uint64_t load) {
    Noise n(load * 1299709 + 3);
    Common c(n);
    static const std::vector<std::string> heroes = {
        "Seasonal Mediterranean cooking in the old town",
        "Wood-fired dishes from the Mediterranean coast"};
    static const std::vector<std::string> dishes = {
        "Grilled octopus, fava pur&eacute;e, capers &ndash; 16",
        "Lamb shoulder, saffron rice &ndash; 24",
        "Burrata, blood orange, pistachio &ndash; 12",
        "Sea bream, fennel, lemon &ndash; 22",
        "Wild mushroom risotto &ndash; 18",
        "Charred aubergine, tahini, pomegranate &ndash; 11",
        "Slow-cooked beef cheek, polenta &ndash; 23",
        "Orange blossom panna cotta &ndash; 8",
        "Pistachio baklava, yoghurt ice cream &ndash; 8"};
    static const std::vector<std::string> events = {
        "Wine evening with a Cretan winemaker on the last Thursday of the month",
        "Sunday family lunch: children eat free from the kids' menu",
        "Private dining room now taking bookings for the holidays",
        "New winter menu from the first of the month"};
    static const std::vector<std::string> event_pool = {
        "Olive oil tasting with our Andalusian supplier",
        "Cooking class: fresh pasta in two hours",
        "Live guitar on Friday evenings",
        "Gift vouchers available at the bar",
        "Meze night every Wednesday",
        "Chef's table: six courses for eight guests",
        "Brunch on Saturdays from ten",
        "Our terrace is heated through the winter",
        "Truffle week menu returns"};
    static const std::vector<std::string> reviews = {
        "&ldquo;The octopus alone is worth the trip.&rdquo; &ndash; Giulia on TripAdvisor",
        "&ldquo;Warm service and a lovely wine list.&rdquo; &ndash; Mark on Google",
        "&ldquo;Best lamb I have had outside Greece.&rdquo; &ndash; Eleni on OpenTable",
        "&ldquo;Booked for a birthday, they made it special.&rdquo; &ndash; Sarah on Google",
        "&ldquo;Cosy room, great bread, we will be back.&rdquo; &ndash; Tom on TripAdvisor"};
    std::string menu;
    for (const auto& d : n.shuffled(dishes)) menu += "<div class=\"dish\">" + d + "</div>\n";
    return head(n, c, "Olive &amp; Thyme &ndash; Mediterranean restaurant",
                "Seasonal Mediterranean restaurant") +
           "<body class=\"restaurant\">\n<header>\n<a href=\"/\" class=\"logo\">Olive &amp; "
           "Thyme</a>\n<nav><a "
           "href=\"/menu/\">Menu</a> <a href=\"/book/\">Book a table</a> <a "
           "href=\"/events/\">Events</a> <a "
           "href=\"/gift-vouchers/\">Gift vouchers</a> <a href=\"/contact/\">Find "
           "us</a></nav>\n</header>\n<main>\n"
           "<section class=\"hero\"><h1>" +
           n.pick(heroes) + "</h1>\n<p class=\"today\">Today, " + n.time("%A %e %B") +
           ": open 12:00&ndash;15:00 and 18:00&ndash;22:30. " + "Last table booked " + n.ago() +
           ".</p>\n" + viewing(n, 2, 35, "people are looking at tables tonight") +
           "</section>\n<section class=\"chefs-picks\">\n<h2>Chef's picks this week</h2>\n" + menu +
           "</section>\n<section class=\"events\">\n<h2>What's on</h2>\n<ul>\n" +
           news_items(n, n.rotated(events, event_pool, 3), "/events/") +
           "</ul>\n</section>\n<section class=\"review\"><blockquote>" + n.pick(reviews) +
           "</blockquote></section>\n<form class=\"booking\" method=\"post\" "
           "action=\"/book/\">\n<input "
           "type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"" +
           c.csrf + "\">\n<label>Date <input type=\"date\" name=\"date\" value=\"" +
           n.time("%Y-%m-%d") +
           "\"></label>\n<label>Guests <select name=\"guests\"><option>2</option><option>4</option>"
           "<option>6</option></select></label>\n<button>Find a "
           "table</button>\n</form>\n</main>\n" +
           foot(n, c, "Olive &amp; Thyme Ltd", "4 Cooper's Yard, Old Town");
}

// Harbor Dental: a clinic with services, patient stories and an appointment form.
std::string render_clinic(uint64_t load) {
    Noise n(load * 15485863 + 17);
    Common c(n);
    static const std::vector<std::string> heroes = {"Gentle dental care for the whole family",
                                                    "Your family dentist by the harbour"};
    static const std::vector<std::string> services = {
        "Check-ups and hygiene", "Teeth whitening",        "Invisalign clear aligners",
        "Dental implants",       "Emergency appointments", "Children's dentistry",
        "Root canal treatment",  "Crowns and bridges",     "Nervous patient care",
        "Mouth guards for sport"};
    static const std::vector<std::string> articles = {
        "How often should children visit the dentist?", "Five habits that protect your enamel",
        "What to expect at your first implant consultation",
        "Electric or manual: which toothbrush is better?"};
    static const std::vector<std::string> article_pool = {
        "Sensitive teeth in winter: causes and relief",
        "Is whitening safe for everyone?",
        "Sugar-free snacks for school lunch boxes",
        "Why flossing still matters",
        "Dental care during pregnancy",
        "Sports drinks and your teeth",
        "Bad breath: when to see a dentist",
        "Clear aligners for adults explained",
        "Caring for a new crown"};
    static const std::vector<std::string> stories = {
        "&ldquo;I used to dread the dentist. Dr Reyes changed that.&rdquo; &ndash; Lena K.",
        "&ldquo;My implant looks and feels like my own tooth.&rdquo; &ndash; Robert M.",
        "&ldquo;They fitted my son in the same day after his fall.&rdquo; &ndash; Priya S.",
        "&ldquo;Friendly team, clear prices, no surprises.&rdquo; &ndash; Owen T."};
    std::string grid;
    for (const auto& s : n.shuffled(services))
        grid += "<div class=\"service-card\"><h3>" + s + "</h3></div>\n";
    return head(n, c, "Harbor Dental Clinic &ndash; Family and cosmetic dentistry",
                "Family, cosmetic and emergency dentistry by the harbour.") +
           "<body>\n<header class=\"clinic-header\">\n<a href=\"/\" class=\"logo\">Harbor "
           "Dental</a>\n<p "
           "class=\"phone\">Call 0161 555 0142</p>\n<nav><a href=\"/services/\">Services</a> <a "
           "href=\"/fees/\">Fees</a> <a href=\"/team/\">Our team</a> <a "
           "href=\"/advice/\">Advice</a> <a "
           "href=\"/appointments/\">Book</a></nav>\n</header>\n<main>\n<section "
           "class=\"hero\"><h1>" +
           n.pick(heroes) + "</h1>\n<p>Next available appointment: " + n.time("%d/%m/%Y") + " at " +
           std::to_string(n.between(9, 16)) + ":" + (n.between(0, 1) ? "00" : "30") + "</p>\n" +
           viewing(n, 3, 40, "patients booked online today") +
           "</section>\n<section class=\"services\">\n<h2>Treatments</h2>\n" + grid +
           "</section>\n<section class=\"story\"><blockquote>" + n.pick(stories) +
           "</blockquote></section>\n<section class=\"advice\">\n<h2>Advice from our "
           "dentists</h2>\n<ul>\n" +
           news_items(n, n.rotated(articles, article_pool, 3), "/advice/") +
           "</ul>\n</section>\n<form method=\"post\" action=\"/appointments/request\">\n<input "
           "type=\"hidden\" "
           "name=\"__RequestVerificationToken\" value=\"" +
           c.csrf +
           "\">\n<label>Name <input name=\"name\"></label>\n<label>Phone <input "
           "name=\"phone\"></label>\n"
           "<button>Request an appointment</button>\n</form>\n</main>\n" +
           foot(n, c, "Harbor Dental Clinic", "2 Harbour Row, Salford M50 3AB");
}

// Alpine Lodge: a hotel with rooms, availability and guest reviews.
std::string render_hotel(uint64_t load) {
    Noise n(load * 32452843 + 29);
    Common c(n);
    static const std::vector<std::string> heroes = {"A quiet lodge at the foot of the mountains",
                                                    "Ski in, ski out, and a fire waiting"};
    static const std::vector<std::string> rooms = {
        "Classic double", "Superior twin", "Mountain-view suite",     "Family room",
        "Attic loft",     "Garden studio", "Junior suite with sauna", "Single room"};
    static const std::vector<std::string> news = {
        "Winter season opens with the first lifts on the 12th",
        "Our spa now offers evening sessions", "New breakfast menu with local cheeses",
        "Shuttle to the station every hour"};
    static const std::vector<std::string> news_pool = {"Snowshoe tours with our guide on Tuesdays",
                                                       "Fondue nights every Friday",
                                                       "E-bikes to rent from April",
                                                       "Wine cellar tasting for guests",
                                                       "Kids' ski school partnership",
                                                       "Yoga mornings in the lounge",
                                                       "Avalanche safety talk on Sundays",
                                                       "Sledge run open after dark",
                                                       "Sunset hike to the chapel"};
    static const std::vector<std::string> reviews = {
        "&ldquo;The view from the suite is unreal.&rdquo; &ndash; Claire, stayed 3 nights",
        "&ldquo;Breakfast was the highlight of our trip.&rdquo; &ndash; Jonas, stayed 5 nights",
        "&ldquo;Perfect for families, the staff were lovely.&rdquo; &ndash; the Moreau family",
        "&ldquo;Cosy rooms and a great spa.&rdquo; &ndash; Aiko, stayed 2 nights"};
    std::string grid;
    for (const auto& r : n.shuffled(rooms))
        grid += "<div class=\"room\"><h3>" + r + "</h3><p>from &euro;" +
                std::to_string(n.between(95, 390)) + " per night &middot; " +
                std::to_string(n.between(1, 5)) + " left</p></div>\n";
    return head(n, c, "Alpine Lodge &ndash; Hotel and spa in the mountains",
                "Family-run hotel and spa", "en") +
           "<body class=\"hotel\">\n<header>\n<a href=\"/\" class=\"logo\">Alpine "
           "Lodge</a>\n<nav><a "
           "href=\"/rooms/\">Rooms</a> <a href=\"/spa/\">Spa</a> <a href=\"/dining/\">Dining</a> "
           "<a "
           "href=\"/offers/\">Offers</a> <a href=\"/booking/\">Book "
           "now</a></nav>\n</header>\n<main>\n<section "
           "class=\"hero\"><h1>" +
           n.pick(heroes) + "</h1>\n<p>Snow report " + n.time("%e %b, %H:%M") + ": " +
           std::to_string(n.between(20, 160)) + " cm at the summit, " +
           std::to_string(n.between(-12, 2)) + "&deg;C.</p>\n" +
           viewing(n, 5, 80, "people are looking at this hotel") + "<p>Last booked " + n.ago() +
           "</p>\n</section>\n<section class=\"rooms\">\n<h2>Rooms</h2>\n" + grid +
           "</section>\n<section class=\"news\">\n<h2>News from the lodge</h2>\n<ul>\n" +
           news_items(n, n.rotated(news, news_pool, 3), "/news/") +
           "</ul>\n</section>\n<section class=\"reviews\"><blockquote>" + n.pick(reviews) +
           "</blockquote></section>\n<form method=\"post\" action=\"/booking/search\">\n<input "
           "type=\"hidden\" "
           "name=\"_csrf\" value=\"" +
           c.csrf + "\">\n<label>Arrival <input type=\"date\" name=\"from\" value=\"" +
           n.time("%Y-%m-%d") +
           "\"></label>\n<button>Check availability</button>\n</form>\n</main>\n" +
           foot(n, c, "Alpine Lodge GmbH", "Dorfstrasse 8, 6370 Kitzbuehel, Austria");
}

// ---------------------------------------------------------------------------------------------
// The broken and attacked pages of phase 2.

const std::string kDefacementPage = R"(<html>
<head>
<title>Hacked by Sh4d0wN3t</title>
<meta name="description" content="Hacked by Sh4d0wN3t">
<style>body{background:#000;color:#0f0;font-family:monospace;text-align:center}</style>
</head>
<body>
<h1>Hacked by Sh4d0wN3t</h1>
<img src="https://i.imgur.com/x7Qd2Lp.gif" width="400">
<marquee behavior="alternate"><font size="5" color="red">Your security is just an illusion</font></marquee>
<p>This site has been hacked. Patch your system, admin!</p>
<p>Greetz: Ghost_Rider - xR00t - KingSkrupellos - all Indonesian Cyber Army</p>
<p>Contact: sh4d0wn3t@protonmail.com</p>
<embed src="https://www.youtube.com/embed/xK3fE9qWJc8?autoplay=1" width="1" height="1">
</body>
</html>
)";

// WordPress 6.x's fatal-error handler page (wp_die), served with 200 as a misconfigured site
// does.
const std::string kWordPressCriticalError = R"(<!DOCTYPE html>
<html dir='ltr'>
<head>
	<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
	<meta name="viewport" content="width=device-width">
	<meta name='robots' content='max-image-preview:large, noindex, follow' />
	<title>WordPress &rsaquo; Error</title>
	<style type="text/css">
		html { background: #f1f1f1; }
		body { background: #fff; border: 1px solid #ccd0d4; color: #444; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen-Sans, Ubuntu, Cantarell, "Helvetica Neue", sans-serif; margin: 2em auto; padding: 1em 2em; max-width: 700px; box-shadow: 0 1px 1px rgba(0, 0, 0, .04); }
		#error-page { margin-top: 50px; }
		#error-page p, #error-page .wp-die-message { font-size: 14px; line-height: 1.5; margin: 25px 0 20px; }
	</style>
</head>
<body id="error-page">
	<div class="wp-die-message"><p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p></div></body>
</html>
)";

std::string injected_script(std::string html) {
    return insert_before(std::move(html), "</body>",
                         "<script src=\"https://cdn-js-metrics.top/a.js\" async></script>\n");
}

std::string hidden_link_farm(std::string html) {
    static const std::vector<std::string> hosts = {
        "cheap-rx-pharmacy.top",   "buy-generic-pills.xyz",  "online-meds-discount.top",
        "rx-bestprice-store.top",  "pharma-express24.icu",   "viagra-cheap-online.cn",
        "cialis-generic-shop.top", "pillsdirect-now.xyz",    "meds-without-rx.top",
        "best-pharma-deals.icu",   "tramadol-overnight.top", "xanax-online-shop.xyz",
        "canadian-rx-outlet.top",  "discount-drugstore.icu", "levitra-best-price.top",
        "weight-loss-pills.xyz",   "antibiotics-online.top", "painkillers-express.icu",
        "rx-no-prescription.top",  "generic-meds-24.xyz"};
    static const std::vector<std::string> anchors = {"buy viagra online", "cheap cialis",
                                                     "generic pills",     "tramadol overnight",
                                                     "xanax no rx",       "cheap meds"};
    std::string farm = "<div style=\"display:none\">\n";
    for (std::size_t i = 0; i < hosts.size(); ++i)
        farm += "<a href=\"https://" + hosts[i] + "/\">" + anchors[i % anchors.size()] + "</a>\n";
    farm += "</div>\n";
    return insert_before(std::move(html), "</footer>", farm);
}

// ---------------------------------------------------------------------------------------------
// A loopback site serving a fresh page on every request, its own stylesheets and scripts, and
// the pages it served last.

using Renderer = std::function<std::string(uint64_t load)>;

class SoakSite {
public:
    SoakSite(std::string name, std::string kind) : name_(std::move(name)), kind_(std::move(kind)) {
        server_.handle("/",
                       [this](const httplib::Request&, httplib::Response& res) { serve(res); });
    }
    const std::string& name() const { return name_; }
    const std::string& kind() const { return kind_; }
    // "http://127.0.0.1:PORT": what the site's own absolute links start with.
    std::string origin() const { return server_.url(""); }
    std::string url() const { return server_.url("/"); }

    void set_page(Renderer r) {
        std::lock_guard lock(mutex_);
        renderer_ = std::move(r);
    }
    uint64_t loads() const { return loads_.load(); }
    uint64_t asset_requests() const { return asset_requests_.load(); }
    std::deque<std::string> recent() const {
        std::lock_guard lock(mutex_);
        return recent_;
    }

private:
    void serve(httplib::Response& res) {
        Renderer render;
        {
            std::lock_guard lock(mutex_);
            render = renderer_;
        }
        std::string html = render(loads_++);
        register_assets(html);
        {
            std::lock_guard lock(mutex_);
            recent_.push_back(html);
            if (recent_.size() > 3) recent_.pop_front();
        }
        res.status = 200;
        res.set_header("Cache-Control", "no-cache, no-store, must-revalidate");
        res.set_content(html, "text/html; charset=utf-8");
    }

    // Serves every own-host <script src> and <link rel=stylesheet href> the page names (cache
    // busters are in the query, which the route ignores).
    void register_assets(const std::string& html) {
        const std::string origin = server_.url("");
        const std::string relative_origin = origin.substr(std::string("http:").size());
        for (const std::string tag : {"<script", "<link"}) {
            for (std::size_t at = html.find(tag); at != std::string::npos;
                 at = html.find(tag, at + 1)) {
                const auto end = html.find('>', at);
                if (end == std::string::npos) break;
                const std::string element = html.substr(at, end - at);
                const bool script = tag == "<script";
                if (!script && element.find("stylesheet") == std::string::npos) continue;
                const std::string attr = script ? " src=\"" : " href=\"";
                auto a = element.find(attr);
                if (a == std::string::npos) continue;
                a += attr.size();
                std::string ref = element.substr(a, element.find('"', a) - a);
                if (ref.rfind(origin, 0) == 0)
                    ref.erase(0, origin.size());
                else if (ref.rfind(relative_origin, 0) == 0)
                    ref.erase(0, relative_origin.size());
                else if (ref.rfind("//", 0) == 0 || ref.empty() || ref[0] != '/')
                    continue;
                ref = ref.substr(0, ref.find_first_of("?#"));
                if (ref.empty() || ref == "/") continue;
                {
                    std::lock_guard lock(mutex_);
                    if (!assets_.insert(ref).second) continue;
                }
                const bool css =
                    !script || (ref.size() > 4 && ref.compare(ref.size() - 4, 4, ".css") == 0);
                const std::string body =
                    css ? "/* " + ref +
                              " */\nbody{margin:0;font-family:system-ui,sans-serif;color:#222}\n"
                              ".hero{padding:4rem 1rem}.site-footer{font-size:.85rem}\n"
                        : "/* " + ref +
                              " */\n(function(){document.documentElement.className+=' "
                              "ready';})();\n";
                const std::string type = css ? "text/css" : "application/javascript";
                server_.handle(ref,
                               [this, body, type](const httplib::Request&, httplib::Response& res) {
                                   ++asset_requests_;
                                   res.set_header("Cache-Control", "public, max-age=31536000");
                                   res.set_content(body, type.c_str());
                               });
            }
        }
    }

    std::string name_, kind_;
    mutable std::mutex mutex_;
    Renderer renderer_;
    std::atomic<uint64_t> loads_{0};
    std::atomic<uint64_t> asset_requests_{0};
    std::deque<std::string> recent_;
    std::set<std::string> assets_;
    TestHttpServer server_;  // last: stopped before the state its handlers use goes away
};

// A corpus site rendered afresh per request, served as if 127.0.0.1:PORT were its host.
Renderer corpus_renderer(const sitewatch::corpus::CorpusSite& site, const std::string& origin) {
    std::string host = site.url.substr(site.url.find("://") + 3);
    host = host.substr(0, host.find('/'));
    const std::string loopback = origin.substr(std::string("http://").size());
    return [&site, host, loopback](uint64_t load) {
        std::string html = sitewatch::corpus::render_benign(site, load).html;
        replace_all(html, host, loopback);
        replace_all(html, "https://" + loopback, "http://" + loopback);
        replace_all(html, "https:\\/\\/" + loopback, "http:\\/\\/" + loopback);
        replace_all(html, "https%3A%2F%2F" + loopback, "http%3A%2F%2F" + loopback);
        return html;
    };
}

// ---------------------------------------------------------------------------------------------
// The daemon.

class Daemon {
public:
    explicit Daemon(const std::string& config) : process_({kBinary, "run", "--config", config}) {
        const auto deadline = Clock::now() + 15s;
        static const std::regex listening("on http://127\\.0\\.0\\.1:([0-9]+)/");
        while (Clock::now() < deadline) {
            std::smatch m;
            const auto err = process_.stderr_text();
            if (std::regex_search(err, m, listening)) {
                port_ = std::stoi(m[1]);
                return;
            }
            if (process_.wait_for(0ms)) break;
            std::this_thread::sleep_for(50ms);
        }
        FAIL("daemon did not start: " << process_.stderr_text());
    }
    ChildProcess& process() { return process_; }

    std::string get(const std::string& path) {
        if (auto code = process_.wait_for(0ms))
            FAIL("the daemon exited with " << *code << "; stderr:\n"
                                           << tail(process_.stderr_text()));
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(10, 0);
        auto res = c.Get(path.c_str());
        if (!res)
            FAIL("GET " << path << " got no answer; daemon stderr:\n"
                        << tail(process_.stderr_text()));
        REQUIRE(res->status == 200);
        return res->body;
    }
    nlohmann::json sites() {
        auto body = nlohmann::json::parse(get("/api/v1/sites"));
        return body.at("sites");
    }
    nlohmann::json results(const std::string& site, int limit) {
        return nlohmann::json::parse(
                   get("/api/v1/sites/" + site + "/results?limit=" + std::to_string(limit)))
            .at("results");
    }
    static std::string tail(const std::string& s, std::size_t n = 4000) {
        return s.size() <= n ? s : "…" + s.substr(s.size() - n);
    }

private:
    ChildProcess process_;
    int port_ = 0;
};

nlohmann::json by_name(const nlohmann::json& sites, const std::string& name) {
    for (const auto& s : sites)
        if (s.at("name") == name) return s;
    return nullptr;
}

bool clean(const nlohmann::json& s) {
    return !s.is_null() && s.at("condition").is_null() &&
           (s.at("status") == "up" || s.at("status") == "pending");
}

// The value of the sample `series` ("name{labels}") in a Prometheus text page.
std::optional<double> metric(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
            line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    return std::nullopt;
}

std::string labels(const std::string& site) {
    return "{client=\"" + std::string(kClient) + "\",site=\"" + site + "\"}";
}

// Saves the pages a site served last, for a failure message.
std::string save_recent(const SoakSite& site, const std::string& why) {
    const auto dir = std::filesystem::temp_directory_path() / "sitewatch-content-soak";
    std::filesystem::create_directories(dir);
    std::string names;
    int i = 0;
    for (const auto& html : site.recent()) {
        const auto file = dir / (site.name() + "-" + why + "-" + std::to_string(++i) + ".html");
        std::ofstream(file) << html;
        names += " " + file.string();
    }
    return names;
}

// The latest failing or flagged results of a site, for a failure message.
std::string flagged_results(Daemon& d, const std::string& site) {
    std::string out;
    int shown = 0;
    for (const auto& r : d.results(site, 1000)) {
        if (r.at("success") == true && r.at("condition").is_null()) continue;
        out += "\n    " + r.dump();
        if (++shown == 3) break;
    }
    return out.empty() ? "\n    (no flagged result stored)" : out;
}

struct Switch {
    std::string site;
    std::string page;  // what it is switched to, for the report
    Renderer renderer;
    std::string condition;
};

}  // namespace

TEST_CASE(
    "a soak of dynamic pages opens nothing and each broken page is reported within two intervals "
    "plus "
    "the retry",
    "[soak][.]") {
    const int seconds = soak_seconds();
    const auto corpus = sitewatch::corpus::load_corpus(SITEWATCH_CORPUS_DIR);
    auto corpus_site = [&corpus](const std::string& name) -> const sitewatch::corpus::CorpusSite& {
        for (const auto& s : corpus)
            if (s.name == name) return s;
        FAIL("no corpus site " << name);
        return corpus.front();
    };

    std::vector<std::unique_ptr<SoakSite>> sites;
    auto add = [&sites](std::string name, std::string kind) -> SoakSite& {
        sites.push_back(std::make_unique<SoakSite>(std::move(name), std::move(kind)));
        return *sites.back();
    };
    std::map<std::string, Renderer> normal;
    for (const char* name : {"blog", "company", "shop"}) {
        auto& s = add(name, std::string("corpus ") + name);
        normal[name] = corpus_renderer(corpus_site(name), s.origin());
    }
    normal["gazette"] = render_gazette;
    normal["brightdesk"] = render_saas;
    normal["olive-and-thyme"] = render_restaurant;
    normal["harbor-dental"] = render_clinic;
    normal["alpine-lodge"] = render_hotel;
    add("gazette", "newspaper");
    add("brightdesk", "SaaS landing page");
    add("olive-and-thyme", "restaurant");
    add("harbor-dental", "dental clinic");
    add("alpine-lodge", "hotel");
    for (auto& s : sites) s->set_page(normal.at(s->name()));

    TempDir dir;
    std::string yml =
        "server:\n  listen: 127.0.0.1:0\nstorage:\n  sqlite: " + (dir.path() / "sw.db").string() +
        "\ndefaults:\n  interval: 1s\n  timeout: 2s\n  confirm:\n    failures: 2\n"
        "    retry_after: 1s\n  defacement:\n    learn_samples: 5\nclients:\n  - name: " +
        kClient + "\n    sites:\n";
    for (const auto& s : sites)
        yml += "      - name: " + s->name() + "\n        url: " + s->url() + "\n";
    Daemon d(dir.write("sitewatch.yml", yml));

    // Phase 1: the soak.
    std::cout << "content soak: " << sites.size() << " sites for " << seconds << " s" << std::endl;
    std::vector<std::string> violations;
    std::set<std::string> reported;
    const auto soak_start = Clock::now();
    const auto soak_end = soak_start + std::chrono::seconds(seconds);
    int polls = 0;
    while (Clock::now() < soak_end) {
        const auto next = Clock::now() + 1s;
        const auto listed = d.sites();
        ++polls;
        for (const auto& s : sites) {
            const auto j = by_name(listed, s->name());
            if (clean(j)) continue;
            const std::string what =
                j.is_null() ? std::string("missing from the API")
                            : j.at("status").get<std::string>() + " " + j.at("condition").dump() +
                                  " " + j.at("severity").dump() + ": " + j.at("summary").dump();
            if (!reported.insert(s->name() + "|" + what).second) continue;
            const auto at = std::chrono::duration<double>(Clock::now() - soak_start).count();
            std::ostringstream msg;
            msg << std::fixed << std::setprecision(1) << "after " << at << " s, " << s->name()
                << " (" << s->kind() << ") is " << what
                << "; results:" << flagged_results(d, s->name())
                << "\n    pages served last:" << save_recent(*s, "soak");
            std::cout << "SOAK VIOLATION " << msg.str() << std::endl;
            violations.push_back(msg.str());
        }
        if (polls % 60 == 0)
            std::cout << "  soak: " << polls << " polls, " << violations.size() << " violation(s)"
                      << std::endl;
        std::this_thread::sleep_until(std::min(next, soak_end));
    }

    // Everything the soak recorded: metrics and the stored history.
    const auto metrics = d.get("/metrics");
    const bool has_similarity =
        metrics.find("sitewatch_content_similarity_ratio{") != std::string::npos;
    const bool has_site_up = metrics.find("sitewatch_site_up{") != std::string::npos;
    for (const auto& s : sites) {
        INFO("site " << s->name());
        CHECK(metric(metrics, "sitewatch_probe_success" + labels(s->name())) == 1.0);
        if (has_site_up) CHECK(metric(metrics, "sitewatch_site_up" + labels(s->name())) == 1.0);
        const auto similarity =
            metric(metrics, "sitewatch_content_similarity_ratio" + labels(s->name()));
        if (has_similarity) CHECK(similarity.has_value());
        const auto fails =
            metric(metrics, "sitewatch_checks_total{client=\"" + std::string(kClient) +
                                "\",result=\"fail\",site=\"" + s->name() + "\"}");
        CHECK(fails.value_or(0.0) == 0.0);
        const auto passes =
            metric(metrics, "sitewatch_checks_total{client=\"" + std::string(kClient) +
                                "\",result=\"pass\",site=\"" + s->name() + "\"}");
        const auto history = d.results(s->name(), 1000);
        std::size_t flagged = 0;
        for (const auto& r : history)
            if (r.at("success") != true || !r.at("condition").is_null()) ++flagged;
        std::cout << "  " << std::left << std::setw(16) << s->name() << std::setw(20) << s->kind()
                  << " loads " << std::setw(5) << s->loads() << " asset requests " << std::setw(5)
                  << s->asset_requests() << " checks passed " << std::setw(5) << passes.value_or(0)
                  << " failed " << fails.value_or(0) << ", stored results " << history.size()
                  << " (flagged " << flagged << ")"
                  << (similarity ? ", similarity " + std::to_string(*similarity) : std::string())
                  << std::endl;
        CHECK(flagged == 0);
        CHECK(history.size() >= static_cast<std::size_t>(std::min(seconds, 1000) / 2));
    }
    if (!has_similarity)
        std::cout << "  (no sitewatch_content_similarity_ratio in /metrics)" << std::endl;
    {
        std::string all;
        for (const auto& v : violations) all += "\n  " + v;
        INFO("soak violations:" << all);
        CHECK(violations.empty());
    }

    // Phase 2: one site at a time switched to a broken or attacked page.
    const std::vector<Switch> switches = {
        {"gazette", "hacktivist defacement page", [](uint64_t) { return kDefacementPage; },
         "defaced"},
        {"shop", "page + <script src=https://cdn-js-metrics.top/a.js>",
         [r = normal.at("shop")](uint64_t n) { return injected_script(r(n)); }, "security"},
        {"blog", "WordPress critical error (200)", [](uint64_t) { return kWordPressCriticalError; },
         "error"},
        {"brightdesk", "blank body", [](uint64_t) { return std::string(); }, "malformed"},
        {"company", "page + hidden link farm",
         [r = normal.at("company")](uint64_t n) { return hidden_link_farm(r(n)); }, "defaced"},
    };
    std::set<std::string> switched;
    for (const auto& sw : switches) switched.insert(sw.site);
    std::vector<std::string> report;
    for (const auto& sw : switches) {
        SoakSite* site = nullptr;
        for (auto& s : sites)
            if (s->name() == sw.site) site = s.get();
        REQUIRE(site);
        site->set_page(sw.renderer);
        const auto switched_at = Clock::now();
        const auto give_up = switched_at + kDetectionBound + 10s;
        std::optional<double> detected;
        nlohmann::json last;
        while (Clock::now() < give_up) {
            const auto listed = d.sites();
            last = by_name(listed, sw.site);
            for (const auto& s : sites) {
                if (switched.count(s->name())) continue;
                const auto j = by_name(listed, s->name());
                INFO("untouched site " << s->name() << " while " << sw.site
                                       << " is switched: " << j.dump());
                CHECK(clean(j));
            }
            if (last.at("status") == "down" && last.at("condition") == sw.condition &&
                last.at("severity") == "critical") {
                detected = std::chrono::duration<double>(Clock::now() - switched_at).count();
                break;
            }
            std::this_thread::sleep_for(100ms);
        }
        std::ostringstream line;
        line << std::fixed << std::setprecision(2) << std::left << std::setw(11) << sw.site
             << std::setw(52) << sw.page << std::setw(10) << sw.condition
             << (detected ? std::to_string(*detected).substr(0, 4) + " s"
                          : std::string("not detected"))
             << " | " << last.at("summary").dump();
        std::cout << "  switch: " << line.str() << std::endl;
        report.push_back(line.str());
        INFO(sw.site << " switched to " << sw.page << "; expected down/" << sw.condition
                     << "/critical; last: " << last.dump()
                     << "\n  results:" << flagged_results(d, sw.site)
                     << "\n  pages served last:" << save_recent(*site, "switch"));
        REQUIRE(detected.has_value());
        CHECK(*detected <= std::chrono::duration<double>(kDetectionBound).count());
    }
    std::cout << "content soak: bound " << std::chrono::duration<double>(kDetectionBound).count()
              << " s (2 x interval + retry_after + 1 s)" << std::endl;
    for (const auto& l : report) std::cout << "  " << l << std::endl;

    d.process().signal(SIGTERM);
    const auto code = d.process().wait_for(10s);
    REQUIRE(code);
    CHECK(*code == 0);
}
