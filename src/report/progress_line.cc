#include "report/progress_line.h"

#include <fmt/format.h>

namespace twilint::report {
namespace {

// "45s", "1m20s", "2h05m": short enough for a status line.
std::string short_duration(double seconds) {
  auto s = static_cast<uint64_t>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

}  // namespace

std::string progress_line(const model::ProgressSnapshot& p) {
  std::string line = fmt::format("twilint history: {}/{}{} blobs", p.done, p.total, p.total_known ? "" : "+");
  if (p.total_known && p.total > 0) line += fmt::format(" ({}%)", p.done * 100 / p.total);
  if (p.seconds > 0) line += fmt::format(", {:.1f} MB/s", static_cast<double>(p.bytes) / 1e6 / p.seconds);
  if (p.done == 0 || p.seconds <= 0) return line + ", estimating time left";
  if (p.done >= p.total) return line + ", finishing";
  double left = p.seconds / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
  return line + fmt::format(", {} {} left", p.total_known ? "about" : "at least", short_duration(left));
}

}  // namespace twilint::report
