// A fake Twilio REST API for the --verify tests: a small HTTP/1.1 server on 127.0.0.1 (a free port
// the kernel picks), started and stopped by the test. It records every request (method, target,
// basic-auth user and password, headers, body size), counts the most requests it ever had in
// flight, and answers each one as the test's handler says: any status and body, a Retry-After
// header, a delay (a slow response), or a dropped connection (closed without an answer).
// Header-only, plain POSIX sockets: no test ever contacts anything but 127.0.0.1.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include <algorithm>

namespace twilint::testing {

struct FakeRequest {
  std::string method;
  std::string target;  // path and query, as sent
  std::string user;    // from "Authorization: Basic …"; empty when absent
  std::string password;
  std::map<std::string, std::string> headers;  // names lowercased
  size_t body_bytes = 0;  // what Content-Length or chunked framing announced (0 = no body)
  std::string body;       // a Content-Length body as received (first 64 KiB)
  std::string bearer;     // from "Authorization: Bearer …"; empty when absent
  bool has_authorization = false;
};

struct FakeReply {
  int status = 200;
  std::string body = "{}";
  std::string content_type = "application/json";
  std::string retry_after;  // Retry-After header value; empty = no header
  std::chrono::milliseconds delay{0};  // wait this long before answering
  bool drop = false;  // close the connection without any answer
};

// The binary inherits the test's environment: no proxy may stand between it and 127.0.0.1.
// Call before starting a binary that talks to a FakeTwilio.
inline void bypass_proxies() {
  for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
    ::unsetenv(name);
  }
  ::setenv("no_proxy", "*", 1);
  ::setenv("NO_PROXY", "*", 1);
}

inline FakeReply make_reply(int status, std::string body, std::string retry_after = "") {
  FakeReply r;
  r.status = status;
  r.body = std::move(body);
  r.retry_after = std::move(retry_after);
  return r;
}

// {"code": …, "message": …, "more_info": …, "status": …}: the body Twilio sends with an error.
inline std::string twilio_error(int status, int code, const std::string& message) {
  return "{\"code\": " + std::to_string(code) + ", \"message\": \"" + message +
         "\", \"more_info\": \"https://www.twilio.com/docs/errors/" + std::to_string(code) +
         "\", \"status\": " + std::to_string(status) + "}";
}

class FakeTwilio {
 public:
  using Handler = std::function<FakeReply(const FakeRequest&)>;

