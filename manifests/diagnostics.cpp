#include "manifests/diagnostics.hpp"

#include <algorithm>
#include <map>

namespace knsim::manifests {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("<input>") : d.file;
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += ": ";
  if (d.severity == Severity::kWarning) out += "warning: ";
  if (!d.field.empty()) out += d.field + ": ";
  out += d.message;
  return out;
}

void Diagnostics::error(std::string file, int line, std::string field, std::string message) {
  add({std::move(file), line, std::move(field), std::move(message), Severity::kError});
}

void Diagnostics::warning(std::string file, int line, std::string field, std::string message) {
  add({std::move(file), line, std::move(field), std::move(message), Severity::kWarning});
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::kError) ++errors_;
  items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) add(d);
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::map<std::string, std::size_t> file_rank;  // first mention order
  for (const Diagnostic& d : items_) file_rank.emplace(d.file, file_rank.size());
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const std::size_t ra = file_rank.at(a.file), rb = file_rank.at(b.file);
    if (ra != rb) return ra < rb;
    return a.line < b.line;
  });
  return out;
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const Diagnostic& d : sorted()) out += format_diagnostic(d) + "\n";
  return out;
}

}  // namespace knsim::manifests
