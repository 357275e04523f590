#include "fix/unified_diff.h"

#include <algorithm>

namespace twilint::fix {
namespace {

// Lines of `text`, each with its terminator.
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(at, next - at));
    at = next;
  }
  return out;
}

// A run of old lines [first, last) replaced by `replacement` (whole lines).
struct Change {
  size_t first = 0;
  size_t last = 0;
  std::vector<std::string_view> replacement;
};

struct Cluster {
  size_t first_line = 0, last_line = 0;  // old lines [first, last)
  size_t begin = 0, end = 0;             // the bytes of those lines
  std::vector<Edit> edits;
};

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

std::string range(size_t start, size_t count) {
  // diff numbers an empty range by the line before it.
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, const std::vector<Edit>& input_edits,
                         bool new_file, int context) {
  std::vector<std::string_view> old_lines = lines_of(before);
  std::vector<size_t> starts;
  for (std::string_view l : old_lines) starts.push_back(static_cast<size_t>(l.data() - before.data()));
  size_t n = old_lines.size();
  auto line_at = [&](size_t offset) -> size_t {  // the line holding offset (the last line at EOF)
    if (starts.empty()) return 0;
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
  };
  auto start_of = [&](size_t line) { return line < n ? starts[line] : before.size(); };
  auto at_line_start = [&](size_t offset) { return offset == 0 || before[offset - 1] == '\n'; };
  std::vector<Edit> edits = input_edits;
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::vector<Cluster> clusters;
  for (const Edit& e : edits) {
    // An edit of whole lines changes only those; any other changes every line it touches.
    bool whole = at_line_start(e.begin) && at_line_start(e.end) && (e.text.empty() || e.text.back() == '\n');
    size_t first = whole && e.begin >= before.size() ? n : line_at(e.begin);
    size_t last = whole ? (e.end >= before.size() ? n : line_at(e.end)) : line_at(e.end > e.begin ? e.end - 1 : e.begin) + 1;
    last = std::min(std::max(last, first), n);
    if (!clusters.empty() && first <= clusters.back().last_line) {
      clusters.back().last_line = std::max(clusters.back().last_line, last);
      clusters.back().edits.push_back(e);
      continue;
    }
    clusters.push_back({first, last, 0, 0, {e}});
  }
  std::vector<std::string> new_texts;
  std::vector<Change> changes;
  new_texts.reserve(clusters.size());
  for (Cluster& c : clusters) {
    c.begin = start_of(c.first_line);
    c.end = start_of(c.last_line);
    for (Edit& e : c.edits) {
      e.begin -= c.begin;
      e.end -= c.begin;
    }
    new_texts.push_back(apply_edits(before.substr(c.begin, c.end - c.begin), c.edits));
  }
  for (size_t i = 0; i < clusters.size(); ++i) {
    std::string_view old_text = before.substr(clusters[i].begin, clusters[i].end - clusters[i].begin);
    if (old_text == new_texts[i]) continue;
    changes.push_back({clusters[i].first_line, clusters[i].last_line, lines_of(new_texts[i])});
  }
  if (changes.empty()) return "";
  std::string out = new_file ? "--- /dev/null\n" : "--- a/" + std::string(path) + "\n";
  out += "+++ b/" + std::string(path) + "\n";
  long delta = 0;  // new line number - old line number, before the current hunk
  size_t ctx = static_cast<size_t>(context);
  for (size_t i = 0; i < changes.size();) {
    size_t j = i;
    while (j + 1 < changes.size() && changes[j + 1].first <= changes[j].last + 2 * ctx) ++j;
    size_t from = changes[i].first > ctx ? changes[i].first - ctx : 0;
    size_t to = std::min(n, changes[j].last + ctx);
    std::string body;
    size_t old_count = 0, new_count = 0;
    size_t at = from;
    long hunk_delta = 0;
    for (size_t k = i; k <= j; ++k) {
      for (; at < changes[k].first; ++at, ++old_count, ++new_count) append_line(body, ' ', old_lines[at]);
      for (; at < changes[k].last; ++at, ++old_count) append_line(body, '-', old_lines[at]);
      for (std::string_view l : changes[k].replacement) append_line(body, '+', l), ++new_count;
      hunk_delta += static_cast<long>(changes[k].replacement.size()) - static_cast<long>(changes[k].last - changes[k].first);
    }
    for (; at < to; ++at, ++old_count, ++new_count) append_line(body, ' ', old_lines[at]);
    size_t new_from = static_cast<size_t>(static_cast<long>(from) + delta);
    out += "@@ -" + range(from, old_count) + " +" + range(new_from, new_count) + " @@\n" + body;
    delta += hunk_delta;
    i = j + 1;
  }
  return out;
}

}  // namespace twilint::fix