  explicit FakeTwilio(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) throw std::runtime_error("socket failed");
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 128) != 0) {
      ::close(listen_fd_);
      throw std::runtime_error("bind/listen on 127.0.0.1 failed");
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~FakeTwilio() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    acceptor_.join();
    ::close(listen_fd_);
    std::vector<std::thread> connections;
    {
      std::lock_guard lock(mutex_);
      connections.swap(connections_);
    }
    for (std::thread& t : connections) t.join();
  }

  FakeTwilio(const FakeTwilio&) = delete;
  FakeTwilio& operator=(const FakeTwilio&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<FakeRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  size_t request_count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }
  // Connections accepted, whether or not a whole request arrived on them.
  size_t connection_count() const { return connections_accepted_.load(); }
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  void accept_loop() {
    for (;;) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      ++connections_accepted_;
      std::lock_guard lock(mutex_);
      connections_.emplace_back([this, fd] { serve(fd); });
    }
  }

  static std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
  }

  static std::string base64_decode(const std::string& in) {
    auto value = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : in) {
      int v = value(c);
      if (v < 0) break;
      buffer = (buffer << 6) | static_cast<unsigned>(v);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += static_cast<char>((buffer >> bits) & 0xff);
      }
    }
    return out;
  }

  // Reads up to the end of the request head; false when the client went away or sent garbage.
  static bool read_head(int fd, std::string& head) {
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return false;
      head.append(buf, static_cast<size_t>(n));
      if (head.size() > 64 * 1024) return false;
    }
    return true;
  }

  static FakeRequest parse(const std::string& head) {
    FakeRequest r;
    size_t line_end = head.find("\r\n");
    std::string request_line = head.substr(0, line_end);
    size_t sp1 = request_line.find(' ');
    size_t sp2 = request_line.find(' ', sp1 + 1);
    r.method = request_line.substr(0, sp1);
    r.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = line_end + 2;
    while (pos < head.size()) {
      size_t end = head.find("\r\n", pos);
      if (end == std::string::npos || end == pos) break;
      std::string line = head.substr(pos, end - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        r.headers[lower(line.substr(0, colon))] = value;
      }
      pos = end + 2;
    }
    if (auto it = r.headers.find("content-length"); it != r.headers.end()) r.body_bytes = std::stoul(it->second);
    if (r.headers.count("transfer-encoding") != 0) r.body_bytes = static_cast<size_t>(-1);
    if (auto it = r.headers.find("authorization"); it != r.headers.end()) {
      r.has_authorization = true;
      if (it->second.rfind("Basic ", 0) == 0) {
        std::string pair = base64_decode(it->second.substr(6));
        size_t colon = pair.find(':');
        r.user = pair.substr(0, colon);
        if (colon != std::string::npos) r.password = pair.substr(colon + 1);
      } else if (it->second.rfind("Bearer ", 0) == 0) {
        r.bearer = it->second.substr(7);
      }
    }
    return r;
  }

  // The Content-Length body: what arrived after the head, then the rest from the socket.
  static void read_body(int fd, const std::string& head, FakeRequest& r) {
    if (r.body_bytes == 0 || r.body_bytes == static_cast<size_t>(-1)) return;
    const size_t wanted = std::min<size_t>(r.body_bytes, 64 * 1024);
    r.body = head.substr(head.find("\r\n\r\n") + 4);
    char buf[4096];
    while (r.body.size() < wanted) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      r.body.append(buf, static_cast<size_t>(n));
    }
    r.body.resize(std::min(r.body.size(), wanted));
  }

  static std::string reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 204: return "No Content";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 503: return "Service Unavailable";
      default: return "Status";
    }
  }

  void serve(int fd) {
    std::string head;
    if (!read_head(fd, head)) {
      ::close(fd);
      return;
    }
    FakeRequest request = parse(head);
    read_body(fd, head, request);
    int now = ++in_flight_;
    for (int seen = max_in_flight_.load(); now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    FakeReply reply = handler_(request);
    if (reply.delay.count() > 0) {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, reply.delay, [&] { return stopping_; });
    }
    // Out of flight before the answer leaves: the client may start its next request as soon as it
    // has this one's answer, and must not be counted twice.
    --in_flight_;
    if (!reply.drop) {
      std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) + "\r\n";
      out += "Content-Type: " + reply.content_type + "\r\n";
      out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
      if (!reply.retry_after.empty()) out += "Retry-After: " + reply.retry_after + "\r\n";
      out += "Connection: close\r\n\r\n" + reply.body;
      size_t off = 0;
      while (off < out.size()) {
        ssize_t n = ::send(fd, out.data() + off, out.size() - off, MSG_NOSIGNAL);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
      ::shutdown(fd, SHUT_WR);
    }
    ::close(fd);
  }

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<std::thread> connections_;
  std::vector<FakeRequest> requests_;
  std::atomic<size_t> connections_accepted_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
};

// Answers like Twilio's REST API for a fixed set of credentials (the handler tests usually want):
// Auth Token probes on /2010-04-01/Accounts/{AC}.json and API key probes on
// /2010-04-01/Accounts/{AC}/Messages.json?PageSize=1, each credential's answer looked up by its secret
// in `answers`; any other secret gets 401 / 20003, any other path 404 / 20404.
inline FakeTwilio::Handler twilio_like(std::map<std::string, FakeReply> answers) {
  return [answers = std::move(answers)](const FakeRequest& r) {
    const std::string prefix = "/2010-04-01/Accounts/";
    bool token_path = r.target == prefix + r.user + ".json";
    bool key_path = r.target.rfind(prefix + "AC", 0) == 0 && r.user.rfind("SK", 0) == 0 &&
                    r.target.size() > prefix.size() + 34 &&
                    r.target.substr(prefix.size() + 34) == "/Messages.json?PageSize=1";
    if (!token_path && !key_path) {
      return make_reply(404, twilio_error(404, 20404, "The requested resource was not found"));
    }
    auto it = answers.find(r.password);
    if (it == answers.end()) return make_reply(401, twilio_error(401, 20003, "Authenticate"));
    return it->second;
  };
}

}  // namespace twilint::testing
