#pragma once
// One probe: a libcurl easy handle configured from a ProbeRequest, the callbacks that
// stream its body into a bounded buffer and capture the final response's headers and the
// redirect chain, and the translation of curl's result into a Response. Transfers are
// pooled and reused by the engine, so a check allocates little beyond its own data.
#include <curl/curl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "checks/model/response.h"
#include "monitor/probe/detail/tls_capture.h"
#include "monitor/probe/detail/trust_store_cache.h"
#include "monitor/probe/probe_request.h"

namespace sitewatch::probe_detail {

class Transfer {
  public:
    // Throws std::bad_alloc when libcurl cannot create a handle.
    explicit Transfer(TrustStoreCache& trust_stores);
    ~Transfer();
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;

    // Configures the handle for a new fetch. Returns false when curl refuses the options;
    // finish() then reports why.
    bool prepare(ProbeRequest request);

    CURL* easy() const { return easy_; }
    std::uint64_t id() const { return request_.id; }

    // Builds the Response from curl's result and the captured data, leaving the transfer
    // ready for reuse. Call after the handle left the multi handle.
    Response finish(CURLcode code);

    static Transfer* from_easy(CURL* easy);

  private:
    static std::size_t on_body(char* data, std::size_t size, std::size_t n, void* self);
    static std::size_t on_header(char* data, std::size_t size, std::size_t n, void* self);
    void header_line(std::string_view line);
    void end_of_headers();
    void commit_pending_hop();
    std::string absolute_location(std::string_view location) const;
    void fill_timings(Response& r) const;
    void fill_tls(Response& r) const;
    void release_lists();

    CURL* easy_ = nullptr;
    TlsCapture tls_;
    ProbeRequest request_;
    Response response_;
    curl_slist* header_list_ = nullptr;
    curl_slist* connect_to_ = nullptr;
    std::string user_agent_;
    std::optional<RedirectHop> pending_hop_;  // a 3xx with Location, committed if followed
    bool in_body_ = false;
    bool follow_ = true;
    CURLcode setup_error_ = CURLE_OK;
    char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace sitewatch::probe_detail
