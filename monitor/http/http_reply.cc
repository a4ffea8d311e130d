#include "monitor/http/http_reply.h"

namespace sitewatch::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJsonType);
}

void send_error(httplib::Response& res, int status, std::string_view message) {
    send_json(res, status, nlohmann::json{{"error", message}});
}

std::optional<std::string> query_param(const httplib::Request& req, const char* name) {
    auto it = req.params.find(name);
    if (it == req.params.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> parse_count(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    std::size_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return value;
}

std::string clip_for_message(std::string_view text) {
    constexpr std::size_t kMax = 200;
    if (text.size() <= kMax) return std::string(text);
    return std::string(text.substr(0, kMax)) + "...";
}

}  // namespace sitewatch::http
