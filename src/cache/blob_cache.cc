#include "cache/blob_cache.h"

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "util/sha256.h"

namespace twilint::cache {
namespace {

namespace fs = std::filesystem;

// Bumped whenever the schema or the stored finding format changes: old files are rebuilt.
constexpr const char* kFormat = "twilint-blob-cache-2";
// How long to wait for another twilint writing the same cache before bypassing it.
constexpr int kBusyTimeoutMs = 200;

std::string entry_key(std::string_view oid, std::string_view path) {
  std::string key;
  key.reserve(oid.size() + 1 + path.size());
  key.append(oid).append("\n").append(path);
  return key;
}

std::string findings_to_json(const std::vector<model::Finding>& findings) {
  nlohmann::json array = nlohmann::json::array();
  for (const model::Finding& f : findings) {
    array.push_back({{"rule", f.rule_id},
                     {"kind", static_cast<int>(f.kind)},
                     {"severity", static_cast<int>(f.severity)},
                     {"line", f.line},
                     {"column", f.column},
                     {"end_line", f.end_line},
                     {"end_column", f.end_column},
                     {"snippet", f.snippet},
                     {"secret", f.secret},
                     {"fingerprint", f.fingerprint},
                     {"secret_hash", f.secret_hash},
                     {"message", f.message},
                     {"fix", f.fix}});
  }
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// nullopt when the text is not what findings_to_json writes.
std::optional<std::vector<model::Finding>> findings_from_json(std::string_view text) {
  nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (array.is_discarded() || !array.is_array()) return std::nullopt;
  std::vector<model::Finding> out;
  try {
    for (const nlohmann::json& j : array) {
      model::Finding f;
      f.rule_id = j.at("rule").get<std::string>();
      f.kind = static_cast<model::RuleKind>(j.at("kind").get<int>());
      f.severity = static_cast<model::Severity>(j.at("severity").get<int>());
      f.line = j.at("line").get<int>();
      f.column = j.at("column").get<int>();
      f.end_line = j.at("end_line").get<int>();
      f.end_column = j.at("end_column").get<int>();
      f.snippet = j.at("snippet").get<std::string>();
      f.secret = j.at("secret").get<std::string>();
      f.fingerprint = j.at("fingerprint").get<std::string>();
      f.secret_hash = j.at("secret_hash").get<std::string>();
      f.message = j.at("message").get<std::string>();
      f.fix = j.at("fix").get<std::string>();
      out.push_back(std::move(f));
    }
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return out;
}

// Runs SQL without results; returns the SQLite code.
int exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};


// Why a cache is unusable, as one line for the warning.
std::string describe(sqlite3* db, int rc) {
  std::string text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return text.empty() ? sqlite3_errstr(rc) : text;
}

using OpenResult = BlobCache::OpenResult;

OpenResult classify(int rc) {
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return OpenResult::kBusy;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return OpenResult::kCorrupt;
  return OpenResult::kFailed;
}

}  // namespace

std::string default_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg == '/') return (fs::path(xdg) / "twilint").string();
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return (fs::path(home) / ".cache" / "twilint").string();
  return "";
}

BlobCache::~BlobCache() {
  if (db_ != nullptr) sqlite3_close(db_);
}

namespace {

// One step of opening a cache failed: how (for what to do next) and why (for the warning).
struct Failure {
  OpenResult result;
  std::string why;
};
using Step = std::optional<Failure>;  // nullopt: the step worked

Failure failed(sqlite3* db, int rc) { return Failure{classify(rc), describe(db, rc)}; }

Step create_tables(sqlite3* db) {
  int rc = exec(db,
                "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "CREATE TABLE IF NOT EXISTS blobs(oid TEXT NOT NULL, path TEXT NOT NULL, binary INTEGER NOT NULL,"
                " bytes INTEGER NOT NULL, suppressed INTEGER NOT NULL, allowlisted INTEGER NOT NULL, findings TEXT,"
                " PRIMARY KEY(oid, path)) WITHOUT ROWID;"
                "CREATE TABLE IF NOT EXISTS walk(id INTEGER PRIMARY KEY, data BLOB NOT NULL);");
  if (rc != SQLITE_OK) return failed(db, rc);
  return std::nullopt;
}

// The meta table as key -> value.
Step read_meta(sqlite3* db, std::map<std::string, std::string>& meta) {
  Statement q;
  int rc = sqlite3_prepare_v2(db, "SELECT key, value FROM meta", -1, &q.stmt, nullptr);
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(q.stmt);
    if (rc != SQLITE_ROW) break;
    const unsigned char* value = sqlite3_column_text(q.stmt, 1);
    meta[reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0))] =
        value != nullptr ? reinterpret_cast<const char*>(value) : "";
  }
  if (rc != SQLITE_DONE) return failed(db, rc);
  return std::nullopt;
}

