// Revision naming (kmeta.ChildName, configuration/resources/revision.go).
#include "core/serving/revision_naming.hpp"

#include <algorithm>
#include <cstdio>

#include "core/serving/md5.hpp"

namespace knsim::core::serving {
namespace {

constexpr std::size_t kLongest = 63;
constexpr std::size_t kMd5Len = 32;
constexpr std::size_t kHead = kLongest - kMd5Len;  // 31: parent prefix kept before the hash

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string child_name(const std::string& parent, const std::string& suffix) {
  if (parent.size() + suffix.size() <= kLongest) {
    return parent + suffix;
  }
  if (kHead <= suffix.size()) {
    // The suffix alone leaves no room: hash parent+suffix, keep what fits, trim non-alphanumerics.
    std::string ret = parent.substr(0, std::min(parent.size(), kHead)) + md5_hex(parent + suffix);
    if (ret.size() < kLongest) ret += suffix.substr(0, kLongest - ret.size());
    while (!ret.empty() && !alnum(ret.back())) ret.pop_back();
    return ret;
  }
  return parent.substr(0, kHead - suffix.size()) + md5_hex(parent) + suffix;
}

std::string revision_name(const std::string& configuration_name, std::int64_t generation) {
  char suffix[32];
  std::snprintf(suffix, sizeof(suffix), "-%05lld", static_cast<long long>(generation));
  return child_name(configuration_name, suffix);
}

}  // namespace knsim::core::serving
