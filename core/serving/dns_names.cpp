// Kubernetes name validation messages (k8s.io/apimachinery/pkg/util/validation).
#include "core/serving/dns_names.hpp"

namespace knsim::core::serving {
namespace {

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool alnum(char c) { return lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

const char* kDns1035Message =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
    "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const char* kDns1123Message =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
    "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const char* kQualifiedNameMessage =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

bool label_chars_ok(const std::string& v) {
  for (char c : v) {
    if (!lower_alnum(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> is_dns1035_label(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back("must be no more than 63 characters");
  const bool ok = !v.empty() && v.front() >= 'a' && v.front() <= 'z' && lower_alnum(v.back()) && label_chars_ok(v);
  if (!ok) errs.push_back(kDns1035Message);
  return errs;
}

std::vector<std::string> is_dns1123_label(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back("must be no more than 63 characters");
  const bool ok = !v.empty() && lower_alnum(v.front()) && lower_alnum(v.back()) && label_chars_ok(v);
  if (!ok) errs.push_back(kDns1123Message);
  return errs;
}

std::vector<std::string> is_qualified_name(const std::string& value) {
  std::vector<std::string> errs;
  std::string name = value;
  const auto slash = value.find('/');
  if (slash != std::string::npos) {
    const std::string prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) errs.push_back("prefix part must be non-empty");
  }
  if (name.empty()) {
    errs.push_back("name part must be non-empty");
    return errs;
  }
  if (name.size() > 63) errs.push_back("name part must be no more than 63 characters");
  bool ok = alnum(name.front()) && alnum(name.back());
  for (char c : name) ok = ok && (alnum(c) || c == '-' || c == '_' || c == '.');
  if (!ok) errs.push_back(kQualifiedNameMessage);
  return errs;
}

std::string go_string_slice(const std::vector<std::string>& items) {
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s += " ";
    s += items[i];
  }
  return s + "]";
}

}  // namespace knsim::core::serving
