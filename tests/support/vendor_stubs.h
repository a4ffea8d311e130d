#pragma once
// Loopback stand-ins for the services sitewatch notifies: Twilio (calls and SMS), a Slack
// incoming webhook, PagerDuty Events v2, Asana and a signed generic webhook, on one
// TestHttpServer. They record every request (body, headers, time) and answer as configured,
// so end-to-end tests can check who was called, in what order, with what payload.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/test_http_server.h"

namespace sitewatch::testing {

struct StubRequest {
    std::chrono::steady_clock::time_point at;
    std::string service;  // twilio_call, twilio_sms, slack, pagerduty, asana, webhook
    std::string path, body;
    std::multimap<std::string, std::string> headers;  // lower-case names
    std::map<std::string, std::string> form;          // Twilio's form fields
    int status = 0;                                   // what the stub answered
    std::string header(const std::string& name) const;
};

class VendorStubs {
public:
    static constexpr const char* kTwilioSid = "AC00000000000000000000000000000001";
    static constexpr const char* kTwilioToken = "twilio-test-token";
    static constexpr const char* kWebhookSecret = "whsec_c2l0ZXdhdGNoLXRlc3Qtc2VjcmV0LWtleQ==";
    static constexpr const char* kPagerDutyKey = "R0123456789ABCDEF0123456789ABCDE";
    static constexpr const char* kAsanaToken = "asana-test-token";

    VendorStubs();

    // Base URLs for the config's api_base / webhook_url / url keys.
    std::string twilio_base() const { return server_.url("/twilio"); }
    std::string slack_url() const { return server_.url("/slack"); }
    std::string pagerduty_base() const { return server_.url("/pagerduty"); }
    std::string asana_base() const { return server_.url("/asana"); }
    std::string webhook_url() const { return server_.url("/webhook"); }

    // The status a service answers with (200/201 by default); `to` narrows a Twilio status to
    // one destination number.
    void set_status(const std::string& service, int status);
    void set_twilio_status_for(const std::string& to, int status);

    std::vector<StubRequest> requests(const std::string& service = "") const;
    std::size_t count(const std::string& service) const { return requests(service).size(); }
    // Polls until `pred(requests(service))` holds or `timeout` passes; returns whether it held.
    bool wait_for(const std::string& service,
                  const std::function<bool(const std::vector<StubRequest>&)>& pred,
                  std::chrono::milliseconds timeout) const;

private:
    void answer(const std::string& service, const httplib::Request& req, httplib::Response& res);

    TestHttpServer server_;
    mutable std::mutex mu_;
    std::vector<StubRequest> requests_;
    std::map<std::string, int> status_;
    std::map<std::string, int> twilio_status_by_to_;
};

}  // namespace sitewatch::testing
