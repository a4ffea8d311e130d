#include "monitor/demo/demo_sites.h"

#include <httplib.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace sitewatch::demo {

namespace {

// "9 days" for the first half day, as the TLS check counts whole days left.
CertificateFiles expiring_in_nine_days(CertificateAuthority& ca) {
    LeafSpec spec;
    spec.dns_names = {"localhost"};
    spec.ip_addresses = {"127.0.0.1"};
    spec.valid_from = std::chrono::hours(-30 * 24);
    spec.valid_until = std::chrono::hours(9 * 24 + 12);
    return ca.issue(spec);
}

SiteLook look(std::string brand, std::string tagline, std::vector<SiteLook::Section> sections) {
    return SiteLook{std::move(brand), std::move(tagline), std::move(sections)};
}

}  // namespace

DemoSites::DemoSites(const std::filesystem::path& dir) : dir_(dir), ca_(dir / "certificates") {
    add_site({"acme", "acme-home", "", "healthy"},
             look("Acme Corp", "Quality anvils and rockets since 1949",
                  {{"Our products",
                    "Anvils in six weights, rocket skates and portable holes, "
                    "shipped anywhere in the desert within two days."},
                   {"Trade customers",
                    "Volume pricing for coyotes and other professional "
                    "buyers, with a dedicated account manager."},
                   {"Visit us",
                    "Showroom open Monday to Saturday, 9 am to 6 pm, "
                    "Route 66, Mile 213."}}),
             std::nullopt);
    add_site({"acme", "acme-shop", "", "healthy, answers in about 150 ms"},
             look("Acme Shop", "Order online, delivered by road runner",
                  {{"Best sellers",
                    "The 100 lb anvil, the jet-propelled pogo stick and the "
                    "giant rubber band are back in stock."},
                   {"Delivery", "Free delivery on orders over $50; returns within 30 days."},
                   {"Customer service", "Questions about an order? Call 555-0100, weekdays."}}),
             std::nullopt, 150);
    add_site({"acme", "acme-blog", "", "healthy, then defaced at +35 s"},
             look("Acme Blog", "News from the workshop",
                  {{"Rocket skates, version 3",
                    "Our engineers explain what changed in the "
                    "third generation and why braking matters."},
                   {"Anvil safety week", "Five rules for storing heavy objects on cliffs."},
                   {"Meet the team",
                    "Wile, our longest-serving tester, on forty years of "
                    "product feedback."}}),
             std::nullopt);
    add_site({"globex", "globex-home", "", "healthy"},
             look("Globex Corporation", "Engineering the future of energy",
                  {{"What we do",
                    "Globex designs and runs power plants for cities across "
                    "three continents."},
                   {"Careers", "We are hiring engineers, analysts and project managers."},
                   {"Investors", "Annual report and quarterly results for shareholders."}}),
             std::nullopt);
    add_site({"globex", "globex-api", "", "down at +20 s (connection refused), back at +100 s"},
             look("Globex API", "Developer portal and service status",
                  {{"Status", "All services operational."},
                   {"Documentation", "REST endpoints for metering, billing and outages."},
                   {"Support", "Open a ticket from your developer account."}}),
             std::nullopt);
    add_site({"initech", "initech-home", "", "WordPress critical error page at +30 s"},
             look("Initech", "Software for the modern office",
                  {{"TPS reports",
                    "File, track and approve TPS reports with the new cover "
                    "sheets, automatically."},
                   {"Case studies", "How a mid-sized office cut its memo backlog by half."},
                   {"Contact sales", "Talk to Bill about a license for your whole floor."}}),
             std::nullopt);
    add_site({"initech", "initech-careers", "", "blank page at +40 s (malformed)"},
             look("Initech Careers", "Join a team that values your stapler",
                  {{"Open positions", "Software engineer, quality assurance, facilities."},
                   {"Benefits", "Cake on Fridays, flexible hours, a window seat for seniors."},
                   {"How we hire", "One phone call, one interview, an answer within a week."}}),
             std::nullopt);
    add_site({"umbrella", "umbrella-portal", "", "HTTPS, valid certificate, healthy"},
             look("Umbrella Corporation", "Our business is life itself",
                  {{"Research", "Pharmaceutical research for a healthier tomorrow."},
                   {"Locations", "Laboratories in Raccoon City and around the world."},
                   {"Press", "Press releases and media contacts."}}),
             ca_.valid());
    add_site({"umbrella", "umbrella-shop", "",
              "HTTPS; at +45 s a certificate for another host name (security)"},
             look("Umbrella Store", "Official merchandise and first-aid kits",
                  {{"New arrivals",
                    "Rain umbrellas in red and white, and travel first-aid "
                    "kits."},
                   {"Shipping", "Worldwide shipping in discreet packaging."},
                   {"Returns", "Unopened items within 14 days."}}),
             ca_.valid());
    add_site({"hooli", "hooli-blog", "", "HTTPS certificate expiring in 9 days (security warning)"},
             look("Hooli Blog", "Making the world a better place",
                  {{"Nucleus 2.0", "Our compression platform, now with middle-out."},
                   {"Hooli XYZ", "Moonshots from the innovation campus."},
                   {"Events", "Hooli-Con returns to Mountain View this spring."}}),
             expiring_in_nine_days(ca_));
}

