#include "monitor/config/secret_file.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sitewatch::config {

std::string read_secret_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw std::runtime_error("cannot read " + path);
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) throw std::runtime_error(path + " is empty");
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

}  // namespace sitewatch::config
