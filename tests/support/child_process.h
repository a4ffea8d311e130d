#pragma once
// Runs a program as a child process for end-to-end tests: output captured to files, signals,
// bounded waits, and a SIGKILL in the destructor so no child outlives its test.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "tests/support/temp_dir.h"

namespace sitewatch::testing {

class ChildProcess {
public:
    explicit ChildProcess(const std::vector<std::string>& argv);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    void signal(int sig) const;
    // The exit code (128+N when killed by signal N), or nullopt if still running at timeout.
    std::optional<int> wait_for(std::chrono::milliseconds timeout);
    std::string stdout_text() const;
    std::string stderr_text() const;

private:
    TempDir dir_;
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
};

// Runs to completion (bounded by `timeout`, then killed) and returns exit code and output.
struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
RunResult run_program(const std::vector<std::string>& argv,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace sitewatch::testing
