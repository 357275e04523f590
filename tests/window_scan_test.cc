// scan::scan_in_windows: the same findings, at the same lines and columns, as one pass over the
// whole text, whatever the window size and wherever the boundaries fall; never more than a window
// held; read errors and binary first windows reported.
#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "scan/finding_builder.h"
#include "scan/window_scan.h"
#include "util/text.h"

namespace twilint {
namespace {

// Hands out a string in reads of at most `chunk` bytes; optionally fails after `fail_after`.
class StringStream : public source::ByteStream {
 public:
  StringStream(std::string text, size_t chunk, size_t fail_after = SIZE_MAX)
      : text_(std::move(text)), chunk_(chunk), fail_after_(fail_after) {}
  std::optional<size_t> read(char* into, size_t n, std::string& error) override {
    if (pos_ >= fail_after_) {
      error = "disk on fire";
      return std::nullopt;
    }
    // Never hands out bytes past fail_after_, so a failing stream delivers exactly that many.
    size_t take = std::min({n, chunk_, text_.size() - pos_, fail_after_ - pos_});
    std::copy_n(text_.data() + pos_, take, into);
    pos_ += take;
    return take;
  }

 private:
  std::string text_;
  size_t chunk_;
  size_t fail_after_;
  size_t pos_ = 0;
};

// Produces `size` bytes of 'a' lines without ever holding them, then "KEY_1234".
class EndlessLines : public source::ByteStream {
 public:
  explicit EndlessLines(size_t size) : size_(size) {}
  std::optional<size_t> read(char* into, size_t n, std::string&) override {
    const std::string tail = "\nKEY_1234\n";
    size_t total = size_ + tail.size();
    size_t take = std::min(n, total - pos_);
    for (size_t i = 0; i < take; ++i, ++pos_) {
      into[i] = pos_ >= size_ ? tail[pos_ - size_] : (pos_ % 100 == 99 ? '\n' : 'a');
    }
    return take;
  }

 private:
  size_t size_;
  size_t pos_ = 0;
};

// A stand-in for the matcher: every "KEY_" followed by four digits is a finding.
std::vector<model::Finding> find_keys(std::string_view text) {
  std::vector<model::Finding> out;
  util::LineIndex lines(text);
  for (size_t at = text.find("KEY_"); at != std::string_view::npos; at = text.find("KEY_", at + 1)) {
    if (at + 8 > text.size()) continue;
    std::string_view digits = text.substr(at + 4, 4);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    model::Finding f;
    f.rule_id = "key";
    f.line = lines.line_of(at);
    f.column = lines.column_of(at);
    f.end_line = lines.line_of(at + 7);
    f.end_column = lines.column_of(at + 7) + 1;
    f.secret = std::string(text.substr(at, 8));
    out.push_back(std::move(f));
  }
  return out;
}

using Position = std::tuple<int, int, int, int, std::string>;

std::vector<Position> positions(const std::vector<model::Finding>& findings) {
  std::vector<Position> out;
  for (const model::Finding& f : findings) out.emplace_back(f.line, f.column, f.end_line, f.end_column, f.secret);
  std::sort(out.begin(), out.end());
  return out;
}

scan::WindowScanResult scan_text(const std::string& text, size_t window, size_t overlap, size_t chunk = 7) {
  StringStream stream(text, chunk);
  scan::WindowScanOptions options;
  options.window = window;
  options.overlap = overlap;
  model::ScanStats stats;
  size_t largest = 0;
  scan::WindowAnalyzer analyze = [&](std::string_view w, model::ScanStats&, std::vector<model::CredentialCandidate>*) {
    largest = std::max(largest, w.size());
    return find_keys(w);
  };
  scan::WindowScanResult result = scan::scan_in_windows(stream, analyze, options, stats, nullptr);
  EXPECT_LE(largest, window);
  return result;
}

TEST(WindowScan, SameAsOnePassForEveryWindowSizeAndBoundary) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    size_t length = 50 + random() % 400;
    while (text.size() < length) {
      unsigned pick = random() % 10;
      if (pick == 0) {
        text += '\n';
      } else if (pick == 1) {
        text += "KEY_" + std::to_string(1000 + random() % 9000);
      } else {
        text += static_cast<char>('a' + random() % 26);
      }
    }
    size_t overlap = 8 + random() % 16;
    size_t window = overlap + 1 + random() % 60;
    scan::WindowScanResult windowed = scan_text(text, window, overlap, 1 + random() % 13);
    EXPECT_EQ(positions(windowed.findings), positions(find_keys(text))) << "window " << window << " overlap " << overlap
                                                                          << "\n" << text;
    EXPECT_EQ(windowed.bytes, text.size());
  }
}

TEST(WindowScan, HoldsOneWindowOfAHugeStream) {
  EndlessLines stream(64u << 20);
  scan::WindowScanOptions options;
  model::ScanStats stats;
  size_t largest = 0, windows = 0;
  scan::WindowAnalyzer analyze = [&](std::string_view w, model::ScanStats&, std::vector<model::CredentialCandidate>*) {
    largest = std::max(largest, w.size());
    ++windows;
    return find_keys(w);
  };
  scan::WindowScanResult result = scan::scan_in_windows(stream, analyze, options, stats, nullptr);
  EXPECT_LE(largest, scan::kWindowBytes);
  EXPECT_GE(windows, 8u);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].line, static_cast<int>((64u << 20) / 100) + 2);
  EXPECT_EQ(result.findings[0].column, 1);
}

TEST(WindowScan, ReadErrorKeepsWhatWasReadAndSaysSo) {
  StringStream stream("KEY_1111\n" + std::string(100, 'b') + "KEY_2222", 5, 50);
  scan::WindowScanOptions options;
  options.window = 32;
  options.overlap = 8;
  model::ScanStats stats;
  scan::WindowAnalyzer analyze = [](std::string_view w, model::ScanStats&, std::vector<model::CredentialCandidate>*) {
    return find_keys(w);
  };
  scan::WindowScanResult result = scan::scan_in_windows(stream, analyze, options, stats, nullptr);
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(*result.error, "disk on fire");
  EXPECT_EQ(result.bytes, 50u);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].secret, "KEY_1111");
}

TEST(WindowScan, BinaryFirstWindowIsNotMatchedUnlessAsked) {
  std::string text = std::string("\0\1", 2) + "KEY_1234";
  StringStream stream(text, 100);
  scan::WindowScanOptions options;
  model::ScanStats stats;
  scan::WindowAnalyzer analyze = [](std::string_view w, model::ScanStats&, std::vector<model::CredentialCandidate>*) {
    return find_keys(w);
  };
  scan::WindowScanResult skipped = scan::scan_in_windows(stream, analyze, options, stats, nullptr);
  EXPECT_TRUE(skipped.binary);
  EXPECT_TRUE(skipped.findings.empty());
  StringStream again(text, 100);
  options.skip_binary = false;
  EXPECT_EQ(scan::scan_in_windows(again, analyze, options, stats, nullptr).findings.size(), 1u);
}

}  // namespace
}  // namespace twilint
