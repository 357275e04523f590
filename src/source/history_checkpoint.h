// What one history walk covered, handed from a `twilint history` run to the next so the next one
// walks only the commits it has not seen (the CLI keeps it in the incremental cache). Plain data:
// the source module stores nothing itself.
//
// Why resuming gives exactly what a full walk gives: commits are walked in the deterministic
// git::commits_parents_first order, and what the walk has seen after a list of commits depends on
// those commits alone. So when the current order starts with exactly the commits a checkpoint
// records, the walk of that prefix would find the same blobs at the same paths in the same
// commits, and leave the same seen sets behind; only the commits after the prefix need walking.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/origin.h"
#include "model/stats.h"

namespace twilint::source {

// A blob the walk attributed to a commit: its first-introducing commit and path.
struct WalkedBlob {
  std::string blob;     // 40-hex blob id
  std::string path;     // '/'-separated path in the commit's tree
  uint32_t commit = 0;  // index into HistoryCheckpoint::commits
};

struct HistoryCheckpoint {
  // The commits walked, in walk order: how many, and the SHA-256 (raw, 32 bytes) of their raw
  // 20-byte ids concatenated in that order.
  uint64_t commit_count = 0;
  std::string commit_digest;
  // Every tree and blob the walk marked as seen: raw 20-byte ids, concatenated, in no order.
  std::string seen_trees;
  std::string seen_blobs;
  // Submodule paths already noted, and the notes the walk added to stats.notes, in order.
  std::vector<std::string> noted_submodules;
  std::vector<std::string> notes;
  // The blobs to hand out again when resuming, with their attribution. A recorded checkpoint
  // lists every blob the walk found; the caller keeps those it needs (those with findings).
  std::vector<model::CommitInfo> commits;
  std::vector<WalkedBlob> blobs;
  // What scanning every blob of those commits added to the scan's stats (files and bytes scanned,
  // skips, suppressed and allowlisted counts). The source never computes this: the caller fills it
  // from the scan, and a resumed walk adds it to the enumeration's stats so that blobs not handed
  // out again are still counted as the full walk would count them.
  model::ScanStats blob_stats;
};

// What a history walk remembers between runs (app/history_cache.h keeps it in the cache).
class WalkMemory {
 public:
  virtual ~WalkMemory() = default;
  // An earlier walk of this repository, or nullptr. When the current walk order starts with
  // exactly its commits, enumerate() does not walk them again: it hands out the checkpoint's
  // blobs (as replayed items, with their recorded attribution), adds its notes, commit count and
  // blob_stats to the stats, and walks only the commits after them. Otherwise it walks everything.
  virtual const HistoryCheckpoint* earlier_walk() const = 0;
  // Called by enumerate() once every commit is walked (before the blobs only a tree or blob ref
  // reaches, which are not part of it): what this walk covered, resumed part included. Its
  // blob_stats are the resumed checkpoint's; the receiver adds what the scan counted for the new
  // blobs (those with a commit origin).
  virtual void record_walk(HistoryCheckpoint walk) = 0;
};

}  // namespace twilint::source