// Empties a stale cache (other rules, config, version or size limit) and stores the new key.
Step start_over(sqlite3* db, const std::string& settings_digest, const std::string& repo_id) {
  Statement ins;
  int rc = exec(db, "BEGIN IMMEDIATE; DELETE FROM blobs; DELETE FROM walk; DELETE FROM meta;");
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(db, "INSERT INTO meta(key, value) VALUES (?, ?)", -1, &ins.stmt, nullptr);
  for (auto [key, value] : {std::pair<const char*, std::string>{"settings", settings_digest},
                            {"repo", repo_id}, {"format", kFormat}}) {
    if (rc != SQLITE_OK) break;
    sqlite3_bind_text(ins.stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins.stmt, 2, value.c_str(), -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(ins.stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    sqlite3_reset(ins.stmt);
  }
  if (rc == SQLITE_OK) rc = exec(db, "COMMIT");
  if (rc == SQLITE_OK) return std::nullopt;
  Failure failure = failed(db, rc);
  exec(db, "ROLLBACK");
  return failure;
}

std::string_view column_text(sqlite3_stmt* stmt, int column) {
  const unsigned char* p = sqlite3_column_text(stmt, column);
  if (p == nullptr) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt, column))};
}

// Every stored (blob, path) result; a findings column that does not parse makes the file corrupt.
Step read_entries(sqlite3* db, std::unordered_map<std::string, BlobResult>& entries) {
  Statement q;
  int rc = sqlite3_prepare_v2(db, "SELECT oid, path, binary, bytes, suppressed, allowlisted, findings FROM blobs", -1,
                              &q.stmt, nullptr);
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(q.stmt);
    if (rc != SQLITE_ROW) break;
    BlobResult result;
    result.binary = sqlite3_column_int(q.stmt, 2) != 0;
    result.bytes = static_cast<uint64_t>(sqlite3_column_int64(q.stmt, 3));
    result.suppressed = static_cast<uint64_t>(sqlite3_column_int64(q.stmt, 4));
    result.allowlisted = static_cast<uint64_t>(sqlite3_column_int64(q.stmt, 5));
    std::string_view findings = column_text(q.stmt, 6);
    if (!findings.empty()) {
      auto parsed = findings_from_json(findings);
      if (!parsed) return Failure{OpenResult::kCorrupt, "an entry does not parse"};
      result.findings = std::move(*parsed);
    }
    entries.emplace(entry_key(column_text(q.stmt, 0), column_text(q.stmt, 1)), std::move(result));
  }
  if (rc != SQLITE_DONE) return failed(db, rc);
  return std::nullopt;
}

// The stored walk checkpoint's bytes (empty when there is none).
Step read_walk(sqlite3* db, std::string& walk) {
  Statement w;
  int rc = sqlite3_prepare_v2(db, "SELECT data FROM walk WHERE id = 0", -1, &w.stmt, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(w.stmt);
  if (rc == SQLITE_ROW) {
    const void* data = sqlite3_column_blob(w.stmt, 0);
    if (data != nullptr) walk.assign(static_cast<const char*>(data), static_cast<size_t>(sqlite3_column_bytes(w.stmt, 0)));
    rc = sqlite3_step(w.stmt);
  }
  if (rc != SQLITE_DONE) return failed(db, rc);
  return std::nullopt;
}

}  // namespace

// One open + load of `file_`; on kCorrupt the caller deletes the file and tries once more.
std::optional<std::string> BlobCache::load(const std::string& settings_digest, const std::string& repo_id,
                                           OpenResult& result) {
  auto fail = [&](Failure failure) {
    result = failure.result;
    return std::optional<std::string>(std::move(failure.why));
  };
  int rc = sqlite3_open_v2(file_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) return fail(failed(db_, rc));
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  std::map<std::string, std::string> meta;
  if (Step bad = create_tables(db_)) return fail(*bad);
  if (Step bad = read_meta(db_, meta)) return fail(*bad);
  // The stored settings must be exactly ours, else every entry is stale.
  if (meta["format"] != kFormat || meta["settings"] != settings_digest || meta["repo"] != repo_id) {
    if (Step bad = start_over(db_, settings_digest, repo_id)) return fail(*bad);
  } else {
    if (Step bad = read_entries(db_, entries_)) return fail(*bad);
    if (Step bad = read_walk(db_, walk_)) return fail(*bad);
  }
  result = OpenResult::kOk;
  return std::nullopt;
}

