#pragma once
// Problems found while loading a scenario: every one is collected (loading never stops at the
// first), each naming the file, the 1-based line, the field path and a message, and printed as
//   hello.yaml:14: spec.traffic: traffic targets sum to 90, want 100
// Warnings (an unknown kind, a setting with no effect) do not make a scenario invalid.
#include <cstddef>
#include <string>
#include <vector>

namespace knsim::manifests {

enum class Severity { kError, kWarning };

struct Diagnostic {
  std::string file;     // as the user named it (joined with the folder they passed)
  int line = 0;         // 1-based; 0 = unknown (printed without a line)
  std::string field;    // field path inside the document, e.g. "spec.traffic[1].percent"; may be empty
  std::string message;  // Knative's wording where Knative has one
  Severity severity = Severity::kError;
};

// "file:line: field: message" (errors) or "file:line: warning: field: message".
std::string format_diagnostic(const Diagnostic& d);

class Diagnostics {
 public:
  void error(std::string file, int line, std::string field, std::string message);
  void warning(std::string file, int line, std::string field, std::string message);
  void add(Diagnostic d);
  void append(const Diagnostics& other);

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return items_.size() - errors_; }
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  // The diagnostics ordered for people: by the order files were first mentioned, then by line;
  // ties keep discovery order (stable). Deterministic for the same input.
  std::vector<Diagnostic> sorted() const;
  // Every diagnostic of sorted(), one formatted line each ending in '\n'.
  std::string to_string() const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

}  // namespace knsim::manifests
