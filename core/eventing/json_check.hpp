#pragma once
// A strict JSON well-formedness check (RFC 8259, as Go's json.Valid) and a base64 decoder check,
// for PingSource's `data` / `dataBase64` validation. No values are built.
#include <string_view>

namespace knsim::core::eventing {

bool is_valid_json(std::string_view text);
// Standard base64 (with padding) as Go's base64.StdEncoding.DecodeString accepts it.
bool is_valid_base64(std::string_view text);

}  // namespace knsim::core::eventing
