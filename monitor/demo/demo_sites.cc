#include "monitor/demo/demo_sites.h"

#include "monitor/demo/certificate_authority.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

namespace sitewatch::demo {

namespace {

std::string page(const std::string& title, const std::string& body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
           "</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body><header><h1>" +
           title + "</h1><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav></header>" +
           "<main>" + body + "</main><footer>&copy; 2026 " + title + "</footer></body></html>";
}

// Seconds into a repeating cycle, for sites that fail on a timer.
long cycle_second(long period) {
    using namespace std::chrono;
    return duration_cast<seconds>(steady_clock::now().time_since_epoch()).count() % period;
}

}  // namespace

struct DemoSites::Running {
    std::unique_ptr<httplib::Server> server;
    std::thread thread;
};

DemoSites::DemoSites(const std::filesystem::path& dir) : dir_(dir) {
    std::filesystem::create_directories(dir_);

    auto healthy = std::make_unique<httplib::Server>();
    healthy->Get("/", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(page("Acme Corp", "<p>Quality anvils since 1949.</p>"), "text/html");
    });
    start(std::move(healthy), {"acme", "acme-home", "", "healthy"});

    auto slowish = std::make_unique<httplib::Server>();
    slowish->Get("/", [](const httplib::Request&, httplib::Response& res) {
        std::this_thread::sleep_for(std::chrono::milliseconds(120));
        res.set_content(page("Acme Shop", "<p>Anvils, rockets and portable holes.</p>"),
                        "text/html");
    });
    start(std::move(slowish), {"acme", "acme-shop", "", "healthy, answers in about 120 ms"});

    auto broken = std::make_unique<httplib::Server>();
    broken->Get("/", [](const httplib::Request&, httplib::Response& res) {
        res.status = 500;
        res.set_content(page("Internal Server Error", "<p>The server encountered an error.</p>"),
                        "text/html");
    });
    start(std::move(broken), {"globex", "globex-blog", "", "answers HTTP 500 (error)"});

    // Down for 60 s out of every 180 s: shows detection, confirmation and recovery.
    auto flapping = std::make_unique<httplib::Server>();
    flapping->Get("/", [](const httplib::Request&, httplib::Response& res) {
        if (cycle_second(180) >= 120) {
            res.status = 503;
            res.set_content("Service Unavailable", "text/plain");
            return;
        }
        res.set_content(page("Initech", "<p>TPS reports, on time.</p>"), "text/html");
    });
    start(std::move(flapping),
          {"initech", "initech-home", "", "answers 503 for 60 s in every 3 minutes"});

    // TLS: a private CA that the demo config trusts through tls.ca_file.
    CertificateAuthority ca(dir_ / "certificates");
    ca_file_ = ca.ca_file();
    auto tls_site = [&](const CertificateFiles& files, const std::string& title) {
        auto server = std::make_unique<httplib::SSLServer>(files.cert_file.c_str(),
                                                           files.key_file.c_str());
        if (!server->is_valid()) throw std::runtime_error("cannot start a demo TLS site");
        server->Get("/", [title](const httplib::Request&, httplib::Response& res) {
            res.set_content(page(title, "<p>Served over HTTPS.</p>"), "text/html");
        });
        return server;
    };
    start(tls_site(ca.valid(), "Umbrella Corp"),
          {"umbrella", "umbrella-portal", "", "HTTPS with a valid certificate"});
    start(tls_site(ca.expired(), "Hooli"),
          {"hooli", "hooli-shop", "", "HTTPS with an expired certificate (security)"});
    start(tls_site(ca.expiring_in(9), "Hooli Blog"),
          {"hooli", "hooli-blog", "",
           "HTTPS certificate expiring in 9 days (security warning)"});

    sites_.push_back({"globex", "globex-api",
                      "http://127.0.0.1:" + std::to_string(closed_port_.port()) + "/",
                      "nothing listening: connection refused (down)"});
}

DemoSites::~DemoSites() {
    for (auto& r : running_) r->server->stop();
    for (auto& r : running_)
        if (r->thread.joinable()) r->thread.join();
}

void DemoSites::start(std::unique_ptr<httplib::Server> server, DemoSite site) {
    // Every demo page links its stylesheet; the asset check fetches it.
    server->Get("/style.css", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("body{font-family:sans-serif;margin:2em}", "text/css");
    });
    int port = server->bind_to_any_port("127.0.0.1");
    if (port <= 0) throw std::runtime_error("cannot bind a demo site on 127.0.0.1");
    if (site.url.empty())
        site.url = std::string(dynamic_cast<httplib::SSLServer*>(server.get()) ? "https" : "http") +
                   "://127.0.0.1:" + std::to_string(port) + "/";
    auto r = std::make_unique<Running>();
    r->server = std::move(server);
    auto* srv = r->server.get();
    r->thread = std::thread([srv] { srv->listen_after_bind(); });
    running_.push_back(std::move(r));
    sites_.push_back(std::move(site));
}

std::string DemoSites::config_yaml(const std::string& listen, const std::string& db) const {
    std::ostringstream y;
    y << "# Written by `sitewatch demo`: the bundled demo sites on loopback.\n"
      << "server:\n  listen: " << listen << "\n"
      << "storage:\n  sqlite: " << db << "\n"
      << "defaults:\n  interval: 5s\n  timeout: 3s\n  confirm:\n    failures: 2\n"
      << "    retry_after: 1s\n  recover:\n    successes: 2\n";
    if (!ca_file_.empty()) y << "  tls:\n    ca_file: " << ca_file_ << "\n";
    y << "clients:\n";
    std::vector<std::string> clients;  // in order of first appearance
    for (const auto& s : sites_)
        if (std::find(clients.begin(), clients.end(), s.client) == clients.end())
            clients.push_back(s.client);
    for (const auto& client : clients) {
        y << "  - name: " << client << "\n    sites:\n";
        for (const auto& s : sites_)
            if (s.client == client)
                y << "      # " << s.description << "\n"
                  << "      - name: " << s.name << "\n        url: " << s.url << "\n";
    }
    return y.str();
}

}  // namespace sitewatch::demo
