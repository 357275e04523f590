#include "fix/fix_run.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "fix/apply.h"
#include "fix/dotenv_files.h"
#include "fix/fix_report.h"
#include "fix/generated.h"
#include "fix/git_facts.h"
#include "fix/planner.h"
#include "fix/unified_diff.h"
#include "scan/scanner.h"
#include "util/sha256.h"
#include "util/text.h"

namespace twilint::fix {
namespace {

struct ScannedFile {
  source::Item item;
  std::string bytes;
  std::string sha256;
  std::vector<model::Finding> findings;  // unredacted
  FilePlan plan;
};

// A file fix would write: its path on disk, what it held when read, and the new content.
struct Change {
  std::string fs_path;
  std::string label;   // the path in the diff
  std::string before;
  std::string sha256;  // of `before`; empty = the file does not exist yet
  std::vector<Edit> edits;
};

std::string label_of(const std::string& path) { return util::starts_with(path, "./") ? path.substr(2) : path; }

std::optional<std::string> read_regular(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<ScannedFile> scan_files(const scan::Scanner& scanner, source::Source& source, const std::set<std::string>& rules,
                                    bool& incomplete, std::FILE* err) {
  std::vector<source::Item> items;
  model::ScanStats stats;
  source.enumerate([&](source::Item&& item) { items.push_back(std::move(item)); }, stats);
  std::vector<ScannedFile> files;
  for (source::Item& item : items) {
    source::Loaded loaded = source.load(item);
    if (loaded.skipped) {
      stats.skipped.push_back(*loaded.skipped);
      continue;
    }
    std::vector<model::Finding> findings = scanner.analyze(loaded.bytes, item.origin, stats);
    std::erase_if(findings, [&](const model::Finding& f) { return !rules.empty() && rules.count(f.rule_id) == 0; });
    if (findings.empty()) continue;
    std::string sha = util::sha256_hex(loaded.bytes);
    files.push_back({std::move(item), std::move(loaded.bytes), std::move(sha), std::move(findings), {}});
  }
  for (const model::Skipped& s : stats.skipped) {
    if (!s.error) continue;
    incomplete = true;
    std::fprintf(err, "twilint: warning: not scanned: %s: %s\n", s.path.c_str(), s.reason.c_str());
  }
  return files;
}

// The rewritten file must scan clean of what the plan says it fixed; a plan that does not is
// dropped whole rather than written (it would be a bug in a rewrite, never the user's problem).
void check_plan(const scan::Scanner& scanner, ScannedFile& file) {
  FilePlan& plan = file.plan;
  if (plan.edits.empty()) return;
  model::ScanStats stats;
  std::vector<model::Finding> after = scanner.analyze(plan.after, file.item.origin, stats);
  std::map<std::string, int> misuse_left;
  for (const model::Finding& f : after) misuse_left[f.rule_id] += f.kind == model::RuleKind::kMisuse ? 1 : 0;
  std::map<std::string, int> misuse_before;
  for (const model::Finding& f : file.findings) misuse_before[f.rule_id] += f.kind == model::RuleKind::kMisuse ? 1 : 0;
  std::map<std::string, int> misuse_fixed;
  bool clean = true;
  for (size_t i : plan.fixed) {
    const model::Finding& f = file.findings[i];
    if (f.kind == model::RuleKind::kMisuse) {
      ++misuse_fixed[f.rule_id];
      continue;
    }
    for (const model::Finding& a : after) clean = clean && !(a.secret_hash == f.secret_hash && a.kind == f.kind);
  }
  for (const auto& [rule, n] : misuse_fixed) clean = clean && misuse_left[rule] <= misuse_before[rule] - n;
  if (clean) return;
  for (size_t i : plan.fixed) {
    if (file.findings[i].kind == model::RuleKind::kIdentifier) continue;
    plan.unfixed.push_back({i, "the rewrite did not clear it (please report this as a twilint bug)"});
  }
  plan.fixed.clear();
  plan.edits.clear();
  plan.after = file.bytes;
  plan.env_vars.clear();
  plan.notes.clear();
}

// The first directory the user named: where .env.example and .gitignore belong.
std::optional<std::string> root_directory(const std::vector<std::string>& roots) {
  for (const std::string& r : roots) {
    struct stat st {};
    if (::stat(r.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return r;
  }
  return std::nullopt;
}

std::string join(const std::string& dir, const std::string& name) {
  return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}

void plan_dotfiles(const std::string& dir, const std::set<std::string>& vars, std::vector<Change>& changes,
                   std::vector<std::string>& notes) {
  std::string example = join(dir, ".env.example");
  std::optional<std::string> existing = read_regular(example);
  if (std::optional<Edit> add = env_example_additions(existing.value_or(""), vars)) {
    std::string before = existing.value_or("");
    changes.push_back({example, label_of(example), before, existing ? util::sha256_hex(before) : "", {*add}});
    if (git_ignores(example).value_or(false)) notes.push_back(example + " is ignored by git: add '!.env.example' to .gitignore so it is committed");
  }
  std::string gitignore = join(dir, ".gitignore");
  std::optional<bool> ignored = git_ignores(join(dir, ".env"));
  if (ignored.value_or(false)) return;
  std::optional<std::string> current = read_regular(gitignore);
  std::string before = current.value_or("");
  std::optional<Edit> add = ignored ? std::optional<Edit>(gitignore_append_env(before)) : gitignore_add_env(before);
  if (add) changes.push_back({gitignore, label_of(gitignore), before, current ? util::sha256_hex(before) : "", {*add}});
}

std::string sid_in(const ScannedFile& file, const std::string& rule) {
  for (const model::Finding& f : file.findings) {
    if (f.rule_id == rule) return f.secret;
  }
  return "";
}

void collect_exposures(const std::vector<ScannedFile>& files, std::vector<Exposure>& exposed) {
  for (const ScannedFile& file : files) {
    for (const model::Finding& f : file.findings) {
      if (f.kind != model::RuleKind::kSecret || !committed_in_head(file.item.locator, f.secret)) continue;
      std::string key_sid = f.rule_id == "twilio-api-key-secret" ? sid_in(file, "twilio-api-key-sid") : "";
      exposed.push_back({&f, work_tree_of(file.item.locator).value_or("."), key_sid});
    }
  }
  for (Exposure& e : exposed) {
    if (!e.work_tree.empty() && e.work_tree.back() == '/' && e.work_tree.size() > 1) e.work_tree.pop_back();
  }
}

}  // namespace

FixOutcome run_fix(const rules::RuleSet& rules, const config::Config& config, source::WalkOptions walk,
                   const FixOptions& options, std::FILE* out, std::FILE* err) {
  FixOutcome outcome;
  scan::ScanOptions scan_options;
  scan_options.show_secrets = true;  // the rewrite needs the raw values; nothing prints them
  scan::Scanner scanner(rules, config, scan_options);
  std::unique_ptr<source::Source> source = source::make_fs_source(std::move(walk));
  std::vector<ScannedFile> files = scan_files(scanner, *source, options.rules, outcome.incomplete, err);

  std::vector<Change> changes;
  std::vector<LeftOver> left;
  std::vector<std::string> notes;
  std::set<std::string> vars;
  for (ScannedFile& file : files) {
    if (is_generated(file.item.origin.relative, file.bytes)) {
      for (const model::Finding& f : file.findings) {
        if (f.kind != model::RuleKind::kIdentifier) left.push_back({&f, "generated or vendored file: fix the source it comes from"});
      }
      continue;
    }
    file.plan = plan_file(file.item.origin.relative, file.bytes, file.findings, options.rules);
    check_plan(scanner, file);
    for (const Unfixed& u : file.plan.unfixed) left.push_back({&file.findings[u.finding], u.reason});
    notes.insert(notes.end(), file.plan.notes.begin(), file.plan.notes.end());
    vars.insert(file.plan.env_vars.begin(), file.plan.env_vars.end());
    for (size_t i : file.plan.fixed) outcome.fixed += file.findings[i].kind == model::RuleKind::kIdentifier ? 0 : 1;
    if (!file.plan.edits.empty()) {
      changes.push_back({file.item.locator, label_of(file.item.origin.path), file.bytes, file.sha256, file.plan.edits});
    }
  }
  outcome.unfixed = left.size();
  size_t code_changes = changes.size();
  if (!vars.empty()) {
    std::optional<std::string> dir = root_directory(options.roots);
    if (dir) {
      plan_dotfiles(*dir, vars, changes, notes);
    } else {
      std::string names;
      for (const std::string& v : vars) names += (names.empty() ? "" : ", ") + v;
      notes.push_back("list " + names + " (names only) in your .env.example, and keep .env ignored by git");
    }
  }

  std::string text;
  for (const Change& c : changes) {
    if (!options.write) {
      text += unified_diff(c.label, c.before, c.edits, c.sha256.empty());
      continue;
    }
    ApplyResult r = apply_file(c.fs_path, c.sha256, apply_edits(c.before, c.edits));
    if (r.status == ApplyStatus::kWritten) {
      text += "# wrote " + c.label + "\n";
    } else {
      ++outcome.left_alone;
      std::fprintf(err, "twilint: warning: %s\n", r.message.c_str());
    }
  }
  outcome.files_changed = code_changes;
  std::string verb = options.write ? "fixed" : "would fix";
  text += "# twilint fix: " + verb + " " + std::to_string(outcome.fixed) + " finding(s) in " + std::to_string(code_changes) +
          " file(s)" + (options.write ? "" : " (dry run: nothing written; --write applies this diff)") + "\n";
  text += left_over_text(left, rules);
  text += notes_text(notes);
  std::vector<Exposure> exposed;
  collect_exposures(files, exposed);
  text += exposure_text(exposed);
  std::fwrite(text.data(), 1, text.size(), out);
  return outcome;
}

}  // namespace twilint::fix
