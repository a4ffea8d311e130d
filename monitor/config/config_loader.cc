#include "monitor/config/config_loader.h"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "monitor/config/detail/file_refs.h"
#include "monitor/config/detail/maintenance.h"
#include "monitor/config/detail/notifiers.h"
#include "monitor/config/detail/people.h"
#include "monitor/config/detail/sections.h"
#include "monitor/config/detail/site_keys.h"
#include "monitor/config/detail/value_checks.h"
#include "monitor/config/detail/yaml_document.h"
#include "monitor/config/detail/yaml_reader.h"

namespace sitewatch::config {

std::string ConfigError::to_string() const {
    return pos.file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
           message;
}

namespace {

namespace fs = std::filesystem;
using namespace detail;

// Far above any real fleet (10,000 sites is about 2 MiB) and far below trouble.
constexpr std::uintmax_t kMaxConfigBytes = 64u << 20;

class Loader {
public:
    explicit Loader(const std::string& path) : diag_(path), base_dir_(config_base_dir(path)) {
        config_.path = path;
    }

    LoadResult load(const std::string& text) {
        const YAML::Node root = parse_single_document(text, diag_);
        if (diag_.count() > 0) return finish();
        if (root.IsNull()) {
            diag_.error(SourcePos{diag_.file(), 1, 1},
                        "the config file is empty: it needs at least 'clients' with one site");
            return finish();
        }
        read_root(root);
        return finish();
    }

    LoadResult fail(std::string message) {
        diag_.error(SourcePos{diag_.file(), 1, 1}, std::move(message));
        return finish();
    }

private:
    LoadResult finish() {
        LoadResult result;
        result.errors = diag_.sorted();
        if (result.errors.empty()) result.config = std::move(config_);
        return result;
    }

    void read_root(const YAML::Node& root) {
        if (!root.IsMap()) {
            diag_.error(root,
                        "the top level must be a mapping of server, storage, defaults, "
                        "team, escalation, notifiers and clients, got " +
                            describe(root));
            return;
        }
        MapReader map(root, "", "at the top level", diag_);
        if (auto e = map.take("server")) read_server(*e, diag_, base_dir_, config_.server);
        // The default database sits next to the config too, whatever the working directory.
        config_.storage.sqlite = resolve_sqlite_path(config_.storage.sqlite, base_dir_);
        if (auto e = map.take("storage")) read_storage(*e, diag_, base_dir_, config_.storage);
        SiteLayer defaults;
        if (auto e = map.take("defaults")) {
            if (auto m = read_map(*e, diag_)) {
                defaults = read_site_keys(*m, SiteLevel::defaults, base_dir_);
                m->finish();
            }
        }
        if (auto e = map.take("team")) read_team(*e, diag_, config_.team);
        if (auto e = map.take("escalation")) read_escalation(*e, diag_, config_.escalation);
        if (auto e = map.take("notifiers")) read_notifiers(*e, diag_, base_dir_, config_.notifiers);
        if (auto e = map.take("clients")) {
            read_clients(*e, defaults);
        } else {
            diag_.error(root, "no 'clients': nothing to monitor");
        }
        map.hint("sites", "sites belong to a client: list them under 'clients[].sites'");
        for (const char* key :
             {"interval", "timeout", "tls", "headers", "expect", "keywords", "content", "confirm",
              "recover", "max_body", "max_redirects", "user_agent", "method"}) {
            map.hint(key, "'" + std::string(key) +
                              "' is a site setting: put it under 'defaults' to apply it to "
                              "every site");
        }
        map.finish();
    }

    void read_clients(const Entry& e, const SiteLayer& defaults) {
        auto items = read_list(e, diag_);
        if (!items) return;
        if (items->empty()) {
            diag_.error(e.value_pos(diag_), "'clients' is empty: nothing to monitor");
            return;
        }
        for (const auto& item : *items) {
            if (auto client = read_client(item, e, defaults)) {
                config_.clients.push_back(std::move(*client));
            }
        }
        if (diag_.count() == 0 && config_.sites().empty()) {
            diag_.error(e.key_node, "no client has any site: nothing to monitor");
        }
    }

