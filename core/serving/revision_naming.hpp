#pragma once
// Revision names (pkg/reconciler/configuration/resources/revision.go, knative.dev/pkg kmeta.ChildName).
//
//   revision_name("hello", 3) == "hello-00003"
//   a configuration name longer than 57 characters is cut to 25 characters followed by the 32-hex MD5
//   of the whole name, then the suffix, so the result is exactly 63 characters.
#include <cstdint>
#include <string>

namespace knsim::core::serving {

// kmeta.ChildName(parent, suffix).
std::string child_name(const std::string& parent, const std::string& suffix);
// "<configuration>-<generation zero-padded to 5 digits>" through child_name.
std::string revision_name(const std::string& configuration_name, std::int64_t generation);

}  // namespace knsim::core::serving
