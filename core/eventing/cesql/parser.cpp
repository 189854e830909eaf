#include "core/eventing/cesql/parser.hpp"

#include <charconv>

#include "core/eventing/cesql/lexer.hpp"

namespace knsim::core::eventing::cesql {
namespace {

using NodePtr = std::shared_ptr<const Node>;

// Binding power of the binary/postfix alternatives (higher binds tighter); prefix operands parse
// at kPrefixOperand, above every binary operator.
constexpr int kLogic = 1, kComparison = 2, kAdditive = 3, kMultiplicative = 4, kIn = 5, kLike = 6;
constexpr int kPrefixOperand = 7;

std::string upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return s;
}
std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// Strips the quotes; "\<quote>" and a doubled quote stand for the quote; other escapes stay
// verbatim (so LIKE still sees "\%").
std::string unquote(const std::string& raw) {
  char q = raw.front();
  std::string body = raw.substr(1, raw.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size()) {
      if (body[i + 1] == q) {
        out += q;
      } else {
        out += body[i];
        out += body[i + 1];
      }
      ++i;
    } else if (body[i] == q && i + 1 < body.size() && body[i + 1] == q) {
      out += q;
      ++i;
    } else {
      out += body[i];
    }
  }
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

  NodePtr parse_all() {
    NodePtr root = parse_expr(kLogic);
    if (errors_.empty() && peek().kind != TokenKind::kEnd) error_at(peek(), "extraneous input '" + peek().text + "' expecting <EOF>");
    return root;
  }
  std::vector<ParseError>& errors() { return errors_; }

 private:
  const Token& peek(std::size_t ahead = 0) const {
    std::size_t j = i_ + ahead;
    return j < toks_.size() ? toks_[j] : toks_.back();
  }
  const Token& next() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
  bool failed() const { return !errors_.empty(); }

  NodePtr error_at(const Token& t, const std::string& msg) {
    if (errors_.empty()) errors_.push_back({t.position, t.position + 1, msg});
    return std::make_shared<Node>();
  }
  NodePtr mismatched(const Token& t, const std::string& expecting) {
    return error_at(t, "mismatched input '" + t.text + "' expecting " + expecting);
  }

  static int binary_precedence(TokenKind k) {
    switch (k) {
      case TokenKind::kLike: return kLike;
      case TokenKind::kIn: return kIn;
      case TokenKind::kStar: case TokenKind::kDivide: case TokenKind::kModule: return kMultiplicative;
      case TokenKind::kPlus: case TokenKind::kMinus: return kAdditive;
      case TokenKind::kEqual: case TokenKind::kNotEqual: case TokenKind::kLessGreater: case TokenKind::kLess:
      case TokenKind::kLessOrEqual: case TokenKind::kGreater: case TokenKind::kGreaterOrEqual: return kComparison;
      case TokenKind::kAnd: case TokenKind::kOr: case TokenKind::kXor: return kLogic;
      default: return 0;
    }
  }

  static BinaryOp binary_op(TokenKind k) {
    switch (k) {
      case TokenKind::kStar: return BinaryOp::kMul;
      case TokenKind::kDivide: return BinaryOp::kDiv;
      case TokenKind::kModule: return BinaryOp::kMod;
      case TokenKind::kPlus: return BinaryOp::kAdd;
      case TokenKind::kMinus: return BinaryOp::kSub;
      case TokenKind::kEqual: return BinaryOp::kEq;
      case TokenKind::kNotEqual: case TokenKind::kLessGreater: return BinaryOp::kNe;
      case TokenKind::kLess: return BinaryOp::kLt;
      case TokenKind::kLessOrEqual: return BinaryOp::kLe;
      case TokenKind::kGreater: return BinaryOp::kGt;
      case TokenKind::kGreaterOrEqual: return BinaryOp::kGe;
      case TokenKind::kAnd: return BinaryOp::kAnd;
      case TokenKind::kOr: return BinaryOp::kOr;
      default: return BinaryOp::kXor;
    }
  }

  NodePtr parse_expr(int min_prec) {
    // Bad input never overflows the stack: nesting is bounded (real filters nest a few levels).
    if (++depth_ > kMaxDepth) return error_at(peek(), "expression nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    struct Leave {
      int& d;
      ~Leave() { --d; }
    } leave{depth_};
    NodePtr lhs = parse_primary();
    while (!failed()) {
      const Token& t = peek();
      bool negated = t.kind == TokenKind::kNot &&
                     (peek(1).kind == TokenKind::kLike || peek(1).kind == TokenKind::kIn);
      int prec = binary_precedence(negated ? peek(1).kind : t.kind);
      if (prec == 0 || prec < min_prec) break;
      if (negated) next();
      const Token& op = next();
      auto node = std::make_shared<Node>();
      node->position = lhs->position;
      node->negated = negated;
      node->children.push_back(lhs);
      if (op.kind == TokenKind::kLike) {
        const Token& pat = next();
        if (pat.kind != TokenKind::kSquotedString && pat.kind != TokenKind::kDquotedString) return mismatched(pat, "a string literal");
        node->kind = NodeKind::kLike;
        node->pattern = unquote(pat.text);
      } else if (op.kind == TokenKind::kIn) {
        node->kind = NodeKind::kIn;
        if (!parse_list(*node, false)) return lhs;
      } else {
        node->kind = NodeKind::kBinary;
        node->op = binary_op(op.kind);
        // AND/OR/XOR are right-associative (<assoc=right>); the others left-associative.
        node->children.push_back(parse_expr(prec == kLogic ? prec : prec + 1));
      }
      lhs = node;
    }
    return lhs;
  }

