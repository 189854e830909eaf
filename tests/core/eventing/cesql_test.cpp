// CESQL lexer/parser/evaluator, table-driven. Most rows transcribe the CloudEvents CESQL v1 TCK
// (cloudevents/spec cesql/cesql_tck/*.yaml, the suite sdk-go sql/v2 runs); the rest pin the
// grammar of sdk-go's CESQLParser.g4 (precedence, right-associative logic operators, the
// "-5 is a literal" lexer rule) and Knative's use (identifiers are lower-cased, keywords
// case-insensitive).
#include <gtest/gtest.h>

#include "core/eventing/cesql/lexer.hpp"
#include "core/eventing/cesql/parser.hpp"
#include "core/eventing/filter.hpp"

namespace knsim::core::eventing::cesql {
namespace {

struct Attr {
  const char* name;
  const char* value;
  char kind = 's';  // 's' string, 'i' integer, 'b' boolean extension
};

struct Case {
  const char* expression;
  const char* result;  // Value::debug_string(), or "" when the TCK leaves it open
  const char* error;   // error kind name, "" for none
  std::vector<Attr> event = {};
};

CloudEvent make_event(const std::vector<Attr>& attrs) {
  CloudEvent e;
  e.id = "myId";
  e.source = "localhost.localdomain";
  e.type = "myType";
  for (const Attr& a : attrs) {
    std::string n = a.name, v = a.value;
    if (n == "id") e.id = v;
    else if (n == "source") { e.source = v; }
    else if (n == "type") { e.type = v; }
    else if (n == "subject") { e.subject = v; }
    else if (n == "time") { e.time = v; }
    else if (a.kind == 'i') { e.set_extension(n, ExtensionValue::integer_value(std::stoll(v))); }
    else if (a.kind == 'b') { e.set_extension(n, ExtensionValue::boolean_value(v == std::string("true"))); }
    else e.set_extension(n, ExtensionValue::string(v));
  }
  return e;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> k = {
      // literals.yaml
      {"TRUE", "true", ""}, {"FALSE", "false", ""}, {"0", "0", ""}, {"1", "1", ""},
      {"'abc'", "'abc'", ""}, {"\"abc\"", "'abc'", ""}, {"'aBc'", "'aBc'", ""},
      {"'a\"b\\'c'", "'a\"b'c'", ""}, {"\"a'b\\\"c\"", "'a'b\"c'", ""},
      // binary_comparison_operators.yaml
      {"TRUE = FALSE", "false", ""}, {"FALSE = FALSE", "true", ""}, {"1 = 2", "false", ""}, {"2 = 2", "true", ""},
      {"'abc' = '123'", "false", ""}, {"'abc' = 'abc'", "true", ""}, {"missing = 2", "false", "missingAttribute"},
      {"TRUE != FALSE", "true", ""}, {"1 != 2", "true", ""}, {"'abc' != 'abc'", "false", ""},
      {"missing != 2", "false", "missingAttribute"}, {"TRUE <> FALSE", "true", ""}, {"2 <> 2", "false", ""},
      {"missing <> 2", "false", "missingAttribute"}, {"2 <= 2", "true", ""}, {"3 <= 2", "false", ""},
      {"1 < 2", "true", ""}, {"2 < 2", "false", ""}, {"2 >= 2", "true", ""}, {"2 >= 3", "false", ""},
      {"2 > 1", "true", ""}, {"2 > 2", "false", ""}, {"missing <= 2", "false", "missingAttribute"},
      {"true = 'TRUE'", "false", ""}, {"'TRUE' = true", "true", ""},
      // binary_logical_operators.yaml
      {"FALSE AND FALSE", "false", ""}, {"TRUE AND TRUE", "true", ""}, {"false and (1 != 1 / 0)", "false", ""},
      {"true and (1 != 1 / 0)", "false", "math"}, {"FALSE OR TRUE", "true", ""}, {"FALSE OR FALSE", "false", ""},
      {"true or (1 != 1 / 0)", "true", ""}, {"false or (1 != 1 / 0)", "false", "math"},
      {"FALSE XOR TRUE", "true", ""}, {"TRUE XOR TRUE", "false", ""},
      // binary_math_operators.yaml
      {"4 * 2 + 4 / 2", "10", ""}, {"4 * (2 + 4) / 2", "12", ""}, {"5 / 3", "1", ""}, {"5 / 0", "0", "math"},
      {"5 % 2", "1", ""}, {"5 % 0", "0", "math"}, {"missing / 0", "0", "missingAttribute"},
      {"missing % 0", "0", "missingAttribute"}, {"4 + 1", "5", ""}, {"-4 + 1", "-3", ""}, {"-4 + -1", "-5", ""},
      {"4 + -1", "3", ""}, {"4 - 1", "3", ""}, {"-4 - 1", "-5", ""}, {"'5' + 3", "8", ""}, {"5 + '3'", "8", ""},
      {"'5' + '3'", "8", ""}, {"5 + TRUE", "6", ""}, {"-7 / 2", "-3", ""}, {"-7 % 2", "-1", ""},
      {"'abc' + 1", "0", "cast"},
      // casting_functions.yaml
      {"INT('1')", "1", ""}, {"INT('-1')", "-1", ""}, {"INT(-1)", "-1", ""}, {"INT(TRUE)", "1", ""},
      {"INT(FALSE)", "0", ""}, {"INT('ABC')", "0", "cast"}, {"BOOL('TRUE')", "true", ""},
      {"BOOL(\"false\")", "false", ""}, {"BOOL(FALSE)", "false", ""}, {"BOOL('ABC')", "false", "cast"},
      {"BOOL(1)", "true", ""}, {"BOOL(0)", "false", ""}, {"BOOL(-50)", "true", ""}, {"STRING(TRUE)", "'true'", ""},
      {"STRING(-1)", "'-1'", ""}, {"STRING(\"abc\")", "'abc'", ""}, {"IS_INT('12')", "true", ""},
      {"IS_INT('x')", "false", ""}, {"IS_BOOL('false')", "true", ""}, {"IS_BOOL('no')", "false", ""},
      // integer_builtin_functions.yaml
      {"ABS(10)", "10", ""}, {"ABS(-10)", "10", ""}, {"ABS(0)", "0", ""}, {"ABS(-2147483648)", "2147483647", "math"},
      // string_builtin_functions.yaml
      {"LENGTH('abc')", "3", ""}, {"LENGTH('')", "0", ""}, {"LENGTH(TRUE)", "4", ""},
      {"CONCAT('a', 'b', 'c')", "'abc'", ""}, {"CONCAT()", "''", ""}, {"CONCAT('a')", "'a'", ""},
      {"CONCAT_WS(',', 'a', 'b', 'c')", "'a,b,c'", ""}, {"CONCAT_WS(',')", "''", ""}, {"CONCAT_WS(',', 'a')", "'a'", ""},
      {"CONCAT_WS()", "false", "missingFunction"}, {"LOWER('AbC')", "'abc'", ""}, {"UPPER('AbC')", "'ABC'", ""},
      {"TRIM('   a b c   ')", "'a b c'", ""}, {"TRIM('a b c   ')", "'a b c'", ""}, {"LEFT('abc', 2)", "'ab'", ""},
      {"LEFT('abc', 10)", "'abc'", ""}, {"LEFT('', 0)", "''", ""}, {"LEFT('abc', -2)", "'abc'", "functionEvaluation"},
      {"RIGHT('abc', 2)", "'bc'", ""}, {"RIGHT('abc', 10)", "'abc'", ""}, {"RIGHT('abc', -2)", "'abc'", "functionEvaluation"},
      {"SUBSTRING('abcdef', 1)", "'abcdef'", ""}, {"SUBSTRING('abcdef', 2)", "'bcdef'", ""},
      {"SUBSTRING('Quadratically', 5)", "'ratically'", ""}, {"SUBSTRING('Sakila', -3)", "'ila'", ""},
      {"SUBSTRING('abcdef', 1, 6)", "'abcdef'", ""}, {"SUBSTRING('abcdef', 2, 4)", "'bcde'", ""},
      {"SUBSTRING('Sakila', -5, 3)", "'aki'", ""}, {"SUBSTRING('Quadratically', 0)", "''", ""},
      {"SUBSTRING('Quadratically', 0, 1)", "''", ""}, {"SUBSTRING('abcdef', 10)", "''", "functionEvaluation"},
      {"SUBSTRING('abcdef', -10)", "''", "functionEvaluation"}, {"SUBSTRING('abcdef', -10, 10)", "''", "functionEvaluation"},
      {"lower('ABC')", "'abc'", ""}, {"NOSUCH(1)", "false", "missingFunction"}, {"LENGTH(missing)", "0", "missingAttribute"},
      // like_expression.yaml
      {"'abc' LIKE 'abc'", "true", ""}, {"'ab\\c' LIKE 'ab\\c'", "true", ""}, {"'abc' NOT LIKE 'abc'", "false", ""},
      {"'abc' LIKE 'a%b%c'", "true", ""}, {"'azzzbzzzc' LIKE 'a%b%c'", "true", ""}, {"'ac' LIKE 'abc'", "false", ""},
      {"'' LIKE 'abc'", "false", ""}, {"'.ab.cde.' LIKE '.%.%.'", "true", ""}, {"'ab.cde' LIKE '.%.%.'", "false", ""},
      {"'abc' LIKE 'a_b_c'", "false", ""}, {"'azbzc' LIKE 'a_b_c'", "true", ""}, {"'abcd.' LIKE '._._.'", "false", ""},
      {"'a_b_c' LIKE 'a\\_b\\_c'", "true", ""}, {"'azbzc' LIKE 'a\\_b\\_c'", "false", ""},
      {"'a%b%c' LIKE 'a\\%b\\%c'", "true", ""}, {"'abc' LIKE 'a\\%b\\%c'", "false", ""},
      {"myext LIKE 'abc%123\\%456\\_d_f'", "true", "", {{"myext", "abc123123%456_dzf"}}},
      {"myext NOT LIKE 'abc%123\\%456\\_d_f'", "false", "", {{"myext", "abc123123%456_dzf"}}},
      {"234 LIKE '23_'", "true", ""}, {"2344 LIKE '23_'", "false", ""}, {"TRUE LIKE 'tr%'", "true", ""},
      {"FALSE LIKE 'fal%'", "true", ""}, {"missing LIKE '%'", "false", "missingAttribute"},
      // negate_operator.yaml, not_operator.yaml, sub_expression.yaml
      {"-10", "-10", ""}, {"--10", "10", ""}, {"-'10'", "-10", ""}, {"--'10'", "10", ""}, {"-TRUE", "-1", ""},
      {"-missing", "0", "missingAttribute"}, {"NOT TRUE", "false", ""}, {"NOT 'FALSE'", "true", ""},
      {"NOT 10", "true", "cast"}, {"NOT missing", "false", "missingAttribute"}, {"(TRUE)", "true", ""},
      {"4 * (2 + 3)", "20", ""}, {"(2 + 3) * 4", "20", ""},
      // context_attributes_access.yaml
      {"id", "'myId'", ""}, {"subject", "'mySubject'", "", {{"subject", "mySubject"}}}, {"subject", "''", ""},
      {"mybool", "true", "", {{"mybool", "true", 'b'}}}, {"myint", "10", "", {{"myint", "10", 'i'}}},
      {"myext", "'my extension'", "", {{"myext", "my extension"}}},
      {"time", "'2018-04-26T14:48:09+02:00'", "", {{"time", "2018-04-26T14:48:09+02:00"}}},
      // spec_examples.yaml
      {"int(hop) < int(ttl) and int(hop) < 1000", "true", "", {{"hop", "5"}, {"ttl", "10"}}},
      {"hop < ttl", "true", "", {{"hop", "5"}, {"ttl", "10"}}}, {"sequence = 5", "true", "", {{"sequence", "5"}}},
      {"sequence = 5", "false", "", {{"sequence", "6"}}},
      {"firstname = 'Francesco' OR subject = 'Francesco'", "true", "", {{"subject", "Francesco"}, {"firstname", "Doug"}}},
      {"(firstname = 'Francesco' AND lastname = 'Guardiani') OR subject = 'Francesco Guardiani'", "true", "",
       {{"subject", "Francesco Guardiani"}, {"firstname", "Doug"}, {"lastname", "Davis"}}},
      {"EXISTS subject", "true", "", {{"subject", "Francesco Guardiani"}}}, {"EXISTS subject", "false", ""},
      {"EXISTS id", "true", ""}, {"EXISTS myext", "false", ""}, {"EXISTS myext", "true", "", {{"myext", "x"}}},
      // subscriptions_api_recreations.yaml
      {"source LIKE 'https://%'", "true", "", {{"source", "https://example.com"}}},
      {"myext LIKE 'custom%'", "", "missingAttribute"}, {"type like '%.error'", "true", "", {{"type", "com.github.error"}}},
      {"myext = 'customext'", "", "missingAttribute"},
      {"type LIKE 'example.%' AND myext LIKE 'custom%'", "", "missingAttribute", {{"type", "example.event.type"}}},
      {"id LIKE 'my%' OR myext LIKE '%ext'", "", "missingAttribute", {{"id", "notmyId"}}},
      {"id LIKE 'my%' OR myext LIKE '%ext'", "true", "", {{"id", "myId"}}},
      {"(id = 'myId' OR type LIKE '%.success') AND (id = 'notmyId' OR source LIKE 'https://%' OR type LIKE '%.warning')",
       "false", "", {{"id", "notmyId"}, {"type", "example.event.warning"}, {"source", "http://localhost.localdomain"}}},
      // IN (spec §3.4.5: the left operand's type is the target type)
      {"'a' IN ('a', 'b')", "true", ""}, {"'c' IN ('a', 'b')", "false", ""}, {"'c' NOT IN ('a', 'b')", "true", ""},
      {"5 IN ('5', 6)", "true", ""}, {"'5' IN (5)", "true", ""}, {"1 IN ('x')", "false", "cast"},
      {"missing IN (1)", "false", "missingAttribute"}, {"myint IN (9, 10)", "true", "", {{"myint", "10", 'i'}}},
      // Knative: integer extension compared numerically (filter test "knativebrokerttl < 30").
      {"knativebrokerttl < 30", "true", "", {{"knativebrokerttl", "20", 'i'}}},
      // Grammar: logic operators share one right-associative level; comparison binds tighter.
      {"FALSE AND FALSE OR TRUE", "false", ""}, {"TRUE OR FALSE AND FALSE", "true", ""},
      {"NOT FALSE AND FALSE", "false", ""}, {"1 + 2 * 3 = 7", "true", ""}, {"2147483647 + 1", "-2147483648", ""},
      {"Type = 'myType'", "true", ""}, {"type = 'mytype'", "false", ""},
  };
  return k;
}

TEST(Cesql, TableOfExpressions) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.expression);
    ParseResult p = parse(c.expression);
    ASSERT_TRUE(p.ok()) << p.first_error();
    EvalResult r = p.expression->evaluate(make_event(c.event));
    if (*c.result) { EXPECT_EQ(r.value.debug_string(), c.result) << p.expression->to_string(); }
    if (*c.error) {
      ASSERT_FALSE(r.errors.empty()) << "expected a " << c.error << " error";
      EXPECT_EQ(error_kind_name(r.errors.front().kind), std::string(c.error));
    } else {
      EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors.front().message);
    }
  }
}

