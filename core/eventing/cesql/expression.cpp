#include "core/eventing/cesql/expression.hpp"

#include "core/eventing/cesql/functions.hpp"

namespace knsim::core::eventing::cesql {
namespace {

// Attribute value as CESQL sees it (sdk-go utils.GetAttribute); nullopt when missing.
std::optional<Value> get_attribute(const CloudEvent& e, const std::string& name) {
  auto opt = [](const std::optional<std::string>& v) -> std::optional<Value> {
    if (!v) return std::nullopt;
    return Value::string(*v);
  };
  if (name == "specversion") return Value::string(e.specversion);
  if (name == "id") return Value::string(e.id);
  if (name == "source") return Value::string(e.source);
  if (name == "type") return Value::string(e.type);
  if (name == "subject") return opt(e.subject);
  if (name == "time") return opt(e.time);
  if (name == "dataschema") return opt(e.dataschema);
  if (name == "datacontenttype") return opt(e.datacontenttype);
  const ExtensionValue* ext = e.extension(name);
  if (ext == nullptr) return std::nullopt;
  if (ext->kind == ExtensionKind::kBoolean) return Value::boolean(ext->boolean);
  if (ext->kind == ExtensionKind::kInteger && ext->integer >= INT32_MIN && ext->integer <= INT32_MAX) {
    return Value::integer(static_cast<std::int32_t>(ext->integer));
  }
  return Value::string(ext->text);
}

// EXISTS (sdk-go utils.ContainsAttribute): required attributes always, optional ones when set and
// non-empty, extensions when present.
bool contains_attribute(const CloudEvent& e, const std::string& name) {
  auto set = [](const std::optional<std::string>& v) { return v.has_value() && !v->empty(); };
  if (name == "specversion" || name == "id" || name == "source" || name == "type") return true;
  if (name == "subject") return set(e.subject);
  if (name == "time") return set(e.time);
  if (name == "dataschema") return set(e.dataschema);
  if (name == "datacontenttype") return set(e.datacontenttype);
  return e.extension(name) != nullptr;
}

// Go int32 arithmetic wraps (two's complement); computed in 64 bits and truncated.
std::int32_t wrap(std::int64_t v) { return static_cast<std::int32_t>(static_cast<std::uint32_t>(v)); }

class Evaluator {
 public:
  Evaluator(const CloudEvent& e, std::vector<EvalError>& errs) : event_(e), errors_(errs) {}

  Value eval(const Node& n) {
    switch (n.kind) {
      case NodeKind::kLiteral: return n.literal;
      case NodeKind::kIdentifier: {
        std::optional<Value> v = get_attribute(event_, n.name);
        if (v) return *v;
        errors_.push_back({ErrorKind::kMissingAttribute, "missing attribute '" + n.name + "'"});
        return Value::boolean(false);
      }
      case NodeKind::kNot: return Value::boolean(!cast(eval(*n.children[0]), Type::kBoolean, errors_).b);
      case NodeKind::kNegate: return Value::integer(wrap(-static_cast<std::int64_t>(as_int(*n.children[0]))));
      case NodeKind::kExists: return Value::boolean(contains_attribute(event_, n.name));
      case NodeKind::kLike: {
        Value v = cast(eval(*n.children[0]), Type::kString, errors_);
        return Value::boolean(like_match(v.s, n.pattern) != n.negated);
      }
      case NodeKind::kIn: return Value::boolean(eval_in(n) != n.negated);
      case NodeKind::kFunction: return eval_function(n);
      case NodeKind::kBinary: return eval_binary(n);
    }
    return Value::boolean(false);
  }

 private:
  std::int32_t as_int(const Node& n) { return cast(eval(n), Type::kInteger, errors_).i; }

  bool eval_in(const Node& n) {
    Value left = eval(*n.children[0]);
    for (std::size_t k = 1; k < n.children.size(); ++k) {
      Value item = cast(eval(*n.children[k]), left.type, errors_);
      if (item == left) return true;
    }
    return false;
  }

  Value eval_function(const Node& n) {
    std::vector<Value> args;
    for (const auto& c : n.children) args.push_back(eval(*c));
    const Function* fn = resolve_function(n.name, args.size());
    if (fn == nullptr) {
      errors_.push_back({ErrorKind::kMissingFunction, "cannot resolve function " + n.name + " with " +
                                                           std::to_string(args.size()) + " argument(s)"});
      return Value::boolean(false);
    }
    for (std::size_t k = 0; k < args.size(); ++k) {
      if (auto t = fn->arg_type(k)) args[k] = cast(args[k], *t, errors_);
    }
    return fn->run(args, errors_);
  }

