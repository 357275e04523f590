#include "git/commit_walk.h"

#include <cstdint>
#include <fstream>
#include <limits>
#include <queue>
#include <string>

namespace twilint::git {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

struct Node {
  git_oid oid;
  int64_t time = 0;
  uint32_t parents_begin = 0;  // [begin, end) in the flat parent list
  uint32_t parents_end = 0;
  bool ok = false;  // read successfully
};

struct Ready {
  int64_t time;
  uint32_t index;
};

}  // namespace

OidSet read_shallow_commits(git_repository* repo) {
  OidSet shallow;
  if (git_repository_is_shallow(repo) != 1) return shallow;
  std::string path = std::string(git_repository_commondir(repo)) + "shallow";
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    git_oid oid;
    if (line.size() >= GIT_OID_HEXSZ && parse_oid_hex(std::string_view(line).substr(0, GIT_OID_HEXSZ), &oid)) {
      shallow.insert(oid);
    }
  }
  return shallow;
}

std::vector<git_oid> commits_parents_first(git_repository* repo, const std::vector<git_oid>& tips,
                                           const CommitWalkOptions& options, model::ScanStats& stats) {
  std::vector<Node> nodes;
  std::vector<uint32_t> parent_links;
  OidMap<uint32_t> index_of;
  std::vector<uint32_t> to_read;

  auto report = [&](const std::string& what, const std::string& reason) {
    if (options.missing_is_error) {
      stats.skipped.push_back(model::Skipped{what, reason, true});
    } else {
      stats.notes.push_back(what + ": " + reason);
    }
  };
  auto discover = [&](const git_oid& oid) -> uint32_t {
    if (options.stop != nullptr && options.stop->contains(oid)) return kNone;
    auto [slot, inserted] = index_of.insert(oid, static_cast<uint32_t>(nodes.size()));
    if (!inserted) return *slot;
    uint32_t index = static_cast<uint32_t>(nodes.size());
    nodes.push_back(Node{oid});
    to_read.push_back(index);
    return index;
  };

  for (const git_oid& tip : tips) discover(tip);
  while (!to_read.empty()) {
    uint32_t index = to_read.back();
    to_read.pop_back();
    git_oid oid = nodes[index].oid;
    git_commit* raw = nullptr;
    int rc = git_commit_lookup(&raw, repo, &oid);
    CommitPtr commit(raw);
    if (rc < 0) {
      report("commit " + oid_hex(oid),
             rc == GIT_ENOTFOUND ? "missing from the object database (partial clone or corrupt repository)"
                                 : "cannot be read: " + libgit2_error(rc));
      continue;
    }
    // Children are ordered by committer time, as git's --date-order does.
    int64_t time = git_commit_time(commit.get());
    bool grafted = options.shallow != nullptr && options.shallow->contains(oid);
    uint32_t begin = static_cast<uint32_t>(parent_links.size());
    if (!grafted) {
      unsigned count = git_commit_parentcount(commit.get());
      for (unsigned i = 0; i < count; ++i) {
        const git_oid* parent = git_commit_parent_id(commit.get(), i);
        if (parent == nullptr) continue;
        uint32_t parent_index = discover(*parent);
        if (parent_index != kNone) parent_links.push_back(parent_index);
      }
    }
    Node& node = nodes[index];  // `discover` may have grown `nodes`
    node.time = time;
    node.parents_begin = begin;
    node.parents_end = static_cast<uint32_t>(parent_links.size());
    node.ok = true;
  }

  // Kahn's algorithm over the readable commits: a commit becomes ready once all of its readable
  // parents have been emitted. Children are kept in one flat array (CSR) to stay compact.
  const uint32_t n = static_cast<uint32_t>(nodes.size());
  std::vector<uint32_t> pending(n, 0);       // readable parents not yet emitted
  std::vector<uint32_t> child_start(n + 1, 0);
  for (uint32_t i = 0; i < n; ++i) {
    if (!nodes[i].ok) continue;
    for (uint32_t p = nodes[i].parents_begin; p < nodes[i].parents_end; ++p) {
      uint32_t parent = parent_links[p];
      if (!nodes[parent].ok) continue;
      ++pending[i];
      ++child_start[parent + 1];
    }
  }
  for (uint32_t i = 0; i < n; ++i) child_start[i + 1] += child_start[i];
  std::vector<uint32_t> children(child_start[n]);
  {
    std::vector<uint32_t> fill(child_start.begin(), child_start.end() - 1);
    for (uint32_t i = 0; i < n; ++i) {
      if (!nodes[i].ok) continue;
      for (uint32_t p = nodes[i].parents_begin; p < nodes[i].parents_end; ++p) {
        uint32_t parent = parent_links[p];
        if (nodes[parent].ok) children[fill[parent]++] = i;
      }
    }
  }
  parent_links.clear();
  parent_links.shrink_to_fit();

  auto later = [&](const Ready& a, const Ready& b) {
    if (a.time != b.time) return a.time > b.time;
    return git_oid_cmp(&nodes[a.index].oid, &nodes[b.index].oid) > 0;
  };
  std::priority_queue<Ready, std::vector<Ready>, decltype(later)> ready(later);
  for (uint32_t i = 0; i < n; ++i) {
    if (nodes[i].ok && pending[i] == 0) ready.push(Ready{nodes[i].time, i});
  }
  std::vector<git_oid> order;
  while (!ready.empty()) {
    uint32_t index = ready.top().index;
    ready.pop();
    order.push_back(nodes[index].oid);
    for (uint32_t c = child_start[index]; c < child_start[index + 1]; ++c) {
      uint32_t child = children[c];
      if (--pending[child] == 0) ready.push(Ready{nodes[child].time, child});
    }
  }
  return order;
}

}  // namespace twilint::git
