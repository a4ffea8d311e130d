#include "monitor/demo/demo_pages.h"

namespace sitewatch::demo {

const char* const kStylesheet =
    "body{font-family:system-ui,sans-serif;margin:0;color:#222}"
    "header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}"
    "nav a{margin-right:1rem}section{margin-bottom:1.5rem}";

const char* const kScript =
    "document.addEventListener('DOMContentLoaded',function(){"
    "var y=document.getElementById('year');if(y)y.textContent=new Date().getFullYear();});";

const char* to_string(PageState s) {
    switch (s) {
        case PageState::normal:
            return "normal";
        case PageState::cms_error:
            return "cms_error";
        case PageState::defaced:
            return "defaced";
        case PageState::blank:
            return "blank";
    }
    return "normal";
}

namespace {

// In US English, as WordPress writes it: the CMS's own error page says the same.
std::string normal_page(const SiteLook& look) {
    std::string sections;
    for (const auto& s : look.sections)
        sections += "<section><h2>" + s.heading + "</h2><p>" + s.text + "</p></section>\n";
    return "<!doctype html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>" +
           look.brand + " | " + look.tagline +
           "</title>\n"
           "<meta name=\"description\" content=\"" +
           look.tagline +
           "\">\n"
           "<link rel=\"stylesheet\" href=\"/assets/style.css\">\n"
           "<script src=\"/assets/site.js\" defer></script>\n</head>\n<body>\n"
           "<header><h1>" +
           look.brand +
           "</h1>\n"
           "<nav><a href=\"/\">Home</a><a href=\"/about\">About us</a>"
           "<a href=\"/contact\">Contact</a></nav></header>\n"
           "<main>\n<p class=\"lead\">" +
           look.tagline + "</p>\n" + sections +
           "</main>\n<footer><p>&copy; <span id=\"year\">2026</span> " + look.brand +
           ". All rights reserved.</p></footer>\n</body>\n</html>\n";
}

// WordPress 6.x's fatal error handler page (wp-includes/class-wp-fatal-error-handler.php).
std::string cms_error_page() {
    return "<!DOCTYPE html>\n<html dir=\"ltr\" lang=\"en-US\">\n<head>\n"
           "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
           "<meta name=\"viewport\" content=\"width=device-width\">\n"
           "<meta name='robots' content='max-image-preview:large, noindex, follow' />\n"
           "<title>WordPress &rsaquo; Error</title>\n</head>\n<body id=\"error-page\">\n"
           "<div class=\"wp-die-message\"><p>There has been a critical error on this website."
           "</p><p><a href=\"https://wordpress.org/documentation/article/faq-troubleshooting/\">"
           "Learn more about troubleshooting WordPress.</a></p></div></body>\n</html>\n";
}

std::string defaced_page() {
    return "<html><head><title>Hacked by sh4d0w-cr3w</title></head>\n"
           "<body bgcolor=\"black\" text=\"lime\"><center>\n"
           "<h1>Hacked by sh4d0w-cr3w</h1>\n"
           "<marquee>your security is just an illusion</marquee>\n"
           "<p>Greetz to all the crew. Patch your plugins, admin.</p>\n"
           "</center></body></html>\n";
}

std::string blank_page(const SiteLook& look) {
    // What a theme that dies after sending its head leaves: a document with nothing in it.
    return "<!doctype html>\n<html lang=\"en-US\"><head><meta charset=\"utf-8\"><title>" + look.brand +
           "</title></head><body></body></html>\n";
}

}  // namespace

std::string render_page(const SiteLook& look, PageState s) {
    switch (s) {
        case PageState::normal:
            return normal_page(look);
        case PageState::cms_error:
            return cms_error_page();
        case PageState::defaced:
            return defaced_page();
        case PageState::blank:
            return blank_page(look);
    }
    return normal_page(look);
}

}  // namespace sitewatch::demo