TEST(Cesql, ParseTreeShape) {
  struct Shape {
    const char* text;
    const char* tree;
  };
  const Shape shapes[] = {
      {"a = 1 AND b = 2 OR c = 3", "((a = 1) AND ((b = 2) OR (c = 3)))"},
      {"NOT a = b", "((NOT a) = b)"},
      {"-a * b", "((-a) * b)"},
      {"a + b LIKE 'x%'", "(a + (b LIKE 'x%'))"},
      {"x NOT IN (1, 'y') XOR EXISTS z", "((x NOT IN (1, 'y')) XOR (EXISTS z))"},
      {"1 - 2 - 3", "((1 - 2) - 3)"},
      {"concat_ws('-', A, b)", "CONCAT_WS('-', a, b)"},
      {"f()", "F()"},
  };
  for (const Shape& s : shapes) {
    ParseResult p = parse(s.text);
    ASSERT_TRUE(p.ok()) << s.text << ": " << p.first_error();
    EXPECT_EQ(p.expression->to_string(), s.tree) << s.text;
  }
}

TEST(Cesql, ParseErrorsCarryPosition) {
  struct Bad {
    const char* text;
    std::size_t column;
  };
  const Bad bad[] = {
      {"", 1},                // nothing to parse
      {"a =", 4},             // missing right operand at <EOF>
      {"x-5", 2},             // "-5" lexes as a literal: extraneous input
      {"'unterminated", 1},   // token recognition error
      {"a = 1)", 6},          // extraneous ')'
      {"a LIKE b", 8},        // LIKE needs a string literal
      {"a IN ()", 7},         // empty sets are not allowed
      {"my_ext = 1", 8},      // underscore names are functions only: "(" expected
      {"a @ b", 3},           // unknown character
      {"2147483648", 1},      // literal out of 32-bit range
      {"EXISTS 'a'", 8},      // EXISTS takes an identifier
      {"(a = 1", 7},          // missing ')'
  };
  for (const Bad& b : bad) {
    ParseResult p = parse(b.text);
    ASSERT_FALSE(p.ok()) << "'" << b.text << "' should not parse";
    EXPECT_EQ(p.errors.front().column, b.column) << b.text << ": " << p.first_error();
  }
}

