#include "alerting/reports/condition_guidance.h"

namespace sitewatch::reports {

namespace {

Guidance base(Condition c) {
    switch (c) {
        case Condition::down:
            return {
                "Your website was not loading for visitors.",
                "is not loading for visitors",
                "The server that hosts the website stopped answering visitors.",
                "The site did not answer: DNS, connection, TLS handshake or timeout failure at "
                "the transport level.",
                {"Find out why the server stopped answering and restart or restore the affected "
                 "service.",
                 "Check the hosting provider's status and the server's resources (memory, disk, "
                 "processes)."},
                {"Some pages may be slower for a short while as caches fill up again.",
                 "Short, sporadic outages are possible while the server settles.",
                 "Form responses and emails sent by the site may arrive late."},
                {"Let your team or stakeholders know the website was unavailable, if that "
                 "matters to them.",
                 "Check form submissions and orders made around the time of the outage: some may "
                 "not have been received."},
                "Visitors could not reach the site, so forms sent or orders placed during the "
                "downtime may not have been received."};
        case Condition::error:
            return {
                "Your website was loading, but showed an error instead of its content.",
                "is showing an error instead of its content",
                "Something on the website's server or in its software stopped working properly.",
                "The site answered with an error: an HTTP 4xx/5xx status or an application "
                "error page (CMS, PHP, database).",
                {"Read the server's error logs to find the failing part and fix or roll it "
                 "back.",
                 "Restart the affected service and confirm the pages load normally again."},
                {"Some pages may load slowly at first while caches are rebuilt.",
                 "Forms or logins may need a second try for a short while.",
                 "Form responses may be delayed."},
                {"Check form submissions and orders made while the error showed: some may not "
                 "have gone through.",
                 "Let your team or stakeholders know, if visitors may have noticed the error."},
                "Forms sent or orders placed while the error showed may not have been saved."};
        case Condition::malformed:
            return {
                "Your website loaded, but parts of the page were missing or out of place.",
                "is loading with parts of the page missing or out of place",
                "A recent change, an update or a missing file left the pages looking broken.",
                "The page content was significantly malformed: blank or truncated, raw template "
                "or source text, a stock server page, or broken assets (scripts, styles, "
                "images).",
                {"Find the change or missing file behind it and restore or redeploy it.",
                 "Clear the site's caches so visitors get the corrected pages."},
                {"Images or styles may look inconsistent for a short while as caches refresh.",
                 "The next builds or deployments may be slower while caches are rebuilt."},
                {"Take a quick look at your most important pages and tell us if anything still "
                 "looks wrong.",
                 "Let your team or stakeholders know, if they shared the site during that "
                 "time."},
                ""};
        case Condition::defaced:
            return {"Your website showed content that was not yours.",
                    "is showing content that is not yours",
                    "Someone without permission appears to have changed the website's content.",
                    "The site was tampered with: a defacement page, injected scripts, iframes or "
                    "spam links, or a redirect to a foreign site.",
                    {"Remove the unwanted content and restore the site from a known-good copy.",
                     "Find and close the way in (an outdated plugin, theme or a leaked password) "
                     "and update the site's software.",
                     "Change the passwords and keys used by the site and its hosting."},
                    {"You may be asked to log in again, as old sessions and passwords were reset.",
                     "Some plugins or features may behave differently after updates.",
                     "Search engines or browsers may show a warning for a little while after the "
                     "clean-up."},
                    {"Change your own passwords for the website, hosting and email accounts, and "
                     "those of anyone else with access.",
                     "If the site takes payments, ask your payment provider to check for unusual "
                     "activity and keep an eye on card transactions.",
                     "Lock down your email services if they share passwords with the website.",
                     "Let your stakeholders know, if visitors may have seen the unwanted content."},
                    "Data held by the site (form submissions, accounts) may have been seen by the "
                    "intruder; we will tell you if we find signs of that."};
        case Condition::security:
            return {"We found an urgent security problem with your website.",
                    "has an urgent security problem",
                    "Something that protects the website or its visitors was not working as it "
                    "should.",
                    "A security control failed: an invalid, expired or mismatched certificate, "
                    "exposed listings or source code, or a new third-party script origin.",
                    {"Fix the security setting at fault (renew or reinstall the certificate, hide "
                     "what was exposed, remove what should not be there).",
                     "Check that nothing else was affected."},
                    {"Some visitors may still see a browser warning until their browser refreshes.",
                     "You may be asked to log in again after the fix."},
                    {"Change the passwords for the website and hosting if anything sensitive was "
                     "exposed.",
                     "Let your stakeholders know, if visitors may have seen a security warning."},
                    ""};
    }
    return base(Condition::down);
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

void sharpen(Guidance& g, Condition c, std::string_view rule) {
    // Transport failures.
    if (rule == "transport.dns") {
        g.cause_plain =
            "The website's address could not be looked up, so browsers could not "
            "find the server.";
        g.cause_technical =
            "DNS resolution failed for the site's host name (lapsed domain, "
            "changed or broken DNS records, or a DNS provider outage).";
        g.fixes.insert(g.fixes.begin(),
                       "Check the domain's registration and its DNS records "
                       "and correct them.");
        g.side_effects.insert(g.side_effects.begin(),
                              "DNS changes take time to spread: some visitors may not reach "
                              "the site for a few hours.");
        g.client_actions.push_back(
            "If the domain is registered in your name, check that its "
            "renewal is paid.");
        return;
    }
    if (rule == "transport.timeout") {
        g.cause_plain = "The server was too busy or overloaded to answer in time.";
        g.cause_technical =
            "Requests timed out: the origin accepted no connection or sent no "
            "response within the check's timeout (overload, a hung process, "
            "network trouble).";
        return;
    }
    if (rule == "transport.connect_refused" || rule == "transport.connect_failed" ||
        rule == "transport.reset") {
        g.cause_plain =
            "The web server software on the hosting server was not running or "
            "not reachable.";
        g.cause_technical =
            "TCP connections were refused, failed or reset: the web server "
            "process, a firewall or the host itself was down.";
        return;
    }
    if (rule == "transport.tls_handshake") {
        g.cause_plain = "The secure connection to the website could not be set up.";
        g.cause_technical =
            "The TLS handshake failed (certificate or protocol configuration "
            "on the server or its CDN).";
        return;
    }
    if (rule == "http.no_response") {
        g.cause_technical = "No usable HTTP response was received.";
        return;
    }
    if (rule == "http.status") {
        g.cause_technical =
            "The site answered with an HTTP error status (4xx/5xx) instead of "
            "the page.";
        return;
    }
    if (rule == "http.cdn_origin") {
        g.cause_plain =
            "The service that speeds up the website could not reach the website's "
            "own server.";
        g.cause_technical =
            "The CDN answered with an origin error: the origin server was down "
            "or refusing the CDN.";
        return;
    }
    if (rule == "response_time.slow") {
        g.cause_plain = "The website was answering very slowly.";
        g.cause_technical = "Response times exceeded the configured threshold.";
        return;
    }
    // Certificates.
    if (rule == "tls.expired" || rule == "tls.expiring") {
        g.issue_now = rule == "tls.expired" ? "has an expired security certificate"
                                            : "has a security certificate about to expire";
        g.what_plain = rule == "tls.expired"
                           ? "Your website's security certificate had expired, so browsers "
                             "warned visitors away."
                           : "Your website's security certificate is about to expire.";
        g.cause_plain = "The website's security certificate was not renewed in time.";
        g.cause_technical =
            "The TLS certificate passed (or is near) its notAfter date; "
            "automatic renewal did not happen or was not deployed.";
        g.fixes = {"Renew the certificate and install it on the server.",
                   "Check that automatic renewal works so it does not happen again."};
        g.client_actions = {
            "Let your stakeholders know, if visitors told you about a security "
            "warning.",
            "If the certificate is bought in your name, check that its renewal "
            "is paid."};
        return;
    }
    if (rule == "tls.hostname_mismatch" || rule == "tls.self_signed" || rule == "tls.untrusted" ||
        rule == "tls.not_yet_valid") {
        g.cause_plain =
            "The website's security certificate was not the right one, so "
            "browsers showed a warning.";
        g.cause_technical =
            "The certificate was not valid for this host: wrong name, self-signed, "
            "untrusted chain or not yet valid.";
        g.fixes = {"Install the correct certificate with its full chain for this address."};
        return;
    }
    // Tampering.
    if (rule == "http.foreign_redirect" || rule == "content.foreign_redirect") {
        g.what_plain = "Your website was sending visitors to another, unrelated website.";
        g.issue_now = "is sending visitors to another, unrelated website";
        g.cause_plain =
            "Someone appears to have added a redirect that sends visitors to "
            "another site.";
        g.cause_technical =
            "The site redirected to a foreign host (injected redirect in the "
            "server configuration, .htaccess, a plugin or the page's scripts).";
        return;
    }
    if (rule == "content.foreign_form") {
        g.what_plain =
            "A form on your website was sending what visitors typed to another "
            "website.";
        g.issue_now = "has a form that sends what visitors type to another website";
        g.cause_plain =
            "Someone appears to have changed a form so that it sends information "
            "elsewhere.";
        g.cause_technical =
            "A form posts to a foreign host: a likely credential or card "
            "skimming injection.";
        g.possible_data_loss =
            "Information typed into that form (possibly contact, login or "
            "payment details) may have been sent to someone else.";
        return;
    }
    if (rule == "content.new_script_host" || rule == "content.new_known_script_host" ||
        rule == "content.script_share" || rule == "signature.packed_script" ||
        rule == "signature.obfuscated_script" || starts_with(rule, "signature.crypto_miner")) {
        g.cause_plain = "Someone appears to have added hidden code to the website.";
        g.cause_technical =
            "An injected script: a new script origin or obfuscated, packed or "
            "mining code in the page.";
        if (c == Condition::security) {
            g.what_plain = "Your website started loading code from a new outside source.";
            g.issue_now = "is loading code from a new outside source";
            g.cause_plain =
                "A new outside script appeared on the website; it may be a planned "
                "change or an unwanted addition.";
        }
        return;
    }
    if (rule == "content.new_frame_host") {
        g.cause_plain = "Someone appears to have added hidden content from another site.";
        g.cause_technical = "An iframe to a new foreign host was injected into the page.";
        return;
    }
    if (rule == "cloaking.spam" || rule == "content.hidden_links" || contains(rule, "spam") ||
        contains(rule, "gambling") || contains(rule, "casino")) {
        g.what_plain = "Your website contained hidden advertising or spam links.";
        g.issue_now = "contains hidden advertising or spam links";
        g.cause_plain =
            "Someone appears to have added spam content, often through an "
            "outdated plugin or theme.";
        g.cause_technical =
            "SEO spam injection: hidden links or cloaked content served to search "
            "engines.";
        g.side_effects.push_back(
            "Search results may show odd titles for a while until search "
            "engines visit the site again.");
        return;
    }
    if (starts_with(rule, "signature.deface")) {
        g.cause_technical = "A defacement page was served: the page content was replaced.";
        return;
    }
    // Exposure.
    if (rule == "signature.directory_listing") {
        g.cause_plain = "A folder on the website was open for anyone to browse.";
        g.cause_technical = "A directory listing is enabled on the web server.";
        g.fixes = {"Turn off directory listings and check what was visible."};
        return;
    }
    if (rule == "signature.raw_php_source" || rule == "signature.raw_server_source") {
        g.cause_plain = "The website's program code was shown to visitors instead of being run.";
        g.cause_technical =
            "Server-side source was served as text (PHP or another handler "
            "not configured); configuration secrets may have been visible.";
        g.fixes = {
            "Restore the server's handler configuration so code runs instead of being "
            "shown.",
            "Change any passwords or keys that were in the exposed code."};
        g.client_actions.insert(g.client_actions.begin(),
                                "Change passwords for the website, its database and email "
                                "services if they were set in the site's code.");
        return;
    }
    // Errors with a sharper cause.
    if (rule == "signature.wordpress_database_error" || rule == "signature.sql_error") {
        g.cause_plain = "The website could not reach its database, where its content is kept.";
        g.cause_technical = "Database connection or query errors.";
        return;
    }
    if (rule == "signature.hosting_suspended") {
        g.cause_plain = "The hosting provider suspended the website's account.";
        g.cause_technical = "The host served its account-suspended page.";
        g.client_actions.insert(g.client_actions.begin(),
                                "If the hosting account is in your name, check its billing and "
                                "any messages from the host.");
        return;
    }
    if (contains(rule, "maintenance") || contains(rule, "offline")) {
        g.cause_plain = "The website was stuck in maintenance mode, usually after an update.";
        g.cause_technical =
            "A CMS maintenance or offline page, typically an interrupted "
            "update.";
        return;
    }
    if (starts_with(rule, "signature.") && c == Condition::error) {
        g.cause_technical =
            "The site served an application error page (CMS, framework or language "
            "runtime).";
        return;
    }
    if (rule == "signature.parked_domain") {
        g.cause_plain =
            "The website's address was showing a placeholder page, which often "
            "happens when the domain lapses.";
        g.cause_technical =
            "A parked-domain page was served: expired registration or DNS "
            "pointing elsewhere.";
        g.client_actions.push_back(
            "If the domain is registered in your name, check that its "
            "renewal is paid.");
        return;
    }
    if (rule == "signature.nginx_welcome" || rule == "signature.apache_default_page" ||
        rule == "signature.iis_welcome") {
        g.cause_plain = "The server showed its default placeholder page instead of the website.";
        g.cause_technical =
            "A stock web server page was served: the virtual host or site "
            "files are missing or misconfigured.";
        return;
    }
    if (starts_with(rule, "signature.template_")) {
        g.cause_plain = "Parts of the page showed unprocessed template code.";
        g.cause_technical =
            "Raw template syntax was rendered: a broken template or rendering "
            "engine.";
        return;
    }
    if (rule == "assets.broken") {
        g.cause_plain =
            "Some of the files the page needs (styles, scripts or images) were "
            "missing.";
        g.cause_technical = "Linked assets failed to load (4xx/5xx or unreachable).";
        return;
    }
    if (rule == "content.blank" || rule == "content.truncated" || rule == "content.main_empty" ||
        rule == "content.collapsed") {
        g.cause_plain = "The page came back empty or cut short.";
        g.cause_technical = "The page body was blank, truncated or lost its main content.";
        return;
    }
    if (rule == "keyword.must_contain") {
        g.cause_technical = "A phrase the page must always contain was missing.";
        return;
    }
    if (rule == "keyword.must_not_contain") {
        g.cause_technical = "A phrase the page must never contain appeared.";
        return;
    }
}

}  // namespace

Guidance condition_guidance(Condition condition, std::string_view rule) {
    Guidance g = base(condition);
    if (!rule.empty()) sharpen(g, condition, rule);
    return g;
}

}  // namespace sitewatch::reports