  // "(" e ("," e)* ")" appended to node.children; allow_empty for function argument lists.
  bool parse_list(Node& node, bool allow_empty) {
    if (peek().kind != TokenKind::kLParen) {
      mismatched(peek(), "'('");
      return false;
    }
    next();
    if (allow_empty && peek().kind == TokenKind::kRParen) {
      next();
      return true;
    }
    while (!failed()) {
      node.children.push_back(parse_expr(kLogic));
      if (failed()) return false;
      const Token& t = next();
      if (t.kind == TokenKind::kRParen) return true;
      if (t.kind != TokenKind::kComma) {
        mismatched(t, "{',', ')'}");
        return false;
      }
    }
    return false;
  }

  NodePtr parse_primary() {
    const Token& t = next();
    auto node = std::make_shared<Node>();
    node->position = t.position;
    switch (t.kind) {
      case TokenKind::kIdentifier:
      case TokenKind::kFunctionIdentifierWithUnderscore:
        if (peek().kind == TokenKind::kLParen) {
          node->kind = NodeKind::kFunction;
          node->name = upper(t.text);
          parse_list(*node, true);
          return node;
        }
        if (t.kind == TokenKind::kFunctionIdentifierWithUnderscore) return mismatched(peek(), "'('");
        [[fallthrough]];
      case TokenKind::kIdentifierWithNumber:
        node->kind = NodeKind::kIdentifier;
        node->name = lower(t.text);
        return node;
      case TokenKind::kTrue:
      case TokenKind::kFalse:
        node->literal = Value::boolean(t.kind == TokenKind::kTrue);
        return node;
      case TokenKind::kInteger: return integer_literal(t, node);
      case TokenKind::kSquotedString:
      case TokenKind::kDquotedString:
        node->literal = Value::string(unquote(t.text));
        return node;
      case TokenKind::kNot:
      case TokenKind::kMinus:
        node->kind = t.kind == TokenKind::kNot ? NodeKind::kNot : NodeKind::kNegate;
        node->children.push_back(parse_expr(kPrefixOperand));
        return node;
      case TokenKind::kExists: {
        const Token& id = next();
        if (id.kind != TokenKind::kIdentifier && id.kind != TokenKind::kIdentifierWithNumber) return mismatched(id, "an identifier");
        node->kind = NodeKind::kExists;
        node->name = lower(id.text);
        return node;
      }
      case TokenKind::kLParen: {
        NodePtr inner = parse_expr(kLogic);
        if (failed()) return inner;
        const Token& close = next();
        if (close.kind != TokenKind::kRParen) return mismatched(close, "')'");
        return inner;
      }
      default:
        return mismatched(t, "an expression");
    }
  }

  NodePtr integer_literal(const Token& t, const std::shared_ptr<Node>& node) {
    const char* b = t.text.data();
    const char* e = b + t.text.size();
    if (*b == '+') ++b;
    long long v = 0;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e || v < INT32_MIN || v > INT32_MAX) {
      return error_at(t, "integer literal out of 32-bit range: " + t.text);
    }
    node->literal = Value::integer(static_cast<std::int32_t>(v));
    return node;
  }

  static constexpr int kMaxDepth = 1000;
  std::vector<Token> toks_;
  std::size_t i_ = 0;
  int depth_ = 0;
  std::vector<ParseError> errors_;
};

}  // namespace

std::string ParseResult::first_error() const {
  if (errors.empty()) return "";
  return "1:" + std::to_string(errors.front().column) + ": " + errors.front().message;
}

ParseResult parse(std::string_view text) {
  ParseResult out;
  LexResult lexed = lex(text);
  for (const LexError& e : lexed.errors) out.errors.push_back({e.position, e.position + 1, e.message});
  if (!out.errors.empty()) return out;
  // Bounds the tree's height (and so evaluation recursion) for left-deep chains like 1+1+1+...
  constexpr std::size_t kMaxTokens = 4096;
  if (lexed.tokens.size() > kMaxTokens) {
    const Token& t = lexed.tokens[kMaxTokens];
    out.errors.push_back({t.position, t.position + 1, "expression too long (more than " + std::to_string(kMaxTokens) + " tokens)"});
    return out;
  }
  Parser p(std::move(lexed.tokens));
  NodePtr root = p.parse_all();
  out.errors = std::move(p.errors());
  if (out.errors.empty()) out.expression = Expression(root, std::string(text));
  return out;
}

EvalResult evaluate(std::string_view text, const CloudEvent& event) {
  ParseResult parsed = parse(text);
  if (!parsed.ok()) {
    EvalResult r;
    r.value = Value::boolean(false);
    r.errors.push_back({ErrorKind::kParse, parsed.first_error()});
    return r;
  }
  return parsed.expression->evaluate(event);
}

}  // namespace knsim::core::eventing::cesql
