#pragma once
// A parsed CESQL expression (abstract syntax tree) and its evaluation against a CloudEvent.
//
// Evaluation follows CESQL v1 "complete evaluation" mode as sdk-go sql/v2 (v2.16) does: every node
// yields a value (the zero value of its type on error) and errors are collected; AND and OR
// short-circuit (the right side is not evaluated, so its errors do not occur). Knative's cesql
// filter passes an event only when the result is Boolean true AND no error occurred
// (pkg/eventfilter/subscriptionsapi/cesql_filter.go).
//
// Identifiers: standard attributes (an absent optional one - subject, time, dataschema,
// datacontenttype - reads as "" without error, as the CESQL TCK requires) and extensions; integer
// extensions are Integer, boolean extensions Boolean, everything else String. A missing extension
// raises a missingAttribute error (value false) and the operators using it yield their zero value.
#include <memory>
#include <string>
#include <vector>

#include "core/eventing/cesql/value.hpp"
#include "core/eventing/cloud_event.hpp"

namespace knsim::core::eventing::cesql {

enum class NodeKind { kLiteral, kIdentifier, kNot, kNegate, kBinary, kLike, kExists, kIn, kFunction };
enum class BinaryOp { kAnd, kOr, kXor, kEq, kNe, kLt, kLe, kGt, kGe, kAdd, kSub, kMul, kDiv, kMod };

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  Value literal;                 // kLiteral
  std::string name;              // kIdentifier / kExists: lower-cased attribute; kFunction: upper-cased name
  BinaryOp op = BinaryOp::kAnd;  // kBinary
  bool negated = false;          // kLike / kIn: NOT LIKE, NOT IN
  std::string pattern;           // kLike: the pattern after unquoting
  std::vector<std::shared_ptr<const Node>> children;  // operands, in order
  std::size_t position = 0;      // byte offset of the node's first token
};

struct EvalResult {
  Value value;
  std::vector<EvalError> errors;
  bool ok() const { return errors.empty(); }
};

class Expression {
 public:
  Expression() = default;
  explicit Expression(std::shared_ptr<const Node> root, std::string text)
      : root_(std::move(root)), text_(std::move(text)) {}

  EvalResult evaluate(const CloudEvent& event) const;
  const Node* root() const { return root_.get(); }
  const std::string& text() const { return text_; }
  // A canonical, fully parenthesised rendering: "((a = 1) AND (NOT b))", for tests and reports.
  std::string to_string() const;

 private:
  std::shared_ptr<const Node> root_;
  std::string text_;
};

// LIKE matching: '%' any sequence, '_' one byte, "\%" and "\_" literal; any other backslash is a
// literal backslash. Bytes, not code points (as sdk-go).
bool like_match(const std::string& text, const std::string& pattern);

}  // namespace knsim::core::eventing::cesql
