#include "scan/finding_builder.h"

#include <algorithm>
#include <map>
#include <set>

#include "scan/code_context.h"
#include "scan/credential_pairs.h"
#include "scan/inline_allow.h"
#include "scan/offline_proof.h"
#include "scan/test_data.h"
#include "util/sha256.h"
#include "util/text.h"

namespace twilint::scan {
namespace {

constexpr size_t kSnippetContext = 80;  // bytes kept on each side of the secret in long lines

bool is_misuse(const rules::Rule& r) { return r.kind == model::RuleKind::kMisuse; }

// Drops misuse matches whose evidence is not code that runs: anything in a generated or minified
// blob, in markup whatever lies outside its <script> elements, and a match that starts on a comment
// line (scan/code_context.h).
void drop_misuse_outside_code(std::vector<match::RawMatch>& raw, std::string_view bytes, std::string_view path,
                              const rules::RuleSet& rules) {
  auto is_misuse = [&](const match::RawMatch& m) {
    return rules.rules[static_cast<size_t>(m.rule_index)].kind == model::RuleKind::kMisuse;
  };
  if (std::none_of(raw.begin(), raw.end(), is_misuse)) return;
  bool not_code = classify_blob(path, bytes) != BlobClass::kCode;
  bool markup = is_markup(path);
  std::erase_if(raw, [&](const match::RawMatch& m) {
    return is_misuse(m) &&
           (not_code || (markup && !inside_script(bytes, m.begin)) || on_comment_line(bytes, m.begin));
  });
}

// Drops secret matches in a blob of test data or documented samples (scan/test_data.h).
void drop_test_data_secrets(std::vector<match::RawMatch>& raw, std::string_view bytes, std::string_view path,
                            const rules::RuleSet& rules) {
  auto is_secret = [&](const match::RawMatch& m) {
    return rules.rules[static_cast<size_t>(m.rule_index)].kind == model::RuleKind::kSecret;
  };
  if (std::none_of(raw.begin(), raw.end(), is_secret) || !is_test_data_blob(path, bytes)) return;
  std::erase_if(raw, is_secret);
}

// One finding per secret occurrence: among overlapping secret/identifier matches keep the most
// specific rule (highest priority, then the longer secret). Misuse matches are deduplicated only
// against themselves: a literal token in a production config is both a leak and a misuse.
std::vector<match::RawMatch> resolve_overlaps(std::vector<match::RawMatch> raw, const rules::RuleSet& rules) {
  auto better = [&](const match::RawMatch& a, const match::RawMatch& b) {
    const rules::Rule& ra = rules.rules[static_cast<size_t>(a.rule_index)];
    const rules::Rule& rb = rules.rules[static_cast<size_t>(b.rule_index)];
    if (ra.priority != rb.priority) return ra.priority > rb.priority;
    size_t la = a.secret_end - a.secret_begin, lb = b.secret_end - b.secret_begin;
    if (la != lb) return la > lb;
    return std::tie(a.secret_begin, a.rule_index) < std::tie(b.secret_begin, b.rule_index);
  };
  // Best first, then each match is kept unless a kept match of its group overlaps it. Kept spans
  // are indexed by start offset per group, so each check looks only at the neighbours: a file
  // dense with tokens stays O(n log n) rather than O(n^2).
  std::sort(raw.begin(), raw.end(), better);
  std::map<std::pair<int, size_t>, size_t> kept_spans;  // (group, begin) -> end
  auto group_of = [&](const match::RawMatch& m) {
    const rules::Rule& rule = rules.rules[static_cast<size_t>(m.rule_index)];
    return is_misuse(rule) ? m.rule_index : -1;  // secrets and identifiers share group -1
  };
  auto overlaps_kept = [&](int group, size_t begin, size_t end) {
    auto it = kept_spans.lower_bound({group, begin});
    if (it != kept_spans.end() && it->first.first == group && it->first.second < end) return true;
    if (it != kept_spans.begin()) {
      --it;
      if (it->first.first == group && it->second > begin) return true;
    }
    return false;
  };
  std::vector<match::RawMatch> kept;
  for (match::RawMatch& m : raw) {
    int group = group_of(m);
    // An empty span still occupies its position.
    size_t end = std::max(m.secret_end, m.secret_begin + 1);
    if (overlaps_kept(group, m.secret_begin, end)) continue;
    kept_spans[{group, m.secret_begin}] = end;
    kept.push_back(std::move(m));
  }
  return kept;
}

// Whether the blob holds the evidence that makes `rule`'s findings advice (rules::Advice).
bool shows_advice_evidence(const rules::Rule& rule, std::string_view bytes) {
  if (!rule.advice) return false;
  const rules::Advice& a = *rule.advice;
  return RE2::PartialMatch(bytes, a.when.get()) && !(a.unless && RE2::PartialMatch(bytes, a.unless->get()));
}

// Lowers a finding that cannot do what its rule fears: an expired token grants nothing, and a
// rule's advice evidence (computed once per rule per blob in `advice_seen`) makes it advice.
void apply_mitigations(const rules::Rule& rule, const match::RawMatch& m, std::string_view bytes,
                       std::map<const rules::Rule*, bool>& advice_seen, model::Finding& f) {
  if (m.expired) {
    f.severity = model::Severity::kLow;
    f.message += " — expired, grants nothing now (the API key that signed it may still be live)";
  }
  auto [it, inserted] = advice_seen.try_emplace(&rule, false);
  if (inserted) it->second = shows_advice_evidence(rule, bytes);
  if (it->second) {
    f.severity = std::min(f.severity, rule.advice->severity);
    f.message += " — advice: " + rule.advice->reason;
  }
}

// Whether a twilint:allow on one of the finding's own lines (those its secret spans) covers it.
// Unknown ids named there are warned about once per line: they allow nothing.
bool allowed_on_its_lines(const util::LineIndex& lines, int first, int last,
                          std::string_view rule_id, const rules::RuleSet& rules, const model::Origin& origin,
                          std::set<int>& warned_lines, model::ScanStats& stats) {
  bool allowed = false;
  for (int line = first; line <= last; ++line) {
    AllowVerdict verdict = check_inline_allow(lines.line_text(lines.line_start(line)), rule_id, rules);
    allowed = allowed || verdict.allowed;
    if (!verdict.unknown_ids.empty() && warned_lines.insert(line).second) {
      for (const std::string& id : verdict.unknown_ids) {
        stats.warnings.push_back({origin.path, line,
                                  "twilint:allow names unknown rule '" + id + "'; it allows nothing (see 'twilint rules list')"});
      }
    }
  }
  return allowed;
}

bool allowlisted(std::string_view secret, const config::Config& config) {
  for (const auto& re : config.allow_regexes) {
    if (RE2::PartialMatch(secret, *re)) return true;
  }
  if (!config.stopwords.empty()) {
    std::string low = util::to_lower(secret);
    for (const std::string& w : config.stopwords) {
      if (!w.empty() && low.find(w) != std::string::npos) return true;
    }
  }
  return false;
}

// The bytes [from, to) with every secret span inside redacted (unless show_secrets), control
// characters blanked (they would corrupt terminal and workflow-command output).
std::string render(std::string_view bytes, size_t from, size_t to,
                   const std::vector<std::pair<size_t, size_t>>& secret_spans, bool show_secrets) {
  std::vector<std::pair<size_t, size_t>> spans;
  if (!show_secrets) {
    for (auto [b, e] : secret_spans) {
      if (b < to && e > from) spans.emplace_back(std::max(b, from), std::min(e, to));
    }
    std::sort(spans.begin(), spans.end());
  }
  std::string out;
  size_t pos = from;
  for (auto [b, e] : spans) {
    if (b < pos) {
      pos = std::max(pos, e);
      continue;
    }
    out.append(bytes.substr(pos, b - pos));
    out += redact(bytes.substr(b, e - b));
    pos = e;
  }
  if (pos < to) out.append(bytes.substr(pos, to - pos));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = ' ';
  }
  return out;
}

// The source line around [begin, end), redacted. Very long lines (minified files, 60 MiB
// one-liners) are cut to a window around the finding.
std::string make_snippet(std::string_view bytes, const util::LineIndex& lines, size_t begin, size_t end,
                         const std::vector<std::pair<size_t, size_t>>& secret_spans, bool show_secrets) {
  std::string_view line = lines.line_text(begin);
  size_t line_begin = static_cast<size_t>(line.data() - bytes.data());
  size_t line_end = line_begin + line.size();
  size_t from = line_begin, to = line_end;
  if (line.size() > 2 * kSnippetContext + (end - begin)) {
    from = std::max(line_begin, begin > kSnippetContext ? begin - kSnippetContext : 0);
    to = std::min(line_end, std::max(end, begin) + kSnippetContext);
  }
  std::string out = from > line_begin ? "…" : "";
  out += render(bytes, from, to, secret_spans, show_secrets);
  if (to < line_end) out += "…";
  return util::trim(out);
}

}  // namespace

