#include "scan/window_scan.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "scan/finding_builder.h"
#include "util/encoding.h"

namespace twilint::scan {
namespace {

// Where the current window starts in the whole stream.
struct WindowStart {
  int lines_before = 0;  // complete lines before the window
  int column_base = 0;   // bytes of the window's first line that precede the window
};

// Reads until `buffer` holds `size` bytes or the stream ends. False on a read error.
bool fill(source::ByteStream& stream, std::string& buffer, size_t size, bool& at_end, std::string& error) {
  std::vector<char> chunk(64 * 1024);
  while (buffer.size() < size) {
    std::optional<size_t> n = stream.read(chunk.data(), std::min(chunk.size(), size - buffer.size()), error);
    if (!n) return false;
    if (*n == 0) {
      at_end = true;
      return true;
    }
    buffer.append(chunk.data(), *n);
  }
  return true;
}

// (line, column) of byte `offset` of `window`, 1-based, within the window.
std::pair<int, int> position_in(std::string_view window, size_t offset) {
  std::string_view before = window.substr(0, offset);
  int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  size_t newline = before.rfind('\n');
  int column = static_cast<int>(newline == std::string_view::npos ? offset : offset - newline - 1) + 1;
  return {line, column};
}

// Moves a window-relative position to the whole stream.
void to_stream_position(int& line, int& column, const WindowStart& start) {
  if (line == 1) column += start.column_base;
  line += start.lines_before;
}

// Keeps the findings (and their credentials and warnings) that start before `limit` (a window
// position), moved to stream positions.
void keep_owned(std::vector<model::Finding>& found, std::vector<model::CredentialCandidate>& candidates,
                model::ScanStats& window_stats, std::pair<int, int> limit, const WindowStart& start,
                WindowScanResult& result, std::vector<model::CredentialCandidate>* credentials) {
  std::unordered_map<std::string, std::string> new_keys;  // window finding_key -> stream finding_key
  for (model::Finding& f : found) {
    if (std::make_pair(f.line, f.column) >= limit) continue;  // the next window reports it
    std::string old_key = finding_key(f);
    to_stream_position(f.line, f.column, start);
    to_stream_position(f.end_line, f.end_column, start);
    new_keys[old_key] = finding_key(f);
    result.findings.push_back(std::move(f));
  }
  if (credentials != nullptr) {
    for (model::CredentialCandidate& c : candidates) {
      auto it = new_keys.find(c.finding_key);
      if (it == new_keys.end()) continue;
      c.finding_key = it->second;
      credentials->push_back(std::move(c));
    }
  }
  for (model::Warning& w : window_stats.warnings) w.line += start.lines_before;
}

// Where the window after this one starts, once `consumed` bytes of `window` are dropped.
WindowStart advance(WindowStart start, std::string_view consumed) {
  size_t newline = consumed.rfind('\n');
  if (newline == std::string_view::npos) {
    start.column_base += static_cast<int>(consumed.size());
  } else {
    start.lines_before += static_cast<int>(std::count(consumed.begin(), consumed.end(), '\n'));
    start.column_base = static_cast<int>(consumed.size() - newline - 1);
  }
  return start;
}

}  // namespace

WindowScanResult scan_in_windows(source::ByteStream& stream, const WindowAnalyzer& analyze,
                                 const WindowScanOptions& options, model::ScanStats& stats,
                                 std::vector<model::CredentialCandidate>* credentials) {
  WindowScanResult result;
  std::string buffer;
  WindowStart start;
  bool at_end = false, first = true;
  size_t carried = 0;  // bytes at the buffer's start already counted in `result.bytes`
  while (!at_end) {
    if (options.cancelled && options.cancelled()) break;
    std::string error;
    bool ok = fill(stream, buffer, options.window, at_end, error);
    result.bytes += buffer.size() - carried;
    if (!ok) {
      result.error = error;
      at_end = true;  // scan what was read, then stop
    }
    if (first && options.skip_binary && util::looks_binary(buffer)) {
      result.binary = true;
      return result;
    }
    first = false;
    // Positions from `owned_end` on belong to the next window, which starts there.
    size_t owned_end = at_end ? buffer.size() : buffer.size() - options.overlap;
    std::pair<int, int> limit = at_end ? std::make_pair(std::numeric_limits<int>::max(), 0) : position_in(buffer, owned_end);
    model::ScanStats window_stats;
    std::vector<model::CredentialCandidate> candidates;
    std::vector<model::Finding> found = analyze(buffer, window_stats, credentials ? &candidates : nullptr);
    keep_owned(found, candidates, window_stats, limit, start, result, credentials);
    stats.add_blob_counts(window_stats);
    if (at_end) break;
    start = advance(start, std::string_view(buffer).substr(0, owned_end));
    buffer.erase(0, owned_end);
    carried = buffer.size();
  }
  return result;
}

}  // namespace twilint::scan
