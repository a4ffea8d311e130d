#pragma once
// Secrets live in files (CONTRACT.md: api_token_file, auth_token_file, ...).
#include <string>

namespace sitewatch::config {

// The file's content without surrounding whitespace (a final newline is not part of the
// secret). Throws std::runtime_error naming the file when it cannot be read or is empty.
std::string read_secret_file(const std::string& path);

}  // namespace sitewatch::config
