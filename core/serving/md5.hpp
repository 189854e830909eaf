#pragma once
// MD5 (RFC 1321), only for Kubernetes-style child names (kmeta.ChildName hashes long parent
// names). Not for security.
#include <string>
#include <string_view>

namespace knsim::core::serving {

// Lower-case hex digest, e.g. md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72".
std::string md5_hex(std::string_view data);

}  // namespace knsim::core::serving