DemoSites::~DemoSites() {
    {
        std::lock_guard lock(timer_mu_);
        stopping_ = true;
    }
    timer_cv_.notify_all();
    if (timer_.joinable()) timer_.join();
    by_name_.clear();  // every server stops
}

void DemoSites::add_site(DemoSite info, SiteLook site_look, std::optional<CertificateFiles> tls,
                         int delay_ms) {
    auto site = std::make_unique<Site>();
    site->look = std::move(site_look);
    Site* s = site.get();
    auto routes = [s, delay_ms](httplib::Server& server) {
        server.Get("/", [s, delay_ms](const httplib::Request&, httplib::Response& res) {
            if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
            res.set_content(render_page(s->look, s->state.load()), "text/html; charset=utf-8");
        });
        server.Get("/assets/style.css", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(kStylesheet, "text/css");
        });
        server.Get("/assets/site.js", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(kScript, "application/javascript");
        });
    };
    site->server = std::make_unique<DemoServer>(routes, std::move(tls));
    info.url = site->server->url();
    site->info = info;
    sites_.push_back(info);
    by_name_.emplace(info.name, std::move(site));
}

void DemoSites::apply(const DemoEvent& event) {
    auto it = by_name_.find(event.site);
    if (it == by_name_.end()) throw std::logic_error("demo timeline names no site " + event.site);
    Site& s = *it->second;
    switch (event.action) {
        case DemoAction::stop_listening:
            s.server->stop();
            break;
        case DemoAction::resume_listening:
            s.server->start();
            break;
        case DemoAction::serve_cms_error:
            s.state = PageState::cms_error;
            break;
        case DemoAction::deface:
            s.state = PageState::defaced;
            break;
        case DemoAction::serve_blank_page:
            s.state = PageState::blank;
            break;
        case DemoAction::swap_certificate_to_wrong_host:
            s.server->use_certificate(ca_.wrong_host());
            break;
    }
}

void DemoSites::start_timeline(std::function<void(const DemoEvent&)> on_event) {
    timer_ = std::thread([this, on_event = std::move(on_event)] { play(on_event); });
}

void DemoSites::play(std::function<void(const DemoEvent&)> on_event) {
    const auto started = std::chrono::steady_clock::now();
    TimelineCursor cursor(demo_timeline());
    std::unique_lock lock(timer_mu_);
    while (!stopping_) {
        const auto next = cursor.next_at();
        if (!next) return;
        if (timer_cv_.wait_until(lock, started + *next, [this] { return stopping_; })) return;
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        for (const auto& event : cursor.take_due(elapsed)) {
            try {
                apply(event);
                if (on_event) on_event(event);
            } catch (const std::exception& e) {
                // The demo goes on without this event (e.g. the port was taken meanwhile).
                std::cerr << "sitewatch demo: " << event.what << ": " << e.what() << "\n";
            }
        }
    }
}

std::string DemoSites::config_yaml(const std::string& listen, const std::string& db) const {
    std::ostringstream y;
    y << "# Written by `sitewatch demo`: the bundled demo sites on loopback.\n"
      << "server:\n  listen: " << listen << "\n"
      << "storage:\n  sqlite: " << db << "\n"
      << "# Short intervals and a small learning sample so the story unfolds in a minute.\n"
      << "defaults:\n  interval: 3s\n  timeout: 3s\n"
      << "  confirm:\n    failures: 2\n    retry_after: 1s\n"
      << "  recover:\n    successes: 2\n"
      << "  defacement:\n    learn_samples: 3\n"
      << "  tls:\n    ca_file: " << ca_.ca_file() << "\n"
      << "# The agency's team, with no phone, SMS, Slack or email: escalation steps show in\n"
      << "# the incident timelines and nothing is sent anywhere.\n"
      << "team:\n"
      << "  - name: Dana\n    role: strategist\n"
      << "  - name: Priya\n    role: pm\n"
      << "  - name: Lee\n    role: lead_dev\n"
      << "escalation:\n  ack_timeout: 2m\n"
      << "clients:\n";
    std::vector<std::string> clients;  // in order of first appearance
    for (const auto& s : sites_)
        if (std::find(clients.begin(), clients.end(), s.client) == clients.end())
            clients.push_back(s.client);
    for (const auto& client : clients) {
        y << "  - name: " << client << "\n    plan: standard\n"
          << "    team:\n      strategist: Dana\n      pm: Priya\n      lead_dev: Lee\n"
          << "    sites:\n";
        for (const auto& s : sites_)
            if (s.client == client)
                y << "      # " << s.description << "\n"
                  << "      - name: " << s.name << "\n        url: " << s.url << "\n";
    }
    return y.str();
}

}  // namespace sitewatch::demo
