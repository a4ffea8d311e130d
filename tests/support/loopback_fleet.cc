#include "tests/support/loopback_fleet.h"

namespace sitewatch::testing {

namespace {
constexpr const char* kPage =
    "<html><head><title>Acme</title></head><body><h1>Acme</h1>"
    "<p>Welcome to the Acme shop: tools, parts and friendly advice since 1952.</p></body></html>";
}

LoopbackFleet::LoopbackFleet() : secure_(certs_.valid()) {
    web_.route("/", Route::html(kPage));
    secure_.route("/", Route::html(kPage));
    hooks_.route("/hook", Route::html("ok"));
    const auto secret = dir_.write("webhook-secret", "fleet-secret\n");
    // Two learning samples, so the content baseline (and its similarity ratio) exists within
    // seconds; the failing site opens an incident after its confirming re-check (200 ms).
    config_ = dir_.write(
        "sitewatch.yml",
        "server:\n  listen: 127.0.0.1:0\n"
        "storage:\n  sqlite: " +
            (dir_.path() / "sitewatch.db").string() +
            "\ndefaults:\n  interval: 1s\n  timeout: 2s\n"
            "  confirm:\n    failures: 2\n    retry_after: 200ms\n"
            "  recover:\n    successes: 2\n"
            "  assets:\n    check: false\n"
            "  defacement:\n    learn_samples: 2\n"
            "  tls:\n    ca_file: " +
            certs_.ca_file() + "\nnotifiers:\n  webhook:\n    url: " + hooks_.url("/hook") +
            "\n    secret_file: " + secret + "\nclients:\n  - name: " + kClient +
            "\n    sites:\n      - name: " + kHealthy + "\n        url: " + web_.url("/") +
            "\n      - name: " + kSecure + "\n        url: " + secure_.url("/") +
            "\n      - name: " + kFailing +
            "\n        url: http://127.0.0.1:" + std::to_string(closed_.port()) + "/\n");
}

}  // namespace sitewatch::testing