std::unique_ptr<BlobCache> BlobCache::open(const std::string& dir, const std::string& repo_id,
                                           const std::string& settings_digest, std::vector<std::string>& warnings) {
  if (dir.empty()) {
    warnings.push_back("no cache directory ($XDG_CACHE_HOME and $HOME unset); running without the cache");
    return nullptr;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  // One file per repository, named by a hash of its common git dir.
  std::string file = (fs::path(dir) / (util::sha256_hex(repo_id).substr(0, 32) + ".sqlite")).string();
  auto attempt = [&](OpenResult& result) {
    std::unique_ptr<BlobCache> cache(new BlobCache());
    cache->file_ = file;
    std::optional<std::string> why = cache->load(settings_digest, repo_id, result);
    return std::pair{result == OpenResult::kOk ? std::move(cache) : nullptr, why.value_or("")};
  };
  OpenResult result = OpenResult::kOk;
  auto [cache, why] = attempt(result);
  if (result == OpenResult::kCorrupt) {
    warnings.push_back("cache " + file + " is unreadable (" + why + "); rebuilding it");
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(file + suffix, ec);
    std::tie(cache, why) = attempt(result);
  }
  if (result == OpenResult::kOk) return std::move(cache);
  if (result == OpenResult::kBusy) {
    warnings.push_back("cache " + file + " is locked by another process; running without the cache");
  } else {
    warnings.push_back("cannot use cache " + file + " (" + why + "); running without the cache");
  }
  return nullptr;
}

const BlobResult* BlobCache::find(std::string_view oid, std::string_view path) const {
  auto it = entries_.find(entry_key(oid, path));
  return it == entries_.end() ? nullptr : &it->second;
}

void BlobCache::add(std::string_view oid, std::string_view path, BlobResult result) {
  std::string key = entry_key(oid, path);
  std::lock_guard lock(added_mutex_);
  added_has_findings_[key] = !result.findings.empty();
  added_.emplace_back(std::move(key), std::move(result));
}

bool BlobCache::must_hand_out_again(std::string_view oid, std::string_view path) {
  std::string key = entry_key(oid, path);
  std::lock_guard lock(added_mutex_);
  if (auto added = added_has_findings_.find(key); added != added_has_findings_.end()) return added->second;
  auto it = entries_.find(key);
  return it == entries_.end() || !it->second.findings.empty();
}

void BlobCache::set_walk(std::string record) {
  std::lock_guard lock(added_mutex_);
  new_walk_ = std::move(record);
}

bool BlobCache::save(std::vector<std::string>& warnings) {
  std::lock_guard lock(added_mutex_);
  if (added_.empty() && !new_walk_) return true;
  int rc = exec(db_, "BEGIN IMMEDIATE");
  Statement ins;
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(db_,
                            "INSERT OR REPLACE INTO blobs(oid, path, binary, bytes, suppressed, allowlisted, findings)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            -1, &ins.stmt, nullptr);
  }
  for (const auto& [key, result] : added_) {
    if (rc != SQLITE_OK) break;
    size_t nl = key.find('\n');
    sqlite3_bind_text(ins.stmt, 1, key.data(), static_cast<int>(nl), SQLITE_STATIC);
    sqlite3_bind_text(ins.stmt, 2, key.data() + nl + 1, static_cast<int>(key.size() - nl - 1), SQLITE_STATIC);
    sqlite3_bind_int(ins.stmt, 3, result.binary ? 1 : 0);
    sqlite3_bind_int64(ins.stmt, 4, static_cast<sqlite3_int64>(result.bytes));
    sqlite3_bind_int64(ins.stmt, 5, static_cast<sqlite3_int64>(result.suppressed));
    sqlite3_bind_int64(ins.stmt, 6, static_cast<sqlite3_int64>(result.allowlisted));
    std::string findings;
    if (!result.findings.empty()) findings = findings_to_json(result.findings);
    if (findings.empty()) {
      sqlite3_bind_null(ins.stmt, 7);
    } else {
      sqlite3_bind_text(ins.stmt, 7, findings.data(), static_cast<int>(findings.size()), SQLITE_TRANSIENT);
    }
    rc = sqlite3_step(ins.stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db_);
    sqlite3_reset(ins.stmt);
  }
  if (rc == SQLITE_OK && new_walk_) {
    Statement walk;
    rc = sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO walk(id, data) VALUES (0, ?)", -1, &walk.stmt, nullptr);
    if (rc == SQLITE_OK) {
      sqlite3_bind_blob64(walk.stmt, 1, new_walk_->data(), new_walk_->size(), SQLITE_STATIC);
      rc = sqlite3_step(walk.stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db_);
    }
  }
  if (rc == SQLITE_OK) rc = exec(db_, "COMMIT");
  if (rc != SQLITE_OK) {
    warnings.push_back("cannot update cache " + file_ + " (" + describe(db_, rc) + ")");
    exec(db_, "ROLLBACK");
    return false;
  }
  added_.clear();  // added_has_findings_ stays: must_hand_out_again() answers for the whole run
  new_walk_.reset();
  return true;
}

}  // namespace twilint::cache
