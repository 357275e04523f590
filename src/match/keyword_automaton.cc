#include "match/keyword_automaton.h"

#include <algorithm>
#include <deque>

namespace twilint::match {
namespace {

inline uint8_t fold(uint8_t c) { return (c >= 'A' && c <= 'Z') ? static_cast<uint8_t>(c - 'A' + 'a') : c; }

}  // namespace

KeywordAutomaton::KeywordAutomaton(const std::vector<std::string>& keywords, const std::vector<bool>& positional)
    : keyword_count_(keywords.size()) {
  for (const std::string& k : keywords) max_keyword_length_ = std::max(max_keyword_length_, k.size());
  // Build the trie with -1 for missing edges, then fill every missing edge from the failure link
  // (breadth first), which turns the trie into a DFA: one table lookup per byte at scan time.
  next_.assign(256, -1);
  outputs_.emplace_back();
  for (size_t k = 0; k < keywords.size(); ++k) {
    int32_t state = 0;
    for (char ch : keywords[k]) {
      uint8_t c = fold(static_cast<uint8_t>(ch));
      int32_t& edge = next_[static_cast<size_t>(state) * 256 + c];
      if (edge < 0) {
        edge = static_cast<int32_t>(outputs_.size());
        outputs_.emplace_back();
        next_.resize(next_.size() + 256, -1);
      }
      state = next_[static_cast<size_t>(state) * 256 + c];
    }
    outputs_[static_cast<size_t>(state)].push_back(static_cast<int>(k));
  }
  std::vector<int32_t> failure(outputs_.size(), 0);
  std::deque<int32_t> queue;
  for (int c = 0; c < 256; ++c) {
    int32_t& edge = next_[static_cast<size_t>(c)];
    if (edge < 0) {
      edge = 0;
    } else {
      failure[static_cast<size_t>(edge)] = 0;
      queue.push_back(edge);
    }
  }
  while (!queue.empty()) {
    int32_t state = queue.front();
    queue.pop_front();
    const auto& inherited = outputs_[static_cast<size_t>(failure[static_cast<size_t>(state)])];
    outputs_[static_cast<size_t>(state)].insert(outputs_[static_cast<size_t>(state)].end(), inherited.begin(),
                                                inherited.end());
    for (int c = 0; c < 256; ++c) {
      int32_t& edge = next_[static_cast<size_t>(state) * 256 + static_cast<size_t>(c)];
      int32_t via_failure = next_[static_cast<size_t>(failure[static_cast<size_t>(state)]) * 256 + static_cast<size_t>(c)];
      if (edge < 0) {
        edge = via_failure;
      } else {
        failure[static_cast<size_t>(edge)] = via_failure;
        queue.push_back(edge);
      }
    }
  }
  // Case-insensitive: an uppercase byte moves like its lowercase twin.
  size_t states = outputs_.size();
  for (size_t s = 0; s < states; ++s) {
    for (int c = 'A'; c <= 'Z'; ++c) next_[s * 256 + static_cast<size_t>(c)] = next_[s * 256 + static_cast<size_t>(c - 'A' + 'a')];
  }
  renumber_for_scan();
  positional_outputs_.resize(outputs_.size());
  for (size_t state = 0; state < outputs_.size(); ++state) {
    for (int k : outputs_[state]) {
      if (static_cast<size_t>(k) < positional.size() && positional[static_cast<size_t>(k)]) {
        positional_outputs_[state].push_back(k);
      }
    }
  }
}

// The scan loop's hot path is one dependent table load and one compare per byte, so the table
// must stay in the L1/L2 cache: bytes are mapped to classes (every byte that occurs in no keyword
// is one class, which always leads back to the start state), states are renumbered so the ones
// that report keywords come last, and table entries hold the next state's row offset.
void KeywordAutomaton::renumber_for_scan() {
  size_t states = outputs_.size();
  classes_.fill(0);
  uint32_t class_count = 1;
  for (int c = 0; c < 256; ++c) {
    if (c >= 'A' && c <= 'Z') continue;  // shares its lowercase twin's class, set below
    bool used = false;
    for (size_t s = 0; s < states && !used; ++s) used = next_[s * 256 + static_cast<size_t>(c)] != 0;
    if (used) classes_[static_cast<size_t>(c)] = static_cast<uint8_t>(class_count++);
  }
  for (int c = 'A'; c <= 'Z'; ++c) classes_[static_cast<size_t>(c)] = classes_[static_cast<size_t>(c - 'A' + 'a')];
  class_count_ = class_count;

  std::vector<uint32_t> new_number(states);
  uint32_t next_number = 0;
  for (int reporting = 0; reporting < 2; ++reporting) {
    for (size_t s = 0; s < states; ++s) {
      if (outputs_[s].empty() == (reporting == 0)) new_number[s] = next_number++;
    }
  }
  // The start state stays 0: it reports nothing (keywords are never empty), so it is numbered first.
  std::vector<uint32_t> table(states * class_count);
  std::vector<std::vector<int>> outputs(states);
  for (size_t s = 0; s < states; ++s) {
    size_t row = static_cast<size_t>(new_number[s]) * class_count;
    for (size_t c = 0; c < 256; ++c) {
      table[row + classes_[c]] = new_number[static_cast<size_t>(next_[s * 256 + c])] * class_count;
    }
    outputs[new_number[s]] = std::move(outputs_[s]);
  }
  size_t quiet = 0;
  while (quiet < states && outputs[quiet].empty()) ++quiet;
  table_ = std::move(table);
  outputs_ = std::move(outputs);
  first_reporting_offset_ = static_cast<uint32_t>(quiet * class_count);
  next_.clear();
  next_.shrink_to_fit();
}

namespace {

// Scans with several independent copies of the automaton at once: each byte's step depends on the
// previous one's table load, so one copy is bound by load latency; four interleaved copies over
// four slices of the text keep the CPU busy (about 2.5x the throughput of one on this machine).
constexpr size_t kLanes = 4;
constexpr size_t kMinBytesForLanes = 4096;

}  // namespace

template <class Report>
void KeywordAutomaton::run(std::string_view text, Report&& report) const {
  const uint32_t* table = table_.data();
  const uint8_t* classes = classes_.data();
  const uint32_t reporting = first_reporting_offset_;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  auto scan_range = [&](size_t from, size_t to) {
    uint32_t offset = 0;
    for (size_t i = from; i < to; ++i) {
      offset = table[offset + classes[bytes[i]]];
      if (offset >= reporting && report(offset, i, 0)) return;
    }
  };
  if (text.size() < kMinBytesForLanes) {
    scan_range(0, text.size());
    return;
  }
  // Lane i covers slice i plus the (longest keyword - 1) bytes before it, so a keyword that
  // straddles two slices is still seen whole by one lane.
  const size_t slice = (text.size() + kLanes - 1) / kLanes;
  const size_t overlap = max_keyword_length_ > 0 ? max_keyword_length_ - 1 : 0;
  size_t begin[kLanes];
  size_t end[kLanes];
  for (size_t l = 0; l < kLanes; ++l) {
    begin[l] = l * slice > overlap ? std::min(text.size(), l * slice - overlap) : 0;
    end[l] = std::min(text.size(), (l + 1) * slice);
  }
  size_t common = end[0] - begin[0];
  for (size_t l = 1; l < kLanes; ++l) common = std::min(common, end[l] - begin[l]);
  uint32_t offset[kLanes] = {0, 0, 0, 0};
  for (size_t i = 0; i < common; ++i) {
    for (size_t l = 0; l < kLanes; ++l) {
      offset[l] = table[offset[l] + classes[bytes[begin[l] + i]]];
    }
    for (size_t l = 0; l < kLanes; ++l) {
      if (offset[l] >= reporting && report(offset[l], begin[l] + i, l)) return;
    }
  }
  // Each lane's tail, continuing from its state.
  for (size_t l = 0; l < kLanes; ++l) {
    uint32_t o = offset[l];
    for (size_t i = begin[l] + common; i < end[l]; ++i) {
      o = table[o + classes[bytes[i]]];
      if (o >= reporting && report(o, i, l)) return;
    }
  }
}

void KeywordAutomaton::scan(std::string_view text, std::vector<bool>& seen) const {
  if (keyword_count_ == 0) return;
  size_t remaining = keyword_count_;
  // Returns true when every keyword has been seen.
  run(text, [&](uint32_t offset, size_t, size_t) {
    for (int k : outputs_[offset / class_count_]) {
      if (!seen[static_cast<size_t>(k)]) {
        seen[static_cast<size_t>(k)] = true;
        if (--remaining == 0) return true;
      }
    }
    return false;
  });
}

void KeywordAutomaton::scan_all(std::string_view text, std::vector<bool>& seen, std::vector<KeywordHit>& hits) const {
  if (keyword_count_ == 0) return;
  // Each lane's occurrences come in order; lane l + 1 starts (longest keyword - 1) bytes before
  // lane l ends, so of its occurrences only those ending after lane l's end are new.
  std::vector<KeywordHit> by_lane[kLanes];
  run(text, [&](uint32_t offset, size_t at, size_t lane) {
    const size_t state = offset / class_count_;
    for (int k : outputs_[state]) seen[static_cast<size_t>(k)] = true;
    for (int k : positional_outputs_[state]) by_lane[lane].push_back(KeywordHit{at + 1, k});
    return false;
  });
  const size_t slice = (text.size() + kLanes - 1) / kLanes;  // as run() splits it
  for (size_t l = 0; l < kLanes; ++l) {
    const size_t previous_lane_end = std::min(text.size(), l * slice);
    for (const KeywordHit& h : by_lane[l]) {
      if (l == 0 || h.end > previous_lane_end) hits.push_back(h);
    }
  }
}

}  // namespace twilint::match
