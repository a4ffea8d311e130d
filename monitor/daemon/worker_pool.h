#pragma once
// A small fixed pool for body analysis, off the probe thread (DESIGN.md, "Performance
// shape"). Tasks run in submission order per worker; stop() drains what is queued.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sitewatch {

class WorkerPool {
public:
    explicit WorkerPool(std::size_t threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void post(std::function<void()> task);
    // Runs everything queued so far, then joins the workers. Later posts are dropped.
    void stop();
    std::size_t queued() const;

private:
    void work();

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace sitewatch
