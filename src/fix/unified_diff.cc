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

// The old file's lines and where each starts.
struct OldFile {
  std::string_view bytes;
  std::vector<std::string_view> lines;
  std::vector<size_t> starts;

  explicit OldFile(std::string_view b) : bytes(b), lines(lines_of(b)) {
    for (std::string_view l : lines) starts.push_back(static_cast<size_t>(l.data() - b.data()));
  }
  size_t size() const { return lines.size(); }
  size_t line_at(size_t offset) const {  // the line holding offset (the last line at EOF)
    if (starts.empty()) return 0;
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
  }
  size_t start_of(size_t line) const { return line < size() ? starts[line] : bytes.size(); }
  bool at_line_start(size_t offset) const { return offset == 0 || bytes[offset - 1] == '\n'; }
};

// Edits grouped by the old lines they touch (touching groups merged).
std::vector<Cluster> clusters_of(const OldFile& old, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  size_t n = old.size();
  std::vector<Cluster> clusters;
  for (const Edit& e : edits) {
    // An edit of whole lines changes only those; any other changes every line it touches.
    bool whole = old.at_line_start(e.begin) && old.at_line_start(e.end) && (e.text.empty() || e.text.back() == '\n');
    size_t first = whole && e.begin >= old.bytes.size() ? n : old.line_at(e.begin);
    size_t last = whole ? (e.end >= old.bytes.size() ? n : old.line_at(e.end))
                        : old.line_at(e.end > e.begin ? e.end - 1 : e.begin) + 1;
    last = std::min(std::max(last, first), n);
    if (!clusters.empty() && first <= clusters.back().last_line) {
      clusters.back().last_line = std::max(clusters.back().last_line, last);
      clusters.back().edits.push_back(e);
      continue;
    }
    clusters.push_back({first, last, 0, 0, {e}});
  }
  for (Cluster& c : clusters) {
    c.begin = old.start_of(c.first_line);
    c.end = old.start_of(c.last_line);
    for (Edit& e : c.edits) {
      e.begin -= c.begin;
      e.end -= c.begin;
    }
  }
  return clusters;
}

// The hunks of `changes` with `ctx` lines of context; changes closer than 2*ctx share a hunk.
std::string render_hunks(const OldFile& old, const std::vector<Change>& changes, size_t ctx) {
  std::string out;
  long delta = 0;  // new line number - old line number, before the current hunk
  for (size_t i = 0; i < changes.size();) {
    size_t j = i;
    while (j + 1 < changes.size() && changes[j + 1].first <= changes[j].last + 2 * ctx) ++j;
    size_t from = changes[i].first > ctx ? changes[i].first - ctx : 0;
    size_t to = std::min(old.size(), changes[j].last + ctx);
    std::string body;
    size_t old_count = 0, new_count = 0, at = from;
    long hunk_delta = 0;
    for (size_t k = i; k <= j; ++k) {
      for (; at < changes[k].first; ++at, ++old_count, ++new_count) append_line(body, ' ', old.lines[at]);
      for (; at < changes[k].last; ++at, ++old_count) append_line(body, '-', old.lines[at]);
      for (std::string_view l : changes[k].replacement) append_line(body, '+', l), ++new_count;
      hunk_delta += static_cast<long>(changes[k].replacement.size()) - static_cast<long>(changes[k].last - changes[k].first);
    }
    for (; at < to; ++at, ++old_count, ++new_count) append_line(body, ' ', old.lines[at]);
    size_t new_from = static_cast<size_t>(static_cast<long>(from) + delta);
    out += "@@ -" + range(from, old_count) + " +" + range(new_from, new_count) + " @@\n" + body;
    delta += hunk_delta;
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string unified_diff(std::string_view path, std::string_view before, const std::vector<Edit>& edits,
                         bool new_file, int context) {
  OldFile old(before);
  std::vector<Cluster> clusters = clusters_of(old, edits);
  std::vector<std::string> new_texts;  // owns what the changes' replacement lines view
  new_texts.reserve(clusters.size());
  std::vector<Change> changes;
  for (const Cluster& c : clusters) {
    new_texts.push_back(apply_edits(before.substr(c.begin, c.end - c.begin), c.edits));
    if (before.substr(c.begin, c.end - c.begin) == new_texts.back()) continue;
    changes.push_back({c.first_line, c.last_line, lines_of(new_texts.back())});
  }
  if (changes.empty()) return "";
  std::string out = new_file ? "--- /dev/null\n" : "--- a/" + std::string(path) + "\n";
  out += "+++ b/" + std::string(path) + "\n";
  return out + render_hunks(old, changes, static_cast<size_t>(context));
}

}  // namespace twilint::fix
