#include "monitor/probe/probe_engine.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include "monitor/probe/detail/multi_loop.h"
#include "monitor/probe/detail/transfer.h"
#include "monitor/probe/detail/trust_store_cache.h"

namespace sitewatch {
namespace {

using probe_detail::MultiLoop;
using probe_detail::Transfer;
using probe_detail::TrustStoreCache;

// Idle transfers kept for reuse; each holds curl's ~16 KiB receive buffer, so a burst of
// thousands does not pin its memory forever.
constexpr std::size_t kMaxIdleTransfers = 256;
// Upper bound on one wait, so a lost wake-up can only ever delay, never hang.
constexpr std::chrono::milliseconds kMaxWait{1000};

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct ProbeEngine::Impl {
    Impl(Options o, Completion c) : options(o), on_complete(std::move(c)) {
        if (options.max_in_flight == 0) options.max_in_flight = 1;
    }

    void run();
    void start_queued();
    void start(ProbeRequest request);
    void collect_done();
    void complete(std::uint64_t id, Response response);
    void cancel_all();

    Options options;
    Completion on_complete;

    std::mutex mutex;
    std::deque<ProbeRequest> queue;           // guarded by mutex
    std::atomic<std::size_t> outstanding{0};  // queued + running
    std::atomic<bool> stopping{false};
    std::thread thread;

    // Probe thread only.
    TrustStoreCache trust_stores;
    MultiLoop loop;
    std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
    std::vector<std::unique_ptr<Transfer>> idle;
};

void ProbeEngine::Impl::run() {
    while (!stopping.load(std::memory_order_acquire)) {
        start_queued();
        loop.run_once(kMaxWait);
        collect_done();
    }
    cancel_all();
}

void ProbeEngine::Impl::start_queued() {
    std::deque<ProbeRequest> batch;
    {
        std::lock_guard lock(mutex);
        while (!queue.empty() && active.size() + batch.size() < options.max_in_flight) {
            batch.push_back(std::move(queue.front()));
            queue.pop_front();
        }
    }
    for (auto& request : batch) start(std::move(request));
}

void ProbeEngine::Impl::start(ProbeRequest request) {
    std::unique_ptr<Transfer> transfer;
    if (!idle.empty()) {
        transfer = std::move(idle.back());
        idle.pop_back();
    } else {
        try {
            transfer = std::make_unique<Transfer>(trust_stores);
        } catch (const std::exception& e) {
            Response r;
            r.url = request.url;
            r.started_at = Clock::now();
            r.transport_error = TransportError::other;
            r.error_message = std::string("cannot start the transfer: ") + e.what();
            complete(request.id, std::move(r));
            return;
        }
    }
    Transfer* t = transfer.get();
    if (!t->prepare(std::move(request)) || loop.add(t->easy()) != CURLM_OK) {
        Response r = t->finish(CURLE_FAILED_INIT);
        std::uint64_t id = t->id();
        if (idle.size() < kMaxIdleTransfers) idle.push_back(std::move(transfer));
        complete(id, std::move(r));
        return;
    }
    active.emplace(t->easy(), std::move(transfer));
}

void ProbeEngine::Impl::collect_done() {
    while (auto done = loop.next_done()) {
        auto it = active.find(done->easy);
        loop.remove(done->easy);
        if (it == active.end()) continue;
        std::unique_ptr<Transfer> transfer = std::move(it->second);
        active.erase(it);
        Response r = transfer->finish(done->result);
        std::uint64_t id = transfer->id();
        if (idle.size() < kMaxIdleTransfers) idle.push_back(std::move(transfer));
        complete(id, std::move(r));
        if (stopping.load(std::memory_order_acquire)) return;
    }
}

void ProbeEngine::Impl::complete(std::uint64_t id, Response response) {
    try {
        on_complete(id, std::move(response));
    } catch (...) {
        // The callback's failure must not take every other check down with the thread.
    }
    outstanding.fetch_sub(1, std::memory_order_acq_rel);
}

void ProbeEngine::Impl::cancel_all() {
    for (auto& [easy, transfer] : active) loop.remove(easy);
    active.clear();
    idle.clear();
    std::lock_guard lock(mutex);
    queue.clear();
    outstanding.store(0, std::memory_order_release);
}

ProbeEngine::ProbeEngine(Options options, Completion on_complete) {
    global_init_once();
    impl_ = std::make_unique<Impl>(options, std::move(on_complete));
    impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

ProbeEngine::~ProbeEngine() { stop(); }

void ProbeEngine::submit(ProbeRequest request) {
    {
        // Checked under the lock that cancel_all() takes, so nothing slips in after it.
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopping.load(std::memory_order_acquire)) return;
        impl_->queue.push_back(std::move(request));
        impl_->outstanding.fetch_add(1, std::memory_order_acq_rel);
    }
    impl_->loop.wake();
}

std::size_t ProbeEngine::in_flight() const {
    return impl_->outstanding.load(std::memory_order_acquire);
}

void ProbeEngine::stop() {
    impl_->stopping.store(true, std::memory_order_release);
    impl_->loop.wake();
    // From inside a completion callback the loop exits after it returns; joining there
    // would wait for ourselves.
    if (impl_->thread.joinable() && impl_->thread.get_id() != std::this_thread::get_id())
        impl_->thread.join();
}

std::vector<Response> probe_all(const std::vector<ProbeRequest>& requests) {
    std::vector<Response> responses(requests.size());
    if (requests.empty()) return responses;
    std::mutex mutex;
    std::condition_variable cv;
    std::size_t done = 0;
    ProbeEngine engine({}, [&](std::uint64_t index, Response response) {
        responses[index] = std::move(response);
        std::lock_guard lock(mutex);
        ++done;
        cv.notify_one();
    });
    for (std::size_t i = 0; i < requests.size(); ++i) {
        ProbeRequest r = requests[i];
        r.id = i;  // index, so results land in request order whatever ids the caller used
        engine.submit(std::move(r));
    }
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return done == requests.size(); });
    return responses;
}

}  // namespace sitewatch
