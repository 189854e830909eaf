#pragma once
// The CESQL built-in functions (cesql/spec.md §3.5, sdk-go sql/v2/function/*.go), resolved by
// upper-cased name and arity at evaluation time:
//   ABS(Integer)                       INT(x) BOOL(x) STRING(x)   explicit casts (BOOL(int) is x != 0)
//   LENGTH(String)                     IS_INT(x) IS_BOOL(x)       true when the cast would succeed
//   CONCAT(String...)                  CONCAT_WS(sep, String...)
//   LOWER, UPPER, TRIM (String)        LEFT(s, n), RIGHT(s, n)    n < 0: s and an error
//   SUBSTRING(s, pos), SUBSTRING(s, pos, len): 1-based pos, negative counts from the end, 0 -> "";
//   |pos| > LENGTH(s) or len < 0 -> "" and an error.
// Lengths and offsets count bytes (as sdk-go does).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/eventing/cesql/value.hpp"

namespace knsim::core::eventing::cesql {

struct Function {
  std::string name;
  std::vector<std::optional<Type>> fixed_args;  // nullopt = Any (no cast)
  std::optional<Type> variadic;                 // type of extra args, if variadic
  bool is_variadic = false;
  Type result = Type::kString;  // return type (its zero value is returned when arguments fail)
  Value (*fn)(const std::vector<Value>& args, std::vector<EvalError>& errors) = nullptr;

  std::optional<Type> arg_type(std::size_t i) const {
    return i < fixed_args.size() ? fixed_args[i] : variadic;
  }
  Value run(const std::vector<Value>& args, std::vector<EvalError>& errors) const { return fn(args, errors); }
};

// nullptr when no built-in has this name and arity.
const Function* resolve_function(const std::string& upper_name, std::size_t arity);

}  // namespace knsim::core::eventing::cesql
