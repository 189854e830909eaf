#pragma once
// Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation/validation.go), returning the
// messages Kubernetes returns (empty = valid).
#include <string>
#include <vector>

namespace knsim::core::serving {

// IsDNS1035Label: at most 63 characters of [a-z0-9-], starting with a letter, ending with a
// letter or digit.
std::vector<std::string> is_dns1035_label(const std::string& value);
// IsDNS1123Label: at most 63 characters of [a-z0-9-], starting and ending with a letter or digit.
std::vector<std::string> is_dns1123_label(const std::string& value);
// IsQualifiedName: [prefix/]name, name at most 63 characters of [A-Za-z0-9-_.], alphanumeric at both ends.
std::vector<std::string> is_qualified_name(const std::string& value);
// fmt.Sprint of a []string: "[a b]".
std::string go_string_slice(const std::vector<std::string>& items);

}  // namespace knsim::core::serving
