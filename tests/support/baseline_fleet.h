#pragma once
// A FleetView with fixed sites whose accept_baseline answers what the test sets, and records
// which sites it was asked for: the daemon's side of POST /api/v1/sites/{name}/baseline.
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "monitor/daemon/fleet_view.h"

namespace sitewatch::testing {

class BaselineFleet : public FleetView {
public:
    explicit BaselineFleet(std::vector<std::string> site_names) {
        for (auto& name : site_names) {
            SiteStatus s;
            s.client = "acme";
            s.name = std::move(name);
            s.url = "https://" + s.name + ".example/";
            sites_.push_back(std::move(s));
        }
    }

    std::vector<SiteStatus> sites() const override { return sites_; }
    std::optional<SiteStatus> site(std::string_view name_or_url) const override {
        for (const auto& s : sites_)
            if (s.name == name_or_url || s.url == name_or_url) return s;
        return std::nullopt;
    }
    bool ready() const override { return true; }

    BaselineAcceptance accept_baseline(std::string_view name) override {
        std::lock_guard lock(mu_);
        asked_.emplace_back(name);
        return answer_;
    }

    void answer(BaselineAcceptance a) {
        std::lock_guard lock(mu_);
        answer_ = std::move(a);
    }
    std::vector<std::string> asked() const {
        std::lock_guard lock(mu_);
        return asked_;
    }

private:
    std::vector<SiteStatus> sites_;
    mutable std::mutex mu_;
    BaselineAcceptance answer_;
    std::vector<std::string> asked_;
};

}  // namespace sitewatch::testing
