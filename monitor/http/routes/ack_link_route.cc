// The one-click acknowledgement links of escalation messages. GET only shows what the link is
// for, with a button: mail scanners and chat unfurlers fetch links, and a GET that acknowledged
// would stop an escalation nobody read. The button POSTs; the signed token is the authority,
// so no API token is needed (router.post_signed).
#include <string>

#include "alerting/reports/report_text.h"
#include "monitor/http/http_reply.h"
#include "monitor/http/routes/routes.h"

namespace sitewatch::http {

namespace {

std::string page(const std::string& title, const std::string& body) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
           "content=\"width=device-width\"><title>" +
           reports::html_escape(title) +
           "</title><style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem "
           "auto;padding:0 1rem}button{font-size:1.2rem;padding:.6rem "
           "1.4rem}</style></head><body>" +
           body + "</body></html>";
}

void send_page(httplib::Response& res, int status, const std::string& title,
               const std::string& body) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_content(page(title, body), "text/html; charset=utf-8");
}

const char* kInvalid =
    "<h1>This link is not valid</h1><p>It may have expired or been damaged. Acknowledge the "
    "incident in sitewatch instead.</p>";

}  // namespace

void register_ack_link_route(Router& router, IncidentDesk& desk) {
    const std::string pattern = R"(/ack/([A-Za-z0-9_\-]{1,400}\.[A-Za-z0-9_\-]{1,100}))";
    router.get(pattern, [&desk](const httplib::Request& req, httplib::Response& res) {
        const auto view = desk.check_ack_link(req.matches[1].str());
        if (!view) return send_page(res, 404, "Invalid link", kInvalid);
        const std::string what = "Incident #" + std::to_string(view->incident_id) + ": " +
                                 view->site + " (" + view->client + ")";
        std::string body = "<h1>" + reports::html_escape(what) + "</h1><p>" +
                           reports::html_escape(view->summary) + "</p>";
        if (view->state == IncidentState::open)
            body += "<form method=\"post\"><p>Acknowledge as " +
                    reports::html_escape(view->person) +
                    "? This stops the escalation.</p><button type=\"submit\">Acknowledge"
                    "</button></form>";
        else
            body += "<p>This incident is already " + std::string(to_string(view->state)) + ".</p>";
        send_page(res, 200, what, body);
    });
    router.post_signed(pattern, [&desk](const httplib::Request& req, httplib::Response& res) {
        const std::string token = req.matches[1].str();
        const auto view = desk.check_ack_link(token);
        if (!view) return send_page(res, 404, "Invalid link", kInvalid);
        const auto a = desk.acknowledge_by_link(token);
        const std::string what = "Incident #" + std::to_string(view->incident_id);
        if (a.outcome == DeskOutcome::done)
            return send_page(
                res, 200, what + " acknowledged",
                "<h1>" + reports::html_escape(what) + " acknowledged</h1><p>Thank you, " +
                    reports::html_escape(view->person) + ". The escalation has stopped.</p>");
        send_page(res, a.outcome == DeskOutcome::conflict ? 409 : 400, what,
                  "<h1>" + reports::html_escape(what) + "</h1><p>" +
                      reports::html_escape(a.message) + "</p>");
    });
}

}  // namespace sitewatch::http
