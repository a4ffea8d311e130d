#include "tests/support/vendor_stubs.h"

#include <httplib.h>

#include <algorithm>
#include <thread>

namespace sitewatch::testing {

std::string StubRequest::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

VendorStubs::VendorStubs() : server_(4) {
    const std::string twilio = std::string("/twilio/2010-04-01/Accounts/") + kTwilioSid;
    const auto bind = [this](const std::string& path, const std::string& service) {
        server_.handle(path, [this, service](const httplib::Request& req, httplib::Response& res) {
            answer(service, req, res);
        });
    };
    bind(twilio + "/Calls.json", "twilio_call");
    bind(twilio + "/Messages.json", "twilio_sms");
    bind("/slack", "slack");
    bind("/pagerduty/v2/enqueue", "pagerduty");
    bind("/asana/tasks", "asana");
    bind("/webhook", "webhook");
}

void VendorStubs::set_status(const std::string& service, int status) {
    std::lock_guard lock(mu_);
    status_[service] = status;
}

void VendorStubs::set_twilio_status_for(const std::string& to, int status) {
    std::lock_guard lock(mu_);
    twilio_status_by_to_[to] = status;
}

void VendorStubs::answer(const std::string& service, const httplib::Request& req,
                         httplib::Response& res) {
    StubRequest r;
    r.at = std::chrono::steady_clock::now();
    r.service = service;
    r.path = req.path;
    r.body = req.body;
    for (const auto& [k, v] : req.headers) {
        std::string lower = k;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        r.headers.emplace(lower, v);
    }
    if (service.rfind("twilio", 0) == 0) {
        httplib::Params params;
        httplib::detail::parse_query_text(req.body, params);
        for (const auto& [k, v] : params) r.form[k] = v;
    }
    int status = service.rfind("twilio", 0) == 0 ? 201 : (service == "pagerduty" ? 202 : 200);
    {
        std::lock_guard lock(mu_);
        if (auto it = status_.find(service); it != status_.end()) status = it->second;
        if (auto to = r.form.find("To"); to != r.form.end())
            if (auto it = twilio_status_by_to_.find(to->second); it != twilio_status_by_to_.end())
                status = it->second;
        r.status = status;
        requests_.push_back(r);
    }
    res.status = status;
    if (service == "slack")
        res.set_content(status == 200 ? "ok" : "invalid_payload", "text/plain");
    else if (service.rfind("twilio", 0) == 0)
        res.set_content(status < 300 ? R"({"sid": "CA0001", "status": "queued"})"
                                     : R"({"code": 21211, "message": "invalid 'To' number"})",
                        "application/json");
    else if (service == "pagerduty")
        res.set_content(R"({"status": "success", "message": "Event processed"})",
                        "application/json");
    else if (service == "asana")
        res.set_content(R"({"data": {"gid": "1200000000000001"}})", "application/json");
    else
        res.set_content("", "text/plain");
}

std::vector<StubRequest> VendorStubs::requests(const std::string& service) const {
    std::lock_guard lock(mu_);
    if (service.empty()) return requests_;
    std::vector<StubRequest> out;
    for (const auto& r : requests_)
        if (r.service == service) out.push_back(r);
    return out;
}

bool VendorStubs::wait_for(const std::string& service,
                           const std::function<bool(const std::vector<StubRequest>&)>& pred,
                           std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (pred(requests(service))) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace sitewatch::testing