  Value eval_binary(const Node& n) {
    const Node& l = *n.children[0];
    const Node& r = *n.children[1];
    switch (n.op) {
      case BinaryOp::kAnd: {
        if (!cast(eval(l), Type::kBoolean, errors_).b) return Value::boolean(false);  // short-circuit
        return Value::boolean(cast(eval(r), Type::kBoolean, errors_).b);
      }
      case BinaryOp::kOr: {
        if (cast(eval(l), Type::kBoolean, errors_).b) return Value::boolean(true);  // short-circuit
        return Value::boolean(cast(eval(r), Type::kBoolean, errors_).b);
      }
      case BinaryOp::kXor: {
        bool a = cast(eval(l), Type::kBoolean, errors_).b;
        bool b = cast(eval(r), Type::kBoolean, errors_).b;
        return Value::boolean(a != b);
      }
      case BinaryOp::kEq:
      case BinaryOp::kNe: {
        // "=" is ambiguous: the left operand is cast to the right operand's type (§3.7).
        Value a = eval(l);
        Value b = eval(r);
        std::size_t before = errors_.size();
        Value ca = cast(a, b.type, errors_);
        if (errors_.size() != before) return Value::boolean(false);
        return Value::boolean((ca == b) == (n.op == BinaryOp::kEq));
      }
      default: break;
    }
    std::int64_t a = as_int(l);
    std::int64_t b = as_int(r);
    switch (n.op) {
      case BinaryOp::kLt: return Value::boolean(a < b);
      case BinaryOp::kLe: return Value::boolean(a <= b);
      case BinaryOp::kGt: return Value::boolean(a > b);
      case BinaryOp::kGe: return Value::boolean(a >= b);
      case BinaryOp::kAdd: return Value::integer(wrap(a + b));
      case BinaryOp::kSub: return Value::integer(wrap(a - b));
      case BinaryOp::kMul: return Value::integer(wrap(a * b));
      case BinaryOp::kDiv:
      case BinaryOp::kMod:
        if (b == 0) {
          errors_.push_back({ErrorKind::kMath, "math error: division by zero"});
          return Value::integer(0);
        }
        // Truncated division (C++ and Go agree); INT32_MIN / -1 wraps to INT32_MIN as in Go.
        return Value::integer(n.op == BinaryOp::kDiv ? wrap(a / b) : wrap(a % b));
      default: return Value::boolean(false);
    }
  }

  const CloudEvent& event_;
  std::vector<EvalError>& errors_;
};

const char* op_text(BinaryOp op) {
  static constexpr const char* kText[] = {"AND", "OR", "XOR", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"};
  return kText[static_cast<int>(op)];
}

std::string render(const Node& n) {
  switch (n.kind) {
    case NodeKind::kLiteral: return n.literal.debug_string();
    case NodeKind::kIdentifier: return n.name;
    case NodeKind::kNot: return "(NOT " + render(*n.children[0]) + ")";
    case NodeKind::kNegate: return "(-" + render(*n.children[0]) + ")";
    case NodeKind::kExists: return "(EXISTS " + n.name + ")";
    case NodeKind::kLike: return "(" + render(*n.children[0]) + (n.negated ? " NOT LIKE '" : " LIKE '") + n.pattern + "')";
    case NodeKind::kBinary:
      return "(" + render(*n.children[0]) + " " + op_text(n.op) + " " + render(*n.children[1]) + ")";
    case NodeKind::kIn:
    case NodeKind::kFunction: {
      std::string out = n.kind == NodeKind::kIn ? "(" + render(*n.children[0]) + (n.negated ? " NOT IN (" : " IN (")
                                                : n.name + "(";
      for (std::size_t k = n.kind == NodeKind::kIn ? 1 : 0; k < n.children.size(); ++k) {
        if (out.back() != '(') out += ", ";
        out += render(*n.children[k]);
      }
      return out + (n.kind == NodeKind::kIn ? "))" : ")");
    }
  }
  return "?";
}

}  // namespace

EvalResult Expression::evaluate(const CloudEvent& event) const {
  EvalResult r;
  if (!root_) {
    r.value = Value::boolean(false);
    r.errors.push_back({ErrorKind::kParse, "empty expression"});
    return r;
  }
  Evaluator ev(event, r.errors);
  r.value = ev.eval(*root_);
  return r;
}

std::string Expression::to_string() const { return root_ ? render(*root_) : ""; }

bool like_match(const std::string& text, const std::string& pattern) {
  // Tokenise: kind 0 literal byte, 1 '_' any byte, 2 '%' any sequence.
  std::vector<std::pair<int, char>> toks;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size() && (pattern[i + 1] == '%' || pattern[i + 1] == '_')) {
      toks.push_back({0, pattern[++i]});
    } else if (c == '%') {
      toks.push_back({2, c});
    } else if (c == '_') {
      toks.push_back({1, c});
    } else {
      toks.push_back({0, c});
    }
  }
  // dp[j]: pattern prefix of length j matches the text prefix consumed so far.
  std::vector<char> dp(toks.size() + 1, 0), nxt(toks.size() + 1, 0);
  dp[0] = 1;
  for (std::size_t j = 1; j <= toks.size(); ++j) dp[j] = dp[j - 1] && toks[j - 1].first == 2;
  for (char c : text) {
    nxt.assign(toks.size() + 1, 0);
    for (std::size_t j = 1; j <= toks.size(); ++j) {
      auto [kind, lit] = toks[j - 1];
      if (kind == 2) nxt[j] = nxt[j - 1] || dp[j];
      else nxt[j] = dp[j - 1] && (kind == 1 || lit == c);
    }
    dp.swap(nxt);
  }
  return dp[toks.size()] != 0;
}

}  // namespace knsim::core::eventing::cesql