std::string redact(std::string_view secret) {
  if (secret.size() <= 8) return "…";
  size_t keep = 4;
  // Never cut a UTF-8 sequence in half.
  while (keep < secret.size() && (static_cast<unsigned char>(secret[keep]) & 0xc0) == 0x80) ++keep;
  return std::string(secret.substr(0, keep)) + "…";
}

std::string fingerprint(std::string_view rule_id, std::string_view relative_path, std::string_view secret) {
  std::string material;
  material.append(rule_id).push_back('\0');
  material.append(relative_path).push_back('\0');
  material.append(util::sha256_hex(secret));
  return util::sha256_hex(material);
}

std::string finding_key(const model::Finding& f) {
  std::string key = f.fingerprint;
  key.append("\n").append(f.origin.path).append("\n");
  if (f.origin.commit) key += f.origin.commit->id;
  key.append("\n").append(std::to_string(f.line)).append(":").append(std::to_string(f.column));
  return key;
}

std::vector<model::Finding> build_findings(std::string_view bytes, const model::Origin& origin,
                                           std::vector<match::RawMatch> raw, const rules::RuleSet& rules,
                                           const config::Config& config, const BuildOptions& options,
                                           model::ScanStats& stats,
                                           std::vector<model::CredentialCandidate>* credentials,
                                           ProofMaterial* proof) {
  std::vector<model::Finding> findings;
  drop_misuse_outside_code(raw, bytes, origin.path, rules);
  drop_test_data_secrets(raw, bytes, origin.relative, rules);
  if (raw.empty()) return findings;
  util::LineIndex lines(bytes);
  CredentialPairer pairer(bytes);

  // Every secret-kind span is redacted in every snippet, whichever finding the snippet belongs to.
  std::vector<std::pair<size_t, size_t>> secret_spans;
  std::set<std::string> present;  // rule ids matched in this blob, for pairing
  std::set<int> warned_lines;     // lines whose unknown twilint:allow ids were warned about
  std::map<const rules::Rule*, bool> advice_seen;
  std::vector<RawValue> access_tokens, key_secrets;  // for confirm_offline
  for (const match::RawMatch& m : raw) {
    const rules::Rule& rule = rules.rules[static_cast<size_t>(m.rule_index)];
    present.insert(rule.id);
    if (rule.kind == model::RuleKind::kSecret) secret_spans.emplace_back(m.secret_begin, m.secret_end);
  }

  for (const match::RawMatch& m : resolve_overlaps(std::move(raw), rules)) {
    const rules::Rule& rule = rules.rules[static_cast<size_t>(m.rule_index)];
    std::string_view secret = bytes.substr(m.secret_begin, m.secret_end - m.secret_begin);
    int line = lines.line_of(m.secret_begin);
    size_t last = m.secret_end > m.secret_begin ? m.secret_end - 1 : m.secret_begin;
    int last_line = lines.line_of(last);
    if (allowed_on_its_lines(lines, line, last_line, rule.id, rules, origin, warned_lines, stats)) {
      ++stats.suppressed;
      continue;
    }
    if (rule.kind != model::RuleKind::kMisuse && allowlisted(secret, config)) {
      ++stats.allowlisted;
      continue;
    }
    model::Finding f;
    f.rule_id = rule.id;
    f.kind = rule.kind;
    f.severity = (*options.effective)[static_cast<size_t>(m.rule_index)].severity;
    f.origin = origin;
    f.line = line;
    f.column = lines.column_of(m.secret_begin);
    f.end_line = last_line;
    f.end_column = lines.column_of(last) + 1;
    f.message = rule.title;
    if (!m.detail.empty()) f.message += ": " + m.detail;
    bool paired = false;
    for (const std::string& other : rule.pairs_with) paired = paired || present.count(other) > 0;
    if (paired) {
      f.severity = model::Severity::kCritical;
      std::string partner = rule.pairs_with.empty() ? "" : rules.find(rule.pairs_with.front())->title;
      f.message += " — complete credential pair (with the " + partner + " in the same file)";
    }
    apply_mitigations(rule, m, bytes, advice_seen, f);
    if (rule.kind == model::RuleKind::kMisuse) {
      // A misuse "secret" is the offending construct: its first line, short, and with any literal
      // secret inside it redacted like everywhere else.
      std::string_view rest = lines.line_text(m.secret_begin);
      size_t line_end = static_cast<size_t>(rest.data() - bytes.data()) + rest.size();
      size_t to = std::min({m.secret_end, line_end, m.secret_begin + 120});
      f.secret = util::trim(render(bytes, m.secret_begin, std::max(to, m.secret_begin), secret_spans,
                                   options.show_secrets));
    } else {
      f.secret = options.show_secrets ? std::string(secret) : redact(secret);
    }
    f.secret_hash = util::sha256_hex(secret);
    f.fingerprint = fingerprint(rule.id, origin.relative, secret);
    f.snippet = make_snippet(bytes, lines, m.secret_begin, m.secret_end, secret_spans, options.show_secrets);
    f.fix = rule.fix;
    if (credentials != nullptr) {
      if (std::optional<model::CredentialCandidate> c = pairer.candidate(rule.verify, m)) {
        c->finding_key = finding_key(f);
        credentials->push_back(std::move(*c));
      }
    }
    if (rule.validators.decoder == "twilio-jwt") access_tokens.push_back({findings.size(), secret});
    if (rule.verify == rules::VerifyMethod::kTwilioApiKey) key_secrets.push_back({findings.size(), secret});
    findings.push_back(std::move(f));
  }
  confirm_offline(findings, access_tokens, key_secrets);
  if (proof != nullptr) {
    for (const RawValue& t : access_tokens) proof->access_tokens.emplace_back(t.value);
    for (const RawValue& s : key_secrets) proof->key_secrets.emplace_back(s.value);
  }
  std::sort(findings.begin(), findings.end(), model::finding_order);
  return findings;
}

}  // namespace twilint::scan
