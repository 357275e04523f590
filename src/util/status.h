// Error values shared by every module: a Diagnostic is one user-facing problem with its place,
// and Expected<T> carries either a value or the list of every problem found while making it
// (load-time errors are collected and reported together, never one at a time).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace twilint::util {

// One problem, printed as "file:line: message" (file and line only when known).
struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when not known
  std::string message;

  std::string to_string() const {
    std::string out;
    if (!file.empty()) {
      out += file;
      // Appended piecewise: `":" + std::to_string(...)` trips GCC 12's -Wrestrict false positive.
      if (line > 0) {
        out += ':';
        out += std::to_string(line);
      }
      out += ": ";
    }
    return out + message;
  }
};

using Diagnostics = std::vector<Diagnostic>;

// Either a T or a non-empty list of diagnostics.
template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Expected(Diagnostics errors) : state_(std::move(errors)) {}  // NOLINT
  Expected(Diagnostic error) : state_(Diagnostics{std::move(error)}) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Diagnostics& errors() const { return std::get<Diagnostics>(state_); }

 private:
  std::variant<T, Diagnostics> state_;
};

}  // namespace twilint::util
