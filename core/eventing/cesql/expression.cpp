#include "core/eventing/cesql/expression.hpp"

#include "core/eventing/cesql/functions.hpp"

namespace knsim::core::eventing::cesql {
namespace {

// Attribute value as CESQL sees it (sdk-go utils.GetAttribute); nullopt when missing.
std::optional<Value> get_attribute(const CloudEvent& e, const std::string& name) {
  // An absent optional attribute reads as "" without error (TCK context_attributes_access).
  auto opt = [](const std::optional<std::string>& v) -> std::optional<Value> { return Value::string(v.value_or("")); };
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

  // Error rule (sdk-go sql/v2, CESQL TCK): when evaluating an operand raised an error, the operator
  // returns its zero value (false / 0 / "") without computing; a failed implicit cast of a value
  // that evaluated fine also yields the zero value, except for NOT, which negates the zero value
  // (TCK: "NOT 10" is true with a cast error).
  Value eval(const Node& n) {
    switch (n.kind) {
      case NodeKind::kLiteral: return n.literal;
      case NodeKind::kIdentifier: return eval_identifier(n);
      case NodeKind::kNot: {
        bool failed = false;
        Value v = operand(*n.children[0], failed);
        if (failed) return Value::boolean(false);
        return Value::boolean(!cast(v, Type::kBoolean, errors_).b);
      }
      case NodeKind::kNegate: {
        bool failed = false;
        std::int64_t v = int_operand(*n.children[0], failed);
        return Value::integer(failed ? 0 : wrap(-v));
      }
      case NodeKind::kExists: return Value::boolean(contains_attribute(event_, n.name));
      case NodeKind::kLike: {
        bool failed = false;
        Value v = operand(*n.children[0], failed);
        if (failed) return Value::boolean(false);
        return Value::boolean(like_match(cast(v, Type::kString, errors_).s, n.pattern) != n.negated);
      }
      case NodeKind::kIn: {
        bool failed = false;
        bool found = eval_in(n, failed);
        return Value::boolean(failed ? false : found != n.negated);
      }
      case NodeKind::kFunction: return eval_function(n);
      case NodeKind::kBinary: return eval_binary(n);
    }
    return Value::boolean(false);
  }

 private:
  Value eval_identifier(const Node& n) {
    std::optional<Value> v = get_attribute(event_, n.name);
    if (v) return *v;
    errors_.push_back({ErrorKind::kMissingAttribute, "missing attribute '" + n.name + "'"});
    return Value::boolean(false);
  }

  // Evaluates a child; `failed` is set when it raised an error.
  Value operand(const Node& n, bool& failed) {
    std::size_t before = errors_.size();
    Value v = eval(n);
    if (errors_.size() != before) failed = true;
    return v;
  }

  // A child cast to `t`; evaluation or cast errors set `failed`.
  Value typed_operand(const Node& n, Type t, bool& failed) {
    Value v = operand(n, failed);
    if (failed) return Value::zero(t);
    std::size_t before = errors_.size();
    Value c = cast(v, t, errors_);
    if (errors_.size() != before) failed = true;
    return c;
  }

  std::int64_t int_operand(const Node& n, bool& failed) { return typed_operand(n, Type::kInteger, failed).i; }

  bool eval_in(const Node& n, bool& failed) {
    Value left = operand(*n.children[0], failed);
    if (failed) return false;
    for (std::size_t k = 1; k < n.children.size(); ++k) {
      Value item = typed_operand(*n.children[k], left.type, failed);
      if (failed) return false;
      if (item == left) return true;
    }
    return false;
  }

  Value eval_function(const Node& n) {
    bool failed = false;
    std::vector<Value> args;
    for (const auto& c : n.children) args.push_back(operand(*c, failed));
    const Function* fn = resolve_function(n.name, args.size());
    if (fn == nullptr) {
      errors_.push_back({ErrorKind::kMissingFunction, "cannot resolve function " + n.name + " with " +
                                                           std::to_string(args.size()) + " argument(s)"});
      return Value::boolean(false);
    }
    if (failed) return Value::zero(fn->result);
    std::size_t before = errors_.size();
    for (std::size_t k = 0; k < args.size(); ++k) {
      if (auto t = fn->arg_type(k)) args[k] = cast(args[k], *t, errors_);
    }
    if (errors_.size() != before) return Value::zero(fn->result);
    return fn->run(args, errors_);
  }

  Value eval_logic(const Node& n) {
    bool failed = false;
    bool a = typed_operand(*n.children[0], Type::kBoolean, failed).b;
    if (failed) return Value::boolean(false);
    if (n.op == BinaryOp::kAnd && !a) return Value::boolean(false);  // short-circuit
    if (n.op == BinaryOp::kOr && a) return Value::boolean(true);     // short-circuit
    bool b = typed_operand(*n.children[1], Type::kBoolean, failed).b;
    if (failed) return Value::boolean(false);
    if (n.op == BinaryOp::kXor) return Value::boolean(a != b);
    return Value::boolean(b);
  }

  Value eval_binary(const Node& n) {
    if (n.op == BinaryOp::kAnd || n.op == BinaryOp::kOr || n.op == BinaryOp::kXor) return eval_logic(n);
    bool failed = false;
    if (n.op == BinaryOp::kEq || n.op == BinaryOp::kNe) {
      // "=" is ambiguous: the left operand is cast to the right operand's type (§3.7).
      Value a = operand(*n.children[0], failed);
      Value b = operand(*n.children[1], failed);
      if (failed) return Value::boolean(false);
      std::size_t before = errors_.size();
      Value ca = cast(a, b.type, errors_);
      if (errors_.size() != before) return Value::boolean(false);
      return Value::boolean((ca == b) == (n.op == BinaryOp::kEq));
    }
    std::int64_t a = int_operand(*n.children[0], failed);
    std::int64_t b = int_operand(*n.children[1], failed);
    bool comparison = n.op == BinaryOp::kLt || n.op == BinaryOp::kLe || n.op == BinaryOp::kGt || n.op == BinaryOp::kGe;
    if (failed) return comparison ? Value::boolean(false) : Value::integer(0);
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
