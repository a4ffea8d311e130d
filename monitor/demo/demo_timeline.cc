#include "monitor/demo/demo_timeline.h"

namespace sitewatch::demo {

using std::chrono::seconds;

const std::vector<DemoEvent>& demo_timeline() {
    // Checks run every 3 s, a failure is confirmed 1 s later, and a page's baseline is learned
    // from 3 clean loads: every break below is an open incident a few seconds after it happens.
    // The expiring certificate of hooli-blog is there from the start (a warning).
    static const std::vector<DemoEvent> events{
        {seconds(20), "globex-api", DemoAction::stop_listening, "down",
         "globex-api stops listening (connection refused)"},
        {seconds(30), "initech-home", DemoAction::serve_cms_error, "error",
         "initech-home shows WordPress' \"critical error\" page, with HTTP 200"},
        {seconds(35), "acme-blog", DemoAction::deface, "defaced",
         "acme-blog is replaced by a \"Hacked by\" page (its baseline is learned by then)"},
        {seconds(40), "initech-careers", DemoAction::serve_blank_page, "malformed",
         "initech-careers serves a blank page"},
        {seconds(45), "umbrella-shop", DemoAction::swap_certificate_to_wrong_host, "security",
         "umbrella-shop gets a certificate for another host name"},
        {seconds(100), "globex-api", DemoAction::resume_listening, "recovered",
         "globex-api is back; its incident resolves by itself after 2 passing checks"},
    };
    return events;
}

std::vector<DemoEvent> TimelineCursor::take_due(std::chrono::milliseconds elapsed) {
    std::vector<DemoEvent> due;
    while (next_ < events_.size() && events_[next_].at <= elapsed) due.push_back(events_[next_++]);
    return due;
}

std::optional<std::chrono::milliseconds> TimelineCursor::next_at() const {
    if (next_ >= events_.size()) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(events_[next_].at);
}

}  // namespace sitewatch::demo
