#include "core/eventing/cesql/value.hpp"

#include <charconv>

namespace knsim::core::eventing::cesql {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// strconv.Atoi restricted to int32: optional sign, decimal digits only.
bool parse_int32(const std::string& text, std::int32_t& out) {
  const char* b = text.data();
  const char* e = b + text.size();
  if (b != e && *b == '+') ++b;
  if (b == e) return false;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || p != e || v < INT32_MIN || v > INT32_MAX) return false;
  out = static_cast<std::int32_t>(v);
  return true;
}

}  // namespace

Value Value::string(std::string v) {
  Value x;
  x.type = Type::kString;
  x.s = std::move(v);
  return x;
}
Value Value::integer(std::int32_t v) {
  Value x;
  x.type = Type::kInteger;
  x.i = v;
  return x;
}
Value Value::boolean(bool v) {
  Value x;
  x.type = Type::kBoolean;
  x.b = v;
  return x;
}
Value Value::zero(Type t) {
  if (t == Type::kString) return string("");
  if (t == Type::kInteger) return integer(0);
  return boolean(false);
}

bool Value::operator==(const Value& o) const {
  if (type != o.type) return false;
  if (type == Type::kString) return s == o.s;
  if (type == Type::kInteger) return i == o.i;
  return b == o.b;
}

std::string Value::debug_string() const {
  if (type == Type::kString) return "'" + s + "'";
  if (type == Type::kInteger) return std::to_string(i);
  return b ? "true" : "false";
}

const char* type_name(Type t) {
  switch (t) {
    case Type::kString: return "String";
    case Type::kInteger: return "Integer";
    case Type::kBoolean: return "Boolean";
  }
  return "?";
}

const char* error_kind_name(ErrorKind k) {
  switch (k) {
    case ErrorKind::kParse: return "parse";
    case ErrorKind::kMath: return "math";
    case ErrorKind::kCast: return "cast";
    case ErrorKind::kMissingAttribute: return "missingAttribute";
    case ErrorKind::kMissingFunction: return "missingFunction";
    case ErrorKind::kFunctionEvaluation: return "functionEvaluation";
  }
  return "?";
}

Value cast(const Value& v, Type target, std::vector<EvalError>& errors) {
  if (v.type == target) return v;
  switch (target) {
    case Type::kString:
      return Value::string(v.type == Type::kInteger ? std::to_string(v.i) : (v.b ? "true" : "false"));
    case Type::kInteger:
      if (v.type == Type::kBoolean) return Value::integer(v.b ? 1 : 0);
      {
        std::int32_t out = 0;
        if (parse_int32(v.s, out)) return Value::integer(out);
      }
      errors.push_back({ErrorKind::kCast, "cannot cast from String to Integer: '" + v.s + "'"});
      return Value::integer(0);
    case Type::kBoolean:
      if (v.type == Type::kInteger) {  // implicit Integer->Boolean is undefined (TCK "NOT 10")
        errors.push_back({ErrorKind::kCast, "undefined cast from Integer to Boolean"});
        return Value::boolean(false);
      }
      {
        std::string l = lower(v.s);
        if (l == "true") return Value::boolean(true);
        if (l == "false") return Value::boolean(false);
      }
      errors.push_back({ErrorKind::kCast, "cannot cast String to Boolean, actual value: " + v.s});
      return Value::boolean(false);
  }
  return v;
}

bool can_cast(const Value& v, Type target) {
  std::vector<EvalError> errs;
  cast(v, target, errs);
  return errs.empty();
}

}  // namespace knsim::core::eventing::cesql
