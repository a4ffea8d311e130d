#include "monitor/cli/baseline_command.h"

#include <httplib.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "monitor/cli/config_arg.h"
#include "monitor/config/secret_file.h"
#include "monitor/http/listen_address.h"

namespace sitewatch::cli {

namespace {

constexpr auto kTimeout = std::chrono::seconds(5);

// A site name as one path segment: everything but RFC 3986 unreserved characters escaped.
std::string encode_path_segment(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

// Where to reach a daemon that listens on `listen`: a wildcard address is reached on loopback.
ListenAddress daemon_address(const std::string& listen) {
    ListenAddress addr = ListenAddress::parse(listen);
    if (addr.host.empty() || addr.host == "0.0.0.0") addr.host = "127.0.0.1";
    if (addr.host == "::") addr.host = "::1";
    return addr;
}

std::string display_url(const ListenAddress& addr) {
    const bool v6 = addr.host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + addr.host + "]" : addr.host) + ":" + std::to_string(addr.port) +
           "/";
}

// The API's {"error": "..."} message, or what there is of the body when it is not that shape.
std::string error_of(const httplib::Response& res) {
    const auto j = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("error") && j["error"].is_string())
        return j["error"].get<std::string>();
    std::string body = res.body.substr(0, 200);
    return body.empty() ? "no explanation given" : body;
}

// httplib's error names ("Connection") in words.
std::string describe(httplib::Error e) {
    switch (e) {
        case httplib::Error::Connection:
            return "could not connect";
        case httplib::Error::ConnectionTimeout:
            return "connecting timed out";
        case httplib::Error::Read:
            return "no answer within 5 s, or the connection closed";
        case httplib::Error::Write:
            return "could not send the request";
        default:
            return httplib::to_string(e);
    }
}

}  // namespace

int baseline_command(const Arguments& args) {
    if (args.positionals.size() != 1) {
        std::cerr << "sitewatch baseline: SITE is required: sitewatch baseline --config FILE "
                     "SITE\n";
        return 2;
    }
    const std::string& site = args.positionals.front();
    auto cfg = load_config_arg(args, "baseline");
    if (!cfg) return 2;

    ListenAddress addr;
    std::string token;
    try {
        addr = daemon_address(cfg->server.listen);
        if (cfg->server.api_token_file)
            token = config::read_secret_file(*cfg->server.api_token_file);
    } catch (const std::invalid_argument& e) {
        std::cerr << cfg->path << ": server.listen: " << e.what() << "\n";
        return 2;
    } catch (const std::runtime_error& e) {
        std::cerr << cfg->path << ": server.api_token_file: " << e.what() << "\n";
        return 2;
    }
    if (addr.port == 0) {
        std::cerr << "sitewatch baseline: server.listen in " << cfg->path
                  << " has port 0, so the daemon's port is not known\n";
        return 2;
    }

    httplib::Client client(addr.host, addr.port);
    client.set_connection_timeout(kTimeout);
    client.set_read_timeout(kTimeout);
    client.set_write_timeout(kTimeout);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    const std::string path = "/api/v1/sites/" + encode_path_segment(site) + "/baseline";
    const auto res = client.Post(path.c_str(), headers, "", "application/json");
    if (!res) {
        std::cerr << "sitewatch baseline: no sitewatch daemon answered at " << display_url(addr)
                  << " (" << describe(res.error()) << "); is `sitewatch run --config " << cfg->path
                  << "` running?\n";
        return 1;
    }
    if (res->status != 200) {
        std::cerr << "sitewatch baseline: the daemon refused (HTTP " << res->status
                  << "): " << error_of(*res) << "\n";
        return 1;
    }
    const auto j = nlohmann::json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("accepted_at")) {
        std::cerr << "sitewatch baseline: unexpected answer from " << display_url(addr) << ": "
                  << res->body.substr(0, 200) << "\n";
        return 1;
    }
    const auto& at = j["accepted_at"];
    std::cout << "baseline of " << site << " accepted at "
              << (at.is_string() ? at.get<std::string>() : std::string("an unknown time")) << "\n";
    if (j.contains("message") && j["message"].is_string() &&
        !j["message"].get<std::string>().empty())
        std::cout << j["message"].get<std::string>() << "\n";
    return 0;
}

}  // namespace sitewatch::cli
