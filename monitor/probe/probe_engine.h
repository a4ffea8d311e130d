#pragma once
// One thread, one libcurl multi handle, thousands of transfers in flight (DESIGN.md,
// "Performance shape"). Completions are handed to a callback on the probe thread; the
// callback must be cheap (queue the work elsewhere).
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "checks/model/response.h"
#include "monitor/probe/probe_request.h"

namespace sitewatch {

class ProbeEngine {
public:
    using Completion = std::function<void(std::uint64_t id, Response response)>;

    struct Options {
        std::size_t max_in_flight = 8192;  // further submissions wait in a queue
    };

    ProbeEngine(Options options, Completion on_complete);
    ~ProbeEngine();  // stops and joins; pending transfers are abandoned without callback
    ProbeEngine(const ProbeEngine&) = delete;
    ProbeEngine& operator=(const ProbeEngine&) = delete;

    // Thread-safe. The transfer starts on the probe thread's next wake-up.
    void submit(ProbeRequest request);
    std::size_t in_flight() const;

    // Stops the loop; transfers still running are cancelled (no callback).
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Convenience for one-shot use (`sitewatch check`, tests): runs all requests concurrently
// on a temporary engine and returns the responses in request order.
std::vector<Response> probe_all(const std::vector<ProbeRequest>& requests);

}  // namespace sitewatch
