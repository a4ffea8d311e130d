#pragma once
// Decides when each site is checked. Pure: the caller passes `now`, so tests drive it with
// an injected clock. Not thread-safe; the daemon guards it with its own mutex.
//
// Every site runs on a fixed cadence: due times are `offset + k * interval`, where the
// offset is a stable hash of the site's name. Sites with equal intervals thus spread evenly
// over the interval (flat load), and keep their slots across restarts and reloads. A
// confirming re-check can be slotted in between (`schedule_confirm`).
#include <chrono>
#include <cstdint>
#include <optional>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include "checks/model/time.h"

namespace sitewatch {

struct ScheduledSite {
    std::string name;
    std::chrono::milliseconds interval{60'000};
};

struct DueCheck {
    std::string site;
    TimePoint due_at{};
    bool confirm = false;  // a confirming re-check rather than the regular one
    double lag_seconds = 0;  // how late it is handed out (now - due_at)
};

class Scheduler {
public:
    // Adds new sites, drops removed ones and re-slots sites whose interval changed. Sites
    // whose interval is unchanged keep their next due time (a reload does not reset them).
    void set_sites(const std::vector<ScheduledSite>& sites, TimePoint now);

    // Everything due at or before `now`, earliest first. A site already in flight is not
    // handed out again: that slot is skipped (counted in skipped()).
    std::vector<DueCheck> take_due(TimePoint now);

    // The check of `site` finished; it may be handed out again.
    void completed(const std::string& site);

    // A confirming re-check at `at` (ignored when the site is gone, or when a confirm is
    // already pending no later than `at`).
    void schedule_confirm(const std::string& site, TimePoint at);

    // When the earliest pending check is due, or nullopt when nothing is scheduled.
    std::optional<TimePoint> next_due() const;
    // Whether that earliest check is a confirming re-check (false when nothing is due).
    bool next_is_confirm() const;

    std::size_t size() const { return sites_.size(); }
    std::uint64_t skipped() const { return skipped_; }

    // The first slot of a site at or after `now` (exposed for tests of the spreading).
    static TimePoint slot_at_or_after(const std::string& name, std::chrono::milliseconds interval,
                                      TimePoint now);

private:
    struct Entry {
        TimePoint due;
        std::uint64_t seq;  // tie-break and staleness check
        std::string site;
        bool confirm;
        bool operator>(const Entry& o) const {
            return due != o.due ? due > o.due : seq > o.seq;
        }
    };
    struct SiteSlot {
        std::chrono::milliseconds interval{};
        std::uint64_t regular_seq = 0;  // seq of the live regular entry
        std::uint64_t confirm_seq = 0;  // seq of the live confirm entry, 0 if none
        TimePoint confirm_due{};
        TimePoint next_regular{};
        bool in_flight = false;
    };

    void push_regular(const std::string& name, SiteSlot& slot, TimePoint due);
    bool live(const Entry& e) const;

    std::unordered_map<std::string, SiteSlot> sites_;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
    std::uint64_t next_seq_ = 1;
    std::uint64_t skipped_ = 0;
};

}  // namespace sitewatch
