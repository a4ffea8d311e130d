#pragma once
// GET /api/v1/sites/{name}/baseline: what the site's content baseline holds, for people
// deciding whether to accept the current page instead.
#include <nlohmann/json.hpp>

#include "checks/baseline/content_baseline.h"
#include "monitor/daemon/site_status.h"

namespace sitewatch::http {

// {"site", "client", "content_similarity", "learn_samples", "baseline": null | {"samples",
// "learn_samples", "trusted", "settled", "accepted", "accepted_at", "created_at",
// "updated_at", "titles", "first_headings", "langs", "final_domains", "stable_blocks",
// "seen_blocks", "script_hosts", "iframe_hosts", "embed_hosts", "form_hosts",
// "redirect_hosts", "link_hosts", "text_length": {"min","max"}, "html_bytes": {"min","max"}}}.
// Block sets are counts; host and head sets are sorted lists.
nlohmann::json baseline_facts_to_json(const SiteStatus& site,
                                      const checks::ContentBaseline* baseline);

}  // namespace sitewatch::http