TEST(Cesql, HostileInputIsAnErrorNotACrash) {
  std::string deep(100000, '(');
  EXPECT_FALSE(parse(deep + "1" + std::string(100000, ')')).ok());
  std::string chain = "1";
  for (int i = 0; i < 50000; ++i) chain += " + 1";
  ParseResult p = parse(chain);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.first_error().find("too long"), std::string::npos);
  std::string ands = "TRUE";
  for (int i = 0; i < 2000; ++i) ands += " AND TRUE";  // right-associative: 2000 levels deep
  EXPECT_FALSE(parse(ands).ok());
  std::string ok_chain = "1";
  for (int i = 0; i < 1000; ++i) ok_chain += " + 1";
  ParseResult fine = parse(ok_chain);
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine.expression->evaluate(CloudEvent{}).value.i, 1001);
}

TEST(Cesql, LexerKeepsKnativeTokenRules) {
  LexResult r = lex("and ANDY a1 AB_C -5 +7 'it''s'");
  ASSERT_TRUE(r.errors.empty());
  std::vector<TokenKind> kinds;
  for (const Token& t : r.tokens) kinds.push_back(t.kind);
  std::vector<TokenKind> want = {TokenKind::kAnd, TokenKind::kIdentifier, TokenKind::kIdentifierWithNumber,
                                 TokenKind::kFunctionIdentifierWithUnderscore, TokenKind::kInteger, TokenKind::kInteger,
                                 TokenKind::kSquotedString, TokenKind::kEnd};
  EXPECT_EQ(kinds, want);
  EXPECT_EQ(evaluate("'it''s'", CloudEvent{}).value.s, "it's");
}

TEST(Cesql, FilterTakesFailOnErrorOrNonBoolean) {
  CloudEvent e = make_event({{"n", "3", 'i'}});
  struct Row {
    const char* expression;
    FilterResult want;
  };
  const Row rows[] = {
      {"n = 3", FilterResult::kPass}, {"n = 4", FilterResult::kFail}, {"n / 0 = 0", FilterResult::kFail},
      {"missing = 1 OR n = 3", FilterResult::kFail}, {"n = 3 OR missing = 1", FilterResult::kPass},
      {"n + 1", FilterResult::kFail}, {"'true'", FilterResult::kFail}, {"", FilterResult::kNoFilter},
  };
  for (const Row& r : rows) {
    std::optional<CompiledFilter> f = CompiledFilter::cesql(r.expression);
    ASSERT_TRUE(f.has_value()) << r.expression;
    EXPECT_EQ(f->evaluate(e), r.want) << r.expression;
  }
  EXPECT_FALSE(CompiledFilter::cesql("type = ").has_value());
}

}  // namespace
}  // namespace knsim::core::eventing::cesql