    std::optional<ClientConfig> read_client(const YAML::Node& item, const Entry& list,
                                            const SiteLayer& defaults) {
        auto map = read_map_item(item, list, diag_, "in a client");
        if (!map) return std::nullopt;
        ClientConfig client;
        client.pos = diag_.pos(item);
        if (auto name = read_name(*map, item, "client")) {
            if (auto first = client_names_.add(name->first, name->second)) {
                diag_.error(name->second, "duplicate client name " + in_quotes(name->first) +
                                              " (first defined at line " +
                                              std::to_string(first->line) + ")");
            }
            client.name = name->first;
        }
        if (auto e = map->take("plan")) {
            if (auto v = read_choice(*e, diag_, {"micro", "basic", "standard", "enhanced"})) {
                client.plan = *v;
            }
        }
        if (auto e = map->take("tags")) {
            if (auto tags = read_string_list(*e, diag_)) {
                for (const auto& t : *tags) client.tags.push_back(t.text);
            }
        }
        if (auto e = map->take("contacts")) read_contacts(*e, diag_, client.contacts);
        // Extension: whether the client is told by sitewatch itself or the Strategist sends a
        // drafted update (the seeds have the Strategist do it, so "draft" is the default).
        if (auto e = map->take("client_updates")) {
            if (auto v = read_choice(*e, diag_, {"draft", "send"})) client.client_updates = *v;
        }
        if (auto e = map->take("team")) read_client_team(*e, diag_, config_.team, client.team);
        // Extension: maintenance windows of the whole client (issue 5 item 6).
        if (auto e = map->take("maintenance"))
            read_maintenance(*e, diag_, client.name, "", client.maintenance);
        const SiteLayer client_layer = read_site_keys(*map, SiteLevel::client, base_dir_);
        if (auto e = map->take("sites")) {
            if (auto sites = read_list(*e, diag_)) {
                for (const auto& site_item : *sites) {
                    if (auto site =
                            read_site(site_item, *e, client.name, {&defaults, &client_layer})) {
                        client.sites.push_back(std::move(*site));
                    }
                }
            }
        }
        map->finish();
        return client;
    }

    std::optional<SiteConfig> read_site(const YAML::Node& item, const Entry& list,
                                        const std::string& client,
                                        std::initializer_list<const SiteLayer*> inherited) {
        auto map = read_map_item(item, list, diag_, "in a site");
        if (!map) return std::nullopt;
        SiteConfig site;
        site.client = client;
        site.pos = diag_.pos(item);
        if (auto name = read_name(*map, item, "site")) {
            if (auto first = site_names_.add(name->first, name->second)) {
                diag_.error(name->second, "duplicate site name " + in_quotes(name->first) +
                                              " (first defined at line " +
                                              std::to_string(first->line) + ")");
            }
            site.name = name->first;
        }
        if (auto e = map->take("url")) {
            if (auto url = read_string(*e, diag_)) {
                if (auto problem = url_problem(*url, {"http", "https"})) {
                    diag_.error(e->value_pos(diag_),
                                "'url' " + *problem + ", got " + in_quotes(*url));
                } else {
                    site.url = *url;
                }
            }
        } else {
            diag_.error(
                item, "site " + (site.name.empty() ? std::string("") : in_quotes(site.name) + " ") +
                          "needs 'url'");
        }
        const SiteLayer own = read_site_keys(*map, SiteLevel::site, base_dir_);
        if (auto e = map->take("maintenance"))
            read_maintenance(*e, diag_, client, site.name, site.maintenance);
        map->finish();
        // Inheritance: built-in defaults, then `defaults`, then the client, then the site.
        for (const SiteLayer* layer : inherited) apply_layer(*layer, site);
        apply_layer(own, site);
        return site;
    }

    // The required, non-empty `name` of a client or site, with where it was written.
    std::optional<std::pair<std::string, SourcePos>> read_name(MapReader& map,
                                                               const YAML::Node& item,
                                                               const std::string& what) {
        auto e = map.take("name");
        if (!e) {
            diag_.error(item, what + " needs 'name'");
            return std::nullopt;
        }
        auto v = read_line(*e, diag_);
        if (!v) return std::nullopt;
        if (v->empty()) {
            diag_.error(e->value_pos(diag_), "'name' must not be empty");
            return std::nullopt;
        }
        return std::pair{*v, e->value_pos(diag_)};
    }

    Diagnostics diag_;
    fs::path base_dir_;
    Config config_;
    FirstSeen client_names_, site_names_;
};

// Runs `body`, turning anything it throws into an error: loading must never throw.
template <class Body>
LoadResult guarded(const std::string& path, Body body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return Loader(path).fail(std::string("cannot load the config: ") + e.what());
    } catch (...) {
        return Loader(path).fail("cannot load the config: unexpected error");
    }
}

}  // namespace

LoadResult load_config_string(const std::string& yaml_text, const std::string& path) {
    return guarded(path, [&] { return Loader(path).load(yaml_text); });
}

LoadResult load_config_file(const std::string& path) {
    return guarded(path, [&] {
        Loader loader(path);
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            const auto why = ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory);
            return loader.fail("cannot read the config file: " + why.message());
        }
        // A FIFO or a device such as /dev/zero would never end; only regular files are read.
        if (!fs::is_regular_file(status)) {
            return loader.fail("cannot read the config file: not a regular file");
        }
        if (fs::file_size(path, ec) > kMaxConfigBytes || ec) {
            return loader.fail("cannot read the config file: larger than 64 MiB");
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return loader.fail("cannot read the config file: " +
                               std::error_code(errno, std::generic_category()).message());
        }
        const std::string text{std::istreambuf_iterator<char>(in),
                               std::istreambuf_iterator<char>()};
        if (in.bad()) return loader.fail("cannot read the config file: read error");
        return loader.load(text);
    });
}

}  // namespace sitewatch::config
