#pragma once
// blackbox_exporter's http prober output, rebuilt from a site's latest check, so existing
// blackbox dashboards and alerts (Grafana 7587, 13659, 14928) work against /probe unchanged.
#include <string>

#include "monitor/daemon/site_status.h"

namespace sitewatch::http {

// Prometheus text (format 0.0.4) with blackbox's metric names and HELP texts (prober/http.go,
// tls.go at v0.28): probe_success, probe_duration_seconds, probe_dns_lookup_time_seconds,
// probe_http_duration_seconds{phase=resolve|connect|tls|processing|transfer},
// probe_http_status_code, probe_http_content_length (-1 when the server sent no length),
// probe_http_redirects, probe_http_ssl, probe_http_version, and when known
// probe_http_uncompressed_body_length, probe_ssl_earliest_cert_expiry (https with a chain)
// and probe_tls_version_info{version}. `status` must have a response (has_response).
std::string render_blackbox_probe(const SiteStatus& status);

}  // namespace sitewatch::http
