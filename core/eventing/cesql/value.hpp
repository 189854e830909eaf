#pragma once
// CESQL (CloudEvents SQL Expression Language v1) values, types, errors and implicit casts.
// Types: String, Integer (32-bit signed), Boolean (cesql/spec.md §3.1). Casting rules (§3.7 and the
// TCK casting_functions.yaml): String->Integer parses decimal int32, String->Boolean accepts
// "true"/"false" in any case, Boolean->Integer is 1/0, anything->String formats; implicit
// Integer->Boolean is undefined (only the explicit BOOL(x) maps x != 0). A failed cast yields the zero value of the target type and a Cast error.
#include <cstdint>
#include <string>
#include <vector>

namespace knsim::core::eventing::cesql {

enum class Type { kString, kInteger, kBoolean };

struct Value {
  Type type = Type::kBoolean;
  std::string s;
  std::int32_t i = 0;
  bool b = false;

  static Value string(std::string v);
  static Value integer(std::int32_t v);
  static Value boolean(bool v);
  static Value zero(Type t);
  bool operator==(const Value& o) const;
  std::string debug_string() const;  // 'abc', 12, true
};

enum class ErrorKind { kParse, kMath, kCast, kMissingAttribute, kMissingFunction, kFunctionEvaluation };

struct EvalError {
  ErrorKind kind;
  std::string message;
};

const char* type_name(Type t);
const char* error_kind_name(ErrorKind k);  // "parse", "math", "cast", "missingAttribute", ...

// Casts `v` to `target`; on failure appends a Cast error and returns the zero value of `target`.
Value cast(const Value& v, Type target, std::vector<EvalError>& errors);
// True when `v` casts to `target` without error (IS_INT, IS_BOOL).
bool can_cast(const Value& v, Type target);

}  // namespace knsim::core::eventing::cesql
