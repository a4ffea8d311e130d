#include <string>

#include "monitor/http/http_reply.h"
#include "monitor/http/routes/routes.h"
#include "monitor/ui/asset_lookup.h"

namespace sitewatch::http {

namespace {

// Everything the UI loads comes from sitewatch itself; no inline script or style. Incident
// reports are shown in a sandboxed frame of the same origin.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

void send_asset(const httplib::Request& req, httplib::Response& res, const std::string& path) {
    const auto asset = ui::find_asset(ui::embedded_assets(), path);
    if (!asset) {
        send_error(res, 404, "no such UI file: " + clip_for_message(path));
        return;
    }
    // Revalidated each time (cheap: a 304 by ETag), so a new sitewatch never runs an old UI.
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "no-cache");
    res.set_header("ETag", std::string(asset->etag));
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
    if (ui::etag_matches(req.get_header_value("If-None-Match"), asset->etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    res.set_content(asset->body.data(), asset->body.size(),
                    std::string(ui::content_type_for(path)).c_str());
}

}  // namespace

void register_ui_routes(Router& router) {
    router.get("/ui/assets(/.*)", [](const httplib::Request& req, httplib::Response& res) {
        send_asset(req, res, req.matches[1].str());
    });
    // The pages are routed in the browser; every one of them starts from index.html, so a
    // deep link such as /ui/incidents/42 works on reload. Registered after the assets, which
    // httplib therefore tries first.
    auto index = [](const httplib::Request& req, httplib::Response& res) {
        send_asset(req, res, "/index.html");
    };
    router.get("/", index);
    router.get("/ui(/.*)?", index);
}

}  // namespace sitewatch::http
