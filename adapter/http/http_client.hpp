#pragma once
// HTTP(S) through libcurl (Debian libcurl4-openssl-dev): one request at a time, optionally streamed.
// TLS material is passed from memory (CURLOPT_*_BLOB), so kubeconfig `*-data` fields never touch
// the disk. Nothing here prints or logs a header or a body: credentials stay in memory.
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace knsim::adapter {

// How to reach and trust a server.
struct TlsSettings {
  std::string ca_pem;            // PEM bundle to verify the server against; empty = system store
  bool insecure_skip_verify = false;
  std::string tls_server_name;   // SNI/verification name when it differs from the URL's host
  std::string client_cert_pem;   // mutual TLS (both or neither)
  std::string client_key_pem;
  std::string proxy_url;         // http://, https:// or socks5:// proxy; empty = none (env ignored)
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;   // "Name: value"
  std::string body;
  long timeout_s = 30;                // whole request; 0 = none (watches use low-speed limits)
  // Streaming: called with each received piece of the body (any size); return false to stop.
  // When set, HttpResponse::body stays empty for 2xx answers.
  std::function<bool(const char*, std::size_t)> on_data;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;   // lower-case names; repeated headers joined by ", "
  bool stopped_by_reader = false;               // on_data returned false
};

// A transport failure: no HTTP answer at all.
class TransportError : public std::runtime_error {
 public:
  enum class Kind { kUnreachable, kTls, kTimeout, kOther };
  TransportError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Sends one request. Throws TransportError when no answer arrives; any HTTP status is returned.
HttpResponse http_send(const HttpRequest& request, const TlsSettings& tls);

// application/x-www-form-urlencoded / query escaping (RFC 3986 unreserved kept).
std::string url_escape(const std::string& s);

}  // namespace knsim::adapter
