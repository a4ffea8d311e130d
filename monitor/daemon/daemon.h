#pragma once
// The running monitor: wires config, scheduler, probe engine, checks, confirmation, store,
// metrics and the HTTP server together. Holds no detection logic of its own.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "alerting/confirmation/site_confirmation.h"
#include "checks/assets/asset_check.h"
#include "checks/baseline/content_baseline.h"
#include "checks/evaluate.h"
#include "checks/page/page_analyser.h"
#include "monitor/config/config.h"
#include "monitor/daemon/auxiliary_check.h"
#include "monitor/daemon/fleet_view.h"
#include "monitor/probe/probe_request.h"
#include "monitor/scheduler/scheduler.h"

namespace sitewatch {

class HttpServer;
class IncidentService;
class Metrics;
class OutboxDispatcher;
namespace notify {
class ReloadableSender;
}
class ProbeEngine;
class ResultWriter;
class Store;

class WorkerPool;

class Daemon : public FleetView {
public:
    // Opens the store and restores per-site state. Throws std::runtime_error when the store
    // cannot be opened.
    explicit Daemon(config::Config config);
    ~Daemon() override;
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    // Binds the HTTP server (throws if it cannot), then checks and serves until
    // request_stop(). Returns after a graceful stop: results flushed, state saved.
    void run();
    void request_stop();  // thread-safe, async-signal-unsafe (call from SignalWatcher)
    // Called once from run() when the HTTP server accepts connections, with the bound host and
    // port (the real port when the config asked for port 0). Set before run().
    void on_serving(std::function<void(const std::string& host, int port)> callback) {
        on_serving_ = std::move(callback);
    }
    // Swaps in a validated config; sites that remain keep their state and schedule.
    void apply_config(config::Config next);

    std::vector<SiteStatus> sites() const override;
    std::vector<SiteStatus> sites_of(std::string_view client) const override;
    std::optional<SiteStatus> site(std::string_view name_or_url) const override;
    bool ready() const override;
    BaselineAcceptance accept_baseline(std::string_view name) override;
    std::shared_ptr<const checks::ContentBaseline> content_baseline(
        std::string_view name) const override;

private:
    struct SiteRuntime {
        config::SiteConfig config;
        SiteStatus status;
        SiteConfirmation confirmation;
        // Content checks compiled for this config; shared with evaluations in flight.
        std::shared_ptr<const checks::PageAnalyser> analyser;
        // Replaced, never mutated, so an evaluation can read it without the lock.
        std::shared_ptr<const checks::ContentBaseline> baseline;
        bool baseline_dirty = false;  // changed since last written to the store
        int clean_since_learned = 0;  // clean checks since the settled baseline last learned
        std::shared_ptr<const checks::ContentSample> last_page;  // what "accept" would take
        AuxiliaryCheck assets;   // the page's own stylesheets and scripts
        AuxiliaryCheck crawler;  // the page as a search-engine crawler sees it (cloaking)
    };
    enum class ProbeKind { page, crawler, asset };
    struct PendingProbe {
        std::string site;
        bool confirm = false;
        ProbeKind kind = ProbeKind::page;
        std::uint64_t run = 0;  // the asset run a ProbeKind::asset belongs to
    };
    // One asset check of one site: several fetches, judged together when the last arrives.
    struct AssetRun {
        std::string site;
        std::size_t remaining = 0;
        std::vector<checks::AssetResult> results;
    };
    // One crawler fetch and the visitor's view it is compared with.
    struct CrawlerRun {
        std::string site;
        std::string visitor_url;
        std::string visitor_body;
        std::shared_ptr<const checks::ContentSample> visitor;
    };

    void on_probe_complete(std::uint64_t id, Response response);
    void evaluate_result(PendingProbe pending, Response response);
    void dispatch_due(TimePoint now);
    void persist_states();
    void persist_baselines();
    void learn_content(SiteRuntime& rt, const Evaluation& ev, TimePoint now);
    // Starts the site's due asset and crawler runs after a page check (state_mu_ held);
    // returns the probes to submit once the lock is released.
    std::vector<ProbeRequest> start_auxiliary(SiteRuntime& rt, const Response& page, TimePoint now);
    void record_asset(const PendingProbe& pending, const Response& response);
    void evaluate_crawler(const PendingProbe& pending, std::uint64_t id, Response response);
    void restore_states();
    void install_sites(const config::Config& cfg);

    std::string version_;
    config::Config config_;  // guarded by state_mu_

    mutable std::mutex state_mu_;
    std::unordered_map<std::string, SiteRuntime> sites_;
    std::vector<std::string> order_;  // config order, for listings
    std::unordered_map<std::uint64_t, PendingProbe> pending_;
    std::unordered_map<std::uint64_t, AssetRun> asset_runs_;      // by run id
    std::unordered_map<std::uint64_t, CrawlerRun> crawler_runs_;  // by probe id
    std::uint64_t next_probe_id_ = 1;

    std::mutex sched_mu_;
    std::condition_variable sched_cv_;
    Scheduler scheduler_;
    bool stop_requested_ = false;

    std::atomic<bool> ready_{false};
    std::unique_ptr<Store> store_;
    std::unique_ptr<ResultWriter> writer_;
    std::unique_ptr<Metrics> metrics_;
    std::unique_ptr<IncidentService> incidents_;
    std::unique_ptr<notify::ReloadableSender> sender_;
    std::unique_ptr<OutboxDispatcher> outbox_;
    std::unique_ptr<WorkerPool> workers_;
    std::unique_ptr<ProbeEngine> engine_;
    std::unique_ptr<HttpServer> http_;
    std::function<void(const std::string& host, int port)> on_serving_;
};

}  // namespace sitewatch
