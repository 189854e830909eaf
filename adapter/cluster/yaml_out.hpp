#pragma once
// JSON values written as block-style YAML (yaml-cpp's emitter) for the files the adapter writes.
// Every string value is double-quoted ("10" stays a string, "true" is not a bool); strings with
// newlines are literal blocks. Map keys keep their order of insertion in nlohmann::ordered_json.
#include <nlohmann/json.hpp>
#include <string>

namespace knsim::adapter {

std::string to_yaml(const nlohmann::ordered_json& value);

}  // namespace knsim::adapter
