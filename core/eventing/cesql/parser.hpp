#pragma once
// CESQL parser: builds an Expression from text with the precedence of sdk-go's CESQLParser.g4
// (ANTLR: earlier alternatives bind tighter):
//   primary:  function call NAME(args) | NOT e | - e | EXISTS identifier | ( e ) | literal | identifier
//             (NOT and unary minus apply to a primary only: NOT a = b is (NOT a) = b)
//   postfix:  e [NOT] LIKE 'pattern'   (tightest binary)
//             e [NOT] IN (e, ...)
//   binary:   * / %   >   + -   >   = != <> < <= > >=   >   AND OR XOR (one level, right-assoc.)
// so "a = 1 AND b = 2 OR c = 3" is "(a = 1) AND ((b = 2) OR (c = 3))".
// Limits (bad input must not exhaust the stack): 1000 levels of nesting, 4096 tokens.
// Functions are resolved at evaluation time (an unknown one is a missingFunction evaluation error,
// as in sdk-go), so they parse whatever their name.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/eventing/cesql/expression.hpp"

namespace knsim::core::eventing::cesql {

struct ParseError {
  std::size_t position = 0;  // 0-based byte offset
  std::size_t column = 1;    // 1-based column (expressions are one line; newlines count as chars)
  std::string message;
};

struct ParseResult {
  std::optional<Expression> expression;  // set iff errors is empty
  std::vector<ParseError> errors;
  bool ok() const { return errors.empty(); }
  // "1:5: mismatched input ..." for the first error, "" if none.
  std::string first_error() const;
};

ParseResult parse(std::string_view text);

// Convenience: parse + evaluate; a parse error is reported as one kParse error.
EvalResult evaluate(std::string_view text, const CloudEvent& event);

}  // namespace knsim::core::eventing::cesql
