#pragma once
// The demo's story: which site breaks how, and when, counted from the moment monitoring
// starts. Pure data and a cursor over it; DemoSites carries the events out.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sitewatch::demo {

enum class DemoAction {
    stop_listening,                  // the server process dies: connections refused
    resume_listening,                // it is restarted on the same port
    serve_cms_error,                 // the CMS crashes and serves its error page with 200
    deface,                          // the page is replaced by a "Hacked by" page
    serve_blank_page,                // the theme breaks: an empty document
    swap_certificate_to_wrong_host,  // a renewal installs another host's certificate
};

struct DemoEvent {
    std::chrono::seconds at;  // after monitoring starts
    std::string site;
    DemoAction action;
    std::string condition;  // what sitewatch will report: down, error, ... or "recovered"
    std::string what;       // one line for the banner
};

// The story, in time order.
const std::vector<DemoEvent>& demo_timeline();

// Walks a timeline: each event is handed out once, when its time has come.
class TimelineCursor {
public:
    explicit TimelineCursor(const std::vector<DemoEvent>& events) : events_(events) {}
    // Events whose time is at or before `elapsed` and that were not handed out before.
    std::vector<DemoEvent> take_due(std::chrono::milliseconds elapsed);
    // When the next event still to come is due; nullopt once every event was handed out.
    std::optional<std::chrono::milliseconds> next_at() const;

private:
    const std::vector<DemoEvent>& events_;
    std::size_t next_ = 0;
};

}  // namespace sitewatch::demo
