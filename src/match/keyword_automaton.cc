#include "match/keyword_automaton.h"

#include <deque>

namespace twilint::match {
namespace {

inline uint8_t fold(uint8_t c) { return (c >= 'A' && c <= 'Z') ? static_cast<uint8_t>(c - 'A' + 'a') : c; }

}  // namespace

KeywordAutomaton::KeywordAutomaton(const std::vector<std::string>& keywords) : keyword_count_(keywords.size()) {
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
}

void KeywordAutomaton::scan(std::string_view text, std::vector<bool>& seen) const {
  if (keyword_count_ == 0) return;
  size_t remaining = keyword_count_;
  const int32_t* table = next_.data();
  int32_t state = 0;
  for (unsigned char c : text) {
    state = table[static_cast<size_t>(state) * 256 + c];
    const auto& out = outputs_[static_cast<size_t>(state)];
    if (out.empty()) continue;
    for (int k : out) {
      if (!seen[static_cast<size_t>(k)]) {
        seen[static_cast<size_t>(k)] = true;
        if (--remaining == 0) return;
      }
    }
  }
}

}  // namespace twilint::match
