#include "core/eventing/cesql/functions.hpp"

#include <array>

namespace knsim::core::eventing::cesql {
namespace {

constexpr auto kS = Type::kString;
constexpr auto kI = Type::kInteger;

void fail(std::vector<EvalError>& errors, const std::string& msg) {
  errors.push_back({ErrorKind::kFunctionEvaluation, msg});
}

Value abs_fn(const std::vector<Value>& a, std::vector<EvalError>& errors) {
  std::int32_t x = a[0].i;
  if (x == INT32_MIN) {  // |INT32_MIN| does not fit: INT32_MAX and a math error (spec §3.5.2)
    errors.push_back({ErrorKind::kMath, "math error: abs of -2147483648 overflows"});
    return Value::integer(INT32_MAX);
  }
  return Value::integer(x < 0 ? -x : x);
}

Value length_fn(const std::vector<Value>& a, std::vector<EvalError>&) {
  return Value::integer(static_cast<std::int32_t>(a[0].s.size()));
}

Value concat_fn(const std::vector<Value>& a, std::vector<EvalError>&) {
  std::string out;
  for (const Value& v : a) out += v.s;
  return Value::string(out);
}

Value concat_ws_fn(const std::vector<Value>& a, std::vector<EvalError>&) {
  std::string out;
  for (std::size_t k = 1; k < a.size(); ++k) out += (k > 1 ? a[0].s : "") + a[k].s;
  return Value::string(out);
}

Value lower_fn(const std::vector<Value>& a, std::vector<EvalError>&) {
  std::string s = a[0].s;
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return Value::string(s);
}

Value upper_fn(const std::vector<Value>& a, std::vector<EvalError>&) {
  std::string s = a[0].s;
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return Value::string(s);
}

Value trim_fn(const std::vector<Value>& a, std::vector<EvalError>&) {
  const std::string ws = " \t\n\r\v\f";
  std::size_t b = a[0].s.find_first_not_of(ws);
  if (b == std::string::npos) return Value::string("");
  std::size_t e = a[0].s.find_last_not_of(ws);
  return Value::string(a[0].s.substr(b, e - b + 1));
}

Value left_right(const std::vector<Value>& a, std::vector<EvalError>& errors, bool left) {
  const std::string& s = a[0].s;
  std::int32_t y = a[1].i;
  if (y < 0) {
    fail(errors, std::string(left ? "LEFT" : "RIGHT") + " y argument is < 0: " + std::to_string(y));
    return Value::string(s);
  }
  if (static_cast<std::size_t>(y) >= s.size()) return Value::string(s);
  return Value::string(left ? s.substr(0, y) : s.substr(s.size() - y));
}
Value left_fn(const std::vector<Value>& a, std::vector<EvalError>& e) { return left_right(a, e, true); }
Value right_fn(const std::vector<Value>& a, std::vector<EvalError>& e) { return left_right(a, e, false); }

Value substring_impl(const std::vector<Value>& a, std::vector<EvalError>& errors, bool with_length) {
  const std::string& s = a[0].s;
  std::int64_t len = static_cast<std::int64_t>(s.size());
  std::int64_t pos = a[1].i;
  if (pos == 0) return Value::string("");
  if (pos < -len || pos > len) {
    fail(errors, "SUBSTRING invalid pos argument: " + std::to_string(pos));
    return Value::string("");
  }
  std::int64_t begin = pos < 0 ? len + pos : pos - 1;
  std::int64_t end = len;
  if (with_length) {
    std::int64_t n = a[2].i;
    if (n < 0) {
      fail(errors, "SUBSTRING invalid len argument: " + std::to_string(n));
      return Value::string("");
    }
    end = begin + n < len ? begin + n : len;
  }
  return Value::string(s.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)));
}
Value substring2_fn(const std::vector<Value>& a, std::vector<EvalError>& e) { return substring_impl(a, e, false); }
Value substring3_fn(const std::vector<Value>& a, std::vector<EvalError>& e) { return substring_impl(a, e, true); }

Value int_fn(const std::vector<Value>& a, std::vector<EvalError>& e) { return cast(a[0], Type::kInteger, e); }
Value bool_fn(const std::vector<Value>& a, std::vector<EvalError>& e) {
  if (a[0].type == Type::kInteger) return Value::boolean(a[0].i != 0);  // explicit cast only (TCK)
  return cast(a[0], Type::kBoolean, e);
}
Value string_fn(const std::vector<Value>& a, std::vector<EvalError>& e) { return cast(a[0], Type::kString, e); }
Value is_int_fn(const std::vector<Value>& a, std::vector<EvalError>&) { return Value::boolean(can_cast(a[0], Type::kInteger)); }
Value is_bool_fn(const std::vector<Value>& a, std::vector<EvalError>&) { return Value::boolean(can_cast(a[0], Type::kBoolean)); }

const std::array<Function, 16>& builtins() {
  static const std::array<Function, 16> kBuiltins = {{
      {"ABS", {kI}, std::nullopt, false, kI, abs_fn},
      {"LENGTH", {kS}, std::nullopt, false, kI, length_fn},
      {"CONCAT", {}, kS, true, kS, concat_fn},
      {"CONCAT_WS", {kS}, kS, true, kS, concat_ws_fn},
      {"LOWER", {kS}, std::nullopt, false, kS, lower_fn},
      {"UPPER", {kS}, std::nullopt, false, kS, upper_fn},
      {"TRIM", {kS}, std::nullopt, false, kS, trim_fn},
      {"LEFT", {kS, kI}, std::nullopt, false, kS, left_fn},
      {"RIGHT", {kS, kI}, std::nullopt, false, kS, right_fn},
      {"SUBSTRING", {kS, kI}, std::nullopt, false, kS, substring2_fn},
      {"SUBSTRING", {kS, kI, kI}, std::nullopt, false, kS, substring3_fn},
      {"INT", {std::nullopt}, std::nullopt, false, Type::kInteger, int_fn},
      {"BOOL", {std::nullopt}, std::nullopt, false, Type::kBoolean, bool_fn},
      {"STRING", {std::nullopt}, std::nullopt, false, kS, string_fn},
      {"IS_INT", {std::nullopt}, std::nullopt, false, Type::kBoolean, is_int_fn},
      {"IS_BOOL", {std::nullopt}, std::nullopt, false, Type::kBoolean, is_bool_fn},
  }};
  return kBuiltins;
}

}  // namespace

const Function* resolve_function(const std::string& upper_name, std::size_t arity) {
  const Function* variadic = nullptr;
  for (const Function& f : builtins()) {
    if (f.name != upper_name) continue;
    if (!f.is_variadic && f.fixed_args.size() == arity) return &f;  // exact arity wins
    if (f.is_variadic && arity >= f.fixed_args.size()) variadic = &f;
  }
  return variadic;
}

}  // namespace knsim::core::eventing::cesql
