#pragma once
// Maps libcurl's result code (plus the context curl leaves behind) to the TransportError
// the checks classify. Pure, so the table is unit-tested without a network.
#include <curl/curl.h>

#include <string_view>

#include "checks/model/response.h"

namespace sitewatch::probe_detail {

struct TransportContext {
    CURLcode code = CURLE_OK;
    long os_errno = 0;              // CURLINFO_OS_ERRNO
    bool name_resolved = true;      // the last hop's name lookup completed
    std::string_view error_buffer;  // CURLOPT_ERRORBUFFER text
    bool truncated_by_us = false;   // we stopped reading at max_body
};

TransportError classify_transport(const TransportContext& context);

}  // namespace sitewatch::probe_detail
