#pragma once
// libcurl's multi interface driven by epoll through curl_multi_socket_action: the loop
// only touches sockets that are ready, so thousands of idle transfers cost nothing per
// wake-up (curl_multi_poll would walk every handle each time). An eventfd lets other
// threads interrupt the wait.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <optional>

namespace sitewatch::probe_detail {

class MultiLoop {
  public:
    MultiLoop();  // throws std::runtime_error when curl, epoll or eventfd cannot be set up
    ~MultiLoop();
    MultiLoop(const MultiLoop&) = delete;
    MultiLoop& operator=(const MultiLoop&) = delete;

    CURLMcode add(CURL* easy);
    void remove(CURL* easy);

    // Thread-safe: makes the current or next run_once() return promptly.
    void wake();

    // Waits up to `max_wait` for socket readiness, curl's timer or wake(), and lets curl
    // act on whatever happened. Returns true when woken by wake().
    bool run_once(std::chrono::milliseconds max_wait);

    struct Done {
        CURL* easy;
        CURLcode result;
    };
    // The next finished transfer, if any (still attached: call remove()).
    std::optional<Done> next_done();

  private:
    static int on_socket(CURL* easy, curl_socket_t s, int what, void* self, void* socketp);
    static int on_timer(CURLM* multi, long timeout_ms, void* self);
    void on_timeout_due();
    void release();

    CURLM* multi_ = nullptr;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;
    std::atomic<bool> wake_pending_{false};
    std::optional<std::chrono::steady_clock::time_point> timer_deadline_;
};

}  // namespace sitewatch::probe_detail
