#include "monitor/http/blackbox_probe.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <charconv>
#include <cstdint>

#include "monitor/metrics/probe_outcome.h"

namespace sitewatch::http {

namespace {

// A one-off registry per request: it costs microseconds and gives correct escaping for free.
class ProbeText {
  public:
    prometheus::Family<prometheus::Gauge>& family(const char* name, const char* help) {
        return prometheus::BuildGauge().Name(name).Help(help).Register(registry_);
    }
    void set(const char* name, const char* help, double value) {
        family(name, help).Add({}).Set(value);
    }
    std::string text() const { return prometheus::TextSerializer{}.Serialize(registry_.Collect()); }

  private:
    prometheus::Registry registry_;
};

// Go's net/http reports ContentLength -1 when the length is unknown; blackbox passes it on.
double content_length(const Response& r) {
    if (r.http_status == 0) return 0;
    const std::string* v = r.header("content-length");
    if (!v) return -1;
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || end != v->data() + v->size()) return -1;
    return static_cast<double>(n);
}

// Go's tls.VersionName spelling, which blackbox puts in the label: "TLS 1.3".
std::string blackbox_tls_version(const std::string& openssl_name) {
    if (openssl_name.rfind("TLSv", 0) == 0) return "TLS " + openssl_name.substr(4);
    return openssl_name;
}

}  // namespace

std::string render_blackbox_probe(const SiteStatus& status) {
    const Response& r = status.last_response;
    ProbeText out;
    // Registered in name order, as blackbox's Go registry prints them.
    out.set("probe_dns_lookup_time_seconds",
            "Returns the time taken for probe dns lookup in seconds", r.phases.dns);
    out.set("probe_duration_seconds", "Returns how long the probe took to complete in seconds",
            r.total_seconds);
    out.set("probe_http_content_length", "Length of http content response", content_length(r));
    auto& phases = out.family("probe_http_duration_seconds",
                              "Duration of http request by phase, summed over all redirects");
    phases.Add({{"phase", "resolve"}}).Set(r.phases.dns);
    phases.Add({{"phase", "connect"}}).Set(r.phases.connect);
    phases.Add({{"phase", "tls"}}).Set(r.phases.tls);
    phases.Add({{"phase", "processing"}}).Set(r.phases.processing);
    phases.Add({{"phase", "transfer"}}).Set(r.phases.transfer);
    out.set("probe_http_redirects", "The number of redirects",
            static_cast<double>(r.redirects.size()));
    const std::string& final_url = r.final_url.empty() ? r.url : r.final_url;
    out.set("probe_http_ssl", "Indicates if SSL was used for the final redirect",
            r.http_status > 0 && is_https_url(final_url) ? 1 : 0);
    out.set("probe_http_status_code", "Response HTTP status code", r.http_status);
    // The daemon drops bodies to keep memory per site small; report the length only if kept.
    if (r.http_status > 0 && !r.body.empty())
        out.set("probe_http_uncompressed_body_length", "Length of uncompressed response body",
                static_cast<double>(r.body.size()));
    // 11 → 1.1 and 20 → 2, as Go's ProtoMajor + ProtoMinor/10.
    out.set("probe_http_version", "Returns the version of HTTP of the probe response",
            r.http_version / 10 + (r.http_version % 10) / 10.0);
    if (auto expiry = earliest_cert_expiry(status))
        out.set("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime",
                to_unix_seconds(*expiry));
    out.set("probe_success", "Displays whether or not the probe was a success",
            probe_passed(status) ? 1 : 0);
    if (r.tls.performed && !r.tls.tls_version.empty())
        out.family("probe_tls_version_info", "Returns the TLS version used or NaN when unknown")
            .Add({{"version", blackbox_tls_version(r.tls.tls_version)}})
            .Set(1);
    return out.text();
}

}  // namespace sitewatch::http
