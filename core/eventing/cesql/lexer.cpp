#include "core/eventing/cesql/lexer.hpp"

#include <array>
#include <utility>

namespace knsim::core::eventing::cesql {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || is_upper(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

constexpr std::array<std::pair<std::string_view, TokenKind>, 9> kKeywords = {{
    {"AND", TokenKind::kAnd}, {"OR", TokenKind::kOr}, {"XOR", TokenKind::kXor},
    {"NOT", TokenKind::kNot}, {"LIKE", TokenKind::kLike}, {"EXISTS", TokenKind::kExists},
    {"IN", TokenKind::kIn}, {"TRUE", TokenKind::kTrue}, {"FALSE", TokenKind::kFalse},
}};

// Word-like tokens starting at s[pos] (a letter or digit): longest match, first rule on ties.
Token lex_word(std::string_view s, std::size_t pos) {
  std::size_t alnum = 0, letters = 0, func = 0, digits = 0;
  while (pos + alnum < s.size() && (is_letter(s[pos + alnum]) || is_digit(s[pos + alnum]))) ++alnum;
  while (pos + letters < s.size() && is_letter(s[pos + letters])) ++letters;
  while (pos + digits < s.size() && is_digit(s[pos + digits])) ++digits;
  if (is_letter(s[pos])) {  // the upper-cased stream: letters, then letters or '_'
    func = 1;
    while (pos + func < s.size() && (is_letter(s[pos + func]) || s[pos + func] == '_')) ++func;
  }
  std::size_t best = alnum > func ? alnum : func;
  best = digits > best ? digits : best;
  Token t;
  t.position = pos;
  t.text = std::string(s.substr(pos, best));
  if (letters == best) {
    std::string up;
    for (char c : t.text) up += to_upper(c);
    for (const auto& [kw, kind] : kKeywords) {
      if (up == kw) {
        t.kind = kind;
        return t;
      }
    }
  }
  if (digits == best) t.kind = TokenKind::kInteger;
  else if (letters == best) t.kind = TokenKind::kIdentifier;
  else if (alnum == best) t.kind = TokenKind::kIdentifierWithNumber;
  else t.kind = TokenKind::kFunctionIdentifierWithUnderscore;
  return t;
}

// A quoted string starting at s[pos]; returns its length including quotes, 0 if unterminated.
std::size_t lex_string(std::string_view s, std::size_t pos) {
  char q = s[pos];
  std::size_t i = pos + 1;
  while (i < s.size()) {
    if (s[i] == '\\') {
      if (i + 1 >= s.size()) return 0;
      i += 2;
    } else if (s[i] == q) {
      if (i + 1 < s.size() && s[i + 1] == q) {
        i += 2;  // doubled quote
      } else {
        return i + 1 - pos;
      }
    } else {
      ++i;
    }
  }
  return 0;
}

bool lex_operator(std::string_view s, std::size_t pos, Token& t) {
  static constexpr std::array<std::pair<std::string_view, TokenKind>, 15> kOps = {{
      {"!=", TokenKind::kNotEqual}, {">=", TokenKind::kGreaterOrEqual}, {"<>", TokenKind::kLessGreater},
      {"<=", TokenKind::kLessOrEqual}, {"(", TokenKind::kLParen}, {")", TokenKind::kRParen},
      {",", TokenKind::kComma}, {"*", TokenKind::kStar}, {"/", TokenKind::kDivide},
      {"%", TokenKind::kModule}, {"+", TokenKind::kPlus}, {"-", TokenKind::kMinus},
      {"=", TokenKind::kEqual}, {">", TokenKind::kGreater}, {"<", TokenKind::kLess},
  }};
  for (const auto& [op, kind] : kOps) {
    if (s.substr(pos, op.size()) == op) {
      t = Token{kind, std::string(op), pos};
      return true;
    }
  }
  return false;
}

}  // namespace

LexResult lex(std::string_view s) {
  LexResult out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    char c = s[pos];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++pos;
      continue;
    }
    Token t;
    if (is_letter(c) || is_digit(c)) {
      t = lex_word(s, pos);
    } else if ((c == '+' || c == '-') && pos + 1 < s.size() && is_digit(s[pos + 1])) {
      std::size_t n = 1;
      while (pos + n < s.size() && is_digit(s[pos + n])) ++n;
      t = Token{TokenKind::kInteger, std::string(s.substr(pos, n)), pos};
    } else if (c == '\'' || c == '"') {
      std::size_t n = lex_string(s, pos);
      if (n == 0) {
        out.errors.push_back({pos, "token recognition error at: '" + std::string(s.substr(pos)) + "'"});
        break;
      }
      t = Token{c == '"' ? TokenKind::kDquotedString : TokenKind::kSquotedString, std::string(s.substr(pos, n)), pos};
    } else if (!lex_operator(s, pos, t)) {
      out.errors.push_back({pos, "token recognition error at: '" + std::string(1, c) + "'"});
      ++pos;
      continue;
    }
    pos += t.text.size();
    out.tokens.push_back(std::move(t));
  }
  out.tokens.push_back(Token{TokenKind::kEnd, "<EOF>", s.size()});
  return out;
}

const char* token_kind_name(TokenKind k) {
  static constexpr const char* kNames[] = {
      "'('", "')'", "','", "AND", "OR", "XOR", "NOT", "'*'", "'/'", "'%'", "'+'", "'-'",
      "'='", "'!='", "'>'", "'>='", "'<'", "'<>'", "'<='", "LIKE", "EXISTS", "IN", "TRUE", "FALSE",
      "double-quoted string", "single-quoted string", "integer", "identifier", "identifier",
      "function identifier", "<EOF>"};
  return kNames[static_cast<int>(k)];
}

}  // namespace knsim::core::eventing::cesql
