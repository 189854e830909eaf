#pragma once
// CESQL lexer, reproducing the ANTLR lexer of cloudevents/sdk-go sql/v2 (CESQLLexer.g4) run over an
// upper-cased character stream (keywords are case-insensitive, token text keeps the user's case):
//   - whitespace [ \t\r\n] skipped;
//   - longest match wins, ties go to the rule defined first: keywords (AND OR XOR NOT LIKE EXISTS IN
//     TRUE FALSE) > INTEGER_LITERAL [+-]?[0-9]+ > IDENTIFIER [a-zA-Z]+ > IDENTIFIER_WITH_NUMBER
//     [a-zA-Z0-9]+ > FUNCTION_IDENTIFIER_WITH_UNDERSCORE [A-Z][A-Z_]*;
//   - strings: '...' or "..." where a backslash escapes the next character and a doubled quote
//     stands for itself.
// Consequence kept on purpose (it is what Knative accepts): "-5" and "+5" are integer literals, so
// "x-5" lexes as `x` `-5` and does not parse; write "x - 5".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace knsim::core::eventing::cesql {

enum class TokenKind {
  kLParen, kRParen, kComma,
  kAnd, kOr, kXor, kNot,
  kStar, kDivide, kModule, kPlus, kMinus,
  kEqual, kNotEqual, kGreater, kGreaterOrEqual, kLess, kLessGreater, kLessOrEqual,
  kLike, kExists, kIn, kTrue, kFalse,
  kDquotedString, kSquotedString, kInteger,
  kIdentifier, kIdentifierWithNumber, kFunctionIdentifierWithUnderscore,
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;          // exactly as written (strings keep their quotes)
  std::size_t position = 0;  // 0-based byte offset in the expression
};

struct LexError {
  std::size_t position = 0;
  std::string message;
};

struct LexResult {
  std::vector<Token> tokens;  // always ends with kEnd
  std::vector<LexError> errors;
};

LexResult lex(std::string_view text);
const char* token_kind_name(TokenKind k);

}  // namespace knsim::core::eventing::cesql
