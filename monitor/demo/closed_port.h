#pragma once
// A loopback port that refuses connections: bound (so nothing else takes it) but never
// listening. Used by the demo's "down" site and by tests.

namespace sitewatch::demo {

class ClosedPort {
public:
    ClosedPort();  // throws std::runtime_error when no port can be bound
    ~ClosedPort();
    ClosedPort(const ClosedPort&) = delete;
    ClosedPort& operator=(const ClosedPort&) = delete;
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

}  // namespace sitewatch::demo
