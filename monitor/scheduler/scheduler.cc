#include "monitor/scheduler/scheduler.h"

#include <unordered_set>

namespace sitewatch {

namespace {

// FNV-1a: stable across runs and platforms, unlike std::hash.
std::uint64_t stable_hash(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

TimePoint Scheduler::slot_at_or_after(const std::string& name, std::chrono::milliseconds interval,
                                      TimePoint now) {
    using namespace std::chrono;
    const auto iv = interval.count() > 0 ? interval.count() : 1;
    const auto offset = static_cast<std::int64_t>(stable_hash(name) % static_cast<std::uint64_t>(iv));
    const auto now_ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
    // Smallest t >= now with (t - offset) % iv == 0.
    auto k = (now_ms - offset) / iv;
    auto t = offset + k * iv;
    if (t < now_ms) t += iv;
    return TimePoint(milliseconds(t));
}

void Scheduler::push_regular(const std::string& name, SiteSlot& slot, TimePoint due) {
    slot.regular_seq = next_seq_++;
    slot.next_regular = due;
    heap_.push(Entry{due, slot.regular_seq, name, false});
}

bool Scheduler::live(const Entry& e) const {
    auto it = sites_.find(e.site);
    if (it == sites_.end()) return false;
    return e.confirm ? it->second.confirm_seq == e.seq : it->second.regular_seq == e.seq;
}

void Scheduler::set_sites(const std::vector<ScheduledSite>& sites, TimePoint now) {
    std::unordered_set<std::string> keep;
    for (const auto& s : sites) {
        keep.insert(s.name);
        auto [it, inserted] = sites_.try_emplace(s.name);
        auto& slot = it->second;
        if (inserted || slot.interval != s.interval) {
            slot.interval = s.interval;
            push_regular(s.name, slot, slot_at_or_after(s.name, s.interval, now));
        }
    }
    for (auto it = sites_.begin(); it != sites_.end();) {
        if (!keep.count(it->first))
            it = sites_.erase(it);  // its heap entries become stale and are dropped lazily
        else
            ++it;
    }
}

std::vector<DueCheck> Scheduler::take_due(TimePoint now) {
    std::vector<DueCheck> due;
    while (!heap_.empty() && heap_.top().due <= now) {
        Entry e = heap_.top();
        heap_.pop();
        if (!live(e)) continue;
        auto& slot = sites_.at(e.site);
        if (e.confirm) {
            slot.confirm_seq = 0;
        } else {
            // Fixed cadence: the next slot follows this one, whatever the check's duration.
            auto next = e.due + slot.interval;
            if (next <= now) next = slot_at_or_after(e.site, slot.interval, now + std::chrono::milliseconds(1));
            push_regular(e.site, slot, next);
        }
        if (slot.in_flight) {
            ++skipped_;
            continue;
        }
        slot.in_flight = true;
        due.push_back(DueCheck{e.site, e.due, e.confirm,
                               std::chrono::duration<double>(now - e.due).count()});
    }
    return due;
}

void Scheduler::completed(const std::string& site) {
    auto it = sites_.find(site);
    if (it != sites_.end()) it->second.in_flight = false;
}

void Scheduler::schedule_confirm(const std::string& site, TimePoint at) {
    auto it = sites_.find(site);
    if (it == sites_.end()) return;
    auto& slot = it->second;
    if (slot.confirm_seq != 0 && slot.confirm_due <= at) return;
    // A regular check due before the confirm would be one anyway.
    if (slot.next_regular <= at) return;
    slot.confirm_seq = next_seq_++;
    slot.confirm_due = at;
    heap_.push(Entry{at, slot.confirm_seq, site, true});
}

std::optional<TimePoint> Scheduler::next_due() const {
    // Stale entries may sit on top; their time is still a safe (early) wake-up.
    if (heap_.empty()) return std::nullopt;
    return heap_.top().due;
}

bool Scheduler::next_is_confirm() const { return !heap_.empty() && heap_.top().confirm; }

}  // namespace sitewatch
