#pragma once
// A misbehaving TCP server on 127.0.0.1 for the failure modes a real HTTP server will not
// produce on demand. One thread; stops by itself on destruction within ~100 ms.
#include <atomic>
#include <cstddef>
#include <string>
#include <thread>

namespace sitewatch::testing {

class RawTcpServer {
  public:
    enum class Mode {
        reset,    // reads the request, then closes with SO_LINGER 0 (a TCP RST)
        hang,     // accepts and never answers (timeouts)
        garbage,  // reads the request, answers `reply`, closes
    };

    explicit RawTcpServer(Mode mode, std::string reply = "this is not HTTP at all\r\n\r\n");
    ~RawTcpServer();
    RawTcpServer(const RawTcpServer&) = delete;
    RawTcpServer& operator=(const RawTcpServer&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& scheme = "http", const std::string& path = "/") const;
    std::size_t connections() const { return connections_.load(); }

  private:
    void run();

    Mode mode_;
    std::string reply_;
    int listen_fd_ = -1;
    int wake_pipe_[2] = {-1, -1};
    int port_ = 0;
    std::atomic<std::size_t> connections_{0};
    std::thread thread_;
};

}  // namespace sitewatch::testing
