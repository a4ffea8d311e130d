// The incidents API (CONTRACT.md): list, show, acknowledge, resolve, notes, report, plus the
// debrief of the seeds' internal debrief. Every POST is token-checked by the router.
#include <nlohmann/json.hpp>
#include <string>

#include "monitor/http/http_reply.h"
#include "monitor/http/incident_encoding.h"
#include "monitor/http/json_encoding.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

constexpr std::size_t kMaxNameLength = 200;

std::optional<std::uint64_t> incident_id(const httplib::Request& req) {
    const std::string text = req.matches[1].str();
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::uint64_t id = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        id = id * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return id;
}

int status_of(DeskOutcome o) {
    switch (o) {
        case DeskOutcome::done:
            return 200;
        case DeskOutcome::not_found:
            return 404;
        case DeskOutcome::conflict:
            return 409;
        case DeskOutcome::invalid:
            return 400;
        case DeskOutcome::unavailable:
            return 503;
    }
    return 500;
}

// The request's JSON object, or an error already sent.
std::optional<nlohmann::json> json_body(const httplib::Request& req, httplib::Response& res) {
    auto j = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
        send_error(res, 400, "the body must be a JSON object");
        return std::nullopt;
    }
    return j;
}

// A required string field; an error sent when it is missing, not a string or too long.
std::optional<std::string> text_field(const nlohmann::json& j, const char* name, bool required,
                                      std::size_t max, httplib::Response& res) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) {
        if (!required) return std::string{};
        send_error(res, 400, std::string("\"") + name + "\" is required");
        return std::nullopt;
    }
    if (!it->is_string()) {
        send_error(res, 400, std::string("\"") + name + "\" must be a string");
        return std::nullopt;
    }
    auto s = it->get<std::string>();
    if (required && s.empty()) {
        send_error(res, 400, std::string("\"") + name + "\" must not be empty");
        return std::nullopt;
    }
    if (s.size() > max) {
        send_error(
            res, 400,
            std::string("\"") + name + "\" is longer than " + std::to_string(max) + " bytes");
        return std::nullopt;
    }
    return s;
}

void answer(httplib::Response& res, std::uint64_t id, const DeskAnswer& a, IncidentDesk& desk) {
    if (a.outcome != DeskOutcome::done) {
        send_error(res, status_of(a.outcome), a.message);
        return;
    }
    auto s = desk.incident(id);
    nlohmann::json body = s ? incident_detail_json(*s) : nlohmann::json::object();
    body["message"] = a.message;
    send_json(res, 200, body);
}

}  // namespace

void register_incident_routes(Router& router, IncidentDesk& desk) {
    router.get(R"(/api/v1/incidents)",
               [&desk](const httplib::Request& req, httplib::Response& res) {
                   IncidentFilter filter;
                   if (auto state = query_param(req, "state"); state && !state->empty()) {
                       filter.state = parse_incident_state(*state);
                       if (!filter.state) {
                           send_error(res, 400, "state must be open, acknowledged or resolved");
                           return;
                       }
                   }
                   if (auto c = query_param(req, "client")) filter.client = *c;
                   if (auto s = query_param(req, "site")) filter.site = *s;
                   nlohmann::json list = nlohmann::json::array();
                   for (const auto& s : desk.incidents(filter))
                       list.push_back(incident_summary_json(s));
                   send_json(res, 200, {{"incidents", std::move(list)}});
               });

    router.get(R"(/api/v1/incidents/([^/]+))", [&desk](const httplib::Request& req,
                                                       httplib::Response& res) {
        const auto id = incident_id(req);
        auto s = id ? desk.incident(*id) : std::nullopt;
        if (!s) {
            send_error(res, 404, "no such incident: " + clip_for_message(req.matches[1].str()));
            return;
        }
        send_json(res, 200, incident_detail_json(*s));
    });

    // Each action: the incident id from the path, the JSON body and its "by"; the error is
    // answered before `act` runs when one of them is bad.
    const auto action = [&router, &desk](const std::string& suffix, bool needs_by, auto act) {
        router.post("/api/v1/incidents/([^/]+)/" + suffix,
                    [&desk, needs_by, act](const httplib::Request& req, httplib::Response& res) {
                        const auto id = incident_id(req);
                        if (!id) return send_error(res, 404, "no such incident");
                        auto body = json_body(req, res);
                        if (!body) return;
                        std::string by;
                        if (needs_by) {
                            auto b = text_field(*body, "by", true, kMaxNameLength, res);
                            if (!b) return;
                            by = *b;
                        }
                        if (auto a = act(desk, *id, by, *body, res)) answer(res, *id, *a, desk);
                    });
    };
    using Body = const nlohmann::json&;
    action("ack", true,
           [](IncidentDesk& d, std::uint64_t id, const std::string& by, Body,
              httplib::Response&) -> std::optional<DeskAnswer> { return d.acknowledge(id, by); });
    action("resolve", true,
           [](IncidentDesk& d, std::uint64_t id, const std::string& by, Body body,
              httplib::Response& res) -> std::optional<DeskAnswer> {
               auto note = text_field(body, "note", false, 10000, res);
               if (!note) return std::nullopt;
               return d.resolve(id, by, *note);
           });
    action("notes", true,
           [](IncidentDesk& d, std::uint64_t id, const std::string& by, Body body,
              httplib::Response& res) -> std::optional<DeskAnswer> {
               auto text = text_field(body, "text", true, 10000, res);
               if (!text) return std::nullopt;
               std::optional<double> hours;
               if (auto h = body.find("hours"); h != body.end() && !h->is_null()) {
                   if (!h->is_number()) {
                       send_error(res, 400, "\"hours\" must be a number");
                       return std::nullopt;
                   }
                   hours = h->get<double>();
               }
               return d.add_note(id, by, *text, hours);
           });
    action("debrief", false,
           [](IncidentDesk& d, std::uint64_t id, const std::string&, Body body,
              httplib::Response&) -> std::optional<DeskAnswer> { return d.add_debrief(id, body); });
    action("client-update/send", true,
           [](IncidentDesk& d, std::uint64_t id, const std::string& by, Body, httplib::Response&)
               -> std::optional<DeskAnswer> { return d.send_client_update(id, by); });

    router.get(R"(/api/v1/incidents/([^/]+)/report)",
               [&desk](const httplib::Request& req, httplib::Response& res) {
                   const auto id = incident_id(req);
                   if (!id) return send_error(res, 404, "no such incident");
                   const auto audience = query_param(req, "audience").value_or("internal");
                   const auto format = query_param(req, "format").value_or("md");
                   const auto a = desk.report(*id, audience, format);
                   if (a.outcome != DeskOutcome::done)
                       return send_error(res, status_of(a.outcome), a.message);
                   res.status = 200;
                   res.set_content(a.body, a.content_type.c_str());
               });
}

}  // namespace sitewatch::http
