// Engine throughput (Google Benchmark): MB/s per core of the whole per-blob detector on realistic
// mixed source text, the same with the rule pack multiplied 10x (stage 1 must keep the cost flat),
// Twilio-heavy text (SDK-like sources, generated HTML docs), and the worst case (text dense with
// 32-hex strings and rule keywords); the engine alone with and without its straightforward
// whole-blob mode (the before/after of windowed stage 2). Also rule loading time.
#include <cstdio>
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "config/config.h"
#include "match/matcher.h"
#include "rules/embedded.h"
#include "rules/loader.h"
#include "scan/scanner.h"

namespace {

using namespace twilint;

std::string random_hex(std::mt19937_64& rng, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kHex[rng() % 16];
  return s;
}

// Source-like text: code, comments, config lines, the odd checksum; about 1 Twilio word per 4 KiB.
std::string mixed_source(size_t bytes) {
  std::mt19937_64 rng(42);
  static const char* kLines[] = {
      "    for (size_t i = 0; i < items.size(); ++i) { total += items[i].price * items[i].quantity; }\n",
      "def handle_request(request, *args, **kwargs):\n",
      "  return render(request, 'orders/detail.html', {'order': order, 'user': request.user})\n",
      "// Compute the running average over the sliding window; see docs/metrics.md\n",
      "const server = http.createServer((req, res) => { res.writeHead(200); res.end('ok'); });\n",
      "import { useEffect, useState } from 'react';\n",
      "    logger.info(\"processed %d records in %.2f s\", count, elapsed)\n",
      "database:\n  host: db.internal\n  port: 5432\n  pool_size: 20\n",
      "    if err != nil {\n        return nil, fmt.Errorf(\"open %s: %w\", path, err)\n    }\n",
      "public final class OrderService implements Service<Order> {\n",
  };
  std::string out;
  while (out.size() < bytes) {
    out += kLines[rng() % 10];
    if (rng() % 40 == 0) out += "sha256 = \"" + random_hex(rng, 64) + "\"\n";
    if (rng() % 60 == 0) out += "etag: \"" + random_hex(rng, 32) + "\"\n";
    if (rng() % 80 == 0) out += "client = Client(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n";
  }
  return out;
}

// SDK-like source dense with Twilio words (what the Twilio SDK repositories are made of): resource
// classes with account SIDs, auth and API key options, doc comments, URIs; a few fixture SIDs.
std::string twilio_sdk_source(size_t bytes) {
  std::mt19937_64 rng(11);
  static const char* kLines[] = {
      "  /**\n   * The SID of the [Account](https://www.twilio.com/docs/iam/api/account) that created the resource.\n   */\n",
      "  accountSid: string;\n",
      "  constructor(protected _version: V2010, payload: ResourceResource, accountSid: string, sid?: string) {\n",
      "    this._solution = { accountSid, sid: sid || this.sid };\n",
      "    this._uri = `/Accounts/${accountSid}/Keys/${sid}.json`;\n",
      "    const data: any = {};\n    if (params[\"friendlyName\"] !== undefined) data[\"FriendlyName\"] = params[\"friendlyName\"];\n",
      "    headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\";\n",
      "    let operationVersion = this._version, operationPromise = operationVersion.update({ uri: this._uri, method: \"post\", data, headers });\n",
      "  def __init__(self, version: Version, account_sid: str, sid: str):\n        super().__init__(version)\n",
      "        self._uri = \"/Accounts/{account_sid}/Messages/{sid}.json\".format(**self._solution)\n",
      "    :param auth_token: The auth token used to authenticate the request\n    :param api_key: Twilio API key\n",
      "        self.username = username or environment.get(\"TWILIO_ACCOUNT_SID\")\n        self.password = password or environment.get(\"TWILIO_AUTH_TOKEN\")\n",
      "  public static ReadOptions creator(final String pathAccountSid) { return new KeyCreator(pathAccountSid); }\n",
      "      expect(client.api.v2010.accounts(\"AC\" + sidSuffix).keys.list).toBeDefined();\n",
  };
  std::string out;
  while (out.size() < bytes) {
    out += kLines[rng() % (sizeof kLines / sizeof *kLines)];
    if (rng() % 50 == 0) out += "    account_sid=\"AC" + random_hex(rng, 32) + "\",\n";  // a fixture SID
  }
  return out;
}

// Generated HTML API docs (typedoc/sphinx style): markup around the same Twilio words.
std::string twilio_html_docs(size_t bytes) {
  std::mt19937_64 rng(13);
  static const char* kLines[] = {
      "<li class=\"tsd-kind-property tsd-parent-kind-class\"><a href=\"classes/api_v2010_account_key.KeyInstance.html#accountSid\" class=\"tsd-kind-icon\">account<wbr/>Sid</a></li>\n",
      "<div class=\"tsd-signature tsd-kind-icon\">auth<wbr/>Token<span class=\"tsd-signature-symbol\">:</span> <span class=\"tsd-signature-type\">string</span></div>\n",
      "<p>The SID of the <a href=\"https://www.twilio.com/docs/iam/api/account\">Account</a> that created the Key resource.</p>\n",
      "<dl class=\"field-list simple\"><dt class=\"field-odd\">Parameters</dt><dd class=\"field-odd\"><p><strong>api_key</strong> &#8211; The API key</p></dd></dl>\n",
      "<pre><code class=\"language-js\">const client = require('twilio')(accountSid, authToken);</code></pre>\n",
      "<span class=\"pre\">TwilioRestClient.Builder(username, password).accountSid(accountSid).build()</span>\n",
      "<tr><td><code>signing_key_sid</code></td><td>The SID of the signing key</td></tr>\n",
      "    <div class=\"col-content\">\n      <section class=\"tsd-panel tsd-member\">\n",
  };
  std::string out;
  while (out.size() < bytes) out += kLines[rng() % (sizeof kLines / sizeof *kLines)];
  return out;
}

// Worst case: every line a 32-hex string next to a keyword the prefilter reacts to.
std::string dense_hex(size_t bytes) {
  std::mt19937_64 rng(7);
  std::string out;
  while (out.size() < bytes) {
    out += "token = \"" + random_hex(rng, 32) + "\" # twilio AC" + random_hex(rng, 32) + " secret " +
           random_hex(rng, 32) + "\n";
  }
  return out;
}

// How the extra copies of the pack differ from the original.
enum class Copies {
  kSame,      // only the ids renamed: every copy's keywords hit wherever the original's do
  kDistinct,  // keywords renamed too, as another vendor's rules would differ: stage 1 must keep
              // their cost flat on text they do not concern
};

rules::RuleSet load_pack(int copies, Copies kind = Copies::kSame) {
  std::vector<rules::RuleSource> sources;
  for (int c = 0; c < copies; ++c) {
    for (rules::RuleSource s : rules::embedded_sources()) {
      if (c > 0) {
        std::string prefix = "copy" + std::to_string(c) + "-";
        for (size_t pos = 0; (pos = s.text.find("\"twilio-", pos)) != std::string::npos; pos += 8) {
          if (s.text.compare(pos, 12, "\"twilio-jwt\"") == 0) continue;  // a decoder name, not a rule id
          s.text.insert(pos + 1, prefix);
          pos += prefix.size();
        }
        s.name += "#" + std::to_string(c);
      }
      sources.push_back(std::move(s));
    }
  }
  auto set = rules::load_rules(sources);
  if (!set) {
    for (const auto& e : set.errors()) std::fprintf(stderr, "%s\n", e.to_string().c_str());
    std::abort();
  }
  if (kind == Copies::kDistinct) {
    // Copy c's keywords get a prefix no text contains.
    for (rules::Rule& rule : set->rules) {
      if (rule.id.rfind("copy", 0) != 0) continue;
      std::string prefix = "zq" + rule.id.substr(4, rule.id.find('-') - 4);
      for (std::string& k : rule.keywords) k = prefix + k;
      for (rules::Pattern& p : rule.patterns) {
        for (std::string& k : p.keywords) k = prefix + k;
      }
    }
  }
  return std::move(*set);
}

void run_detector(benchmark::State& state, const std::string& text, int copies, Copies kind = Copies::kSame) {
  rules::RuleSet rules = load_pack(copies, kind);
  config::Config config = config::default_config();
  scan::Scanner scanner(rules, config, scan::ScanOptions{});
  model::Origin origin{"src/app/service.py", "src/app/service.py", std::nullopt};
  for (auto _ : state) {
    model::ScanStats stats;
    benchmark::DoNotOptimize(scanner.analyze(text, origin, stats));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_MixedSource(benchmark::State& state) { run_detector(state, mixed_source(4 << 20), 1); }
void BM_MixedSourceRules10x(benchmark::State& state) { run_detector(state, mixed_source(4 << 20), 10); }
void BM_MixedSourceRules10xDistinct(benchmark::State& state) {
  run_detector(state, mixed_source(4 << 20), 10, Copies::kDistinct);
}
void BM_DenseHexWorstCase(benchmark::State& state) { run_detector(state, dense_hex(1 << 20), 1); }
void BM_TwilioSdkSource(benchmark::State& state) { run_detector(state, twilio_sdk_source(4 << 20), 1); }
void BM_TwilioHtmlDocs(benchmark::State& state) { run_detector(state, twilio_html_docs(4 << 20), 1); }

// The engine alone, in its straightforward mode (every hit pattern over the whole blob, as before
// windows and gates), next to the same without it: the before/after of stage 2.
void run_matcher(benchmark::State& state, const std::string& text, bool whole_blob) {
  rules::RuleSet rules = load_pack(1);
  match::Matcher matcher(rules, match::MatcherOptions{whole_blob});
  for (auto _ : state) benchmark::DoNotOptimize(matcher.find(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
void BM_EngineMixedSource(benchmark::State& state) { run_matcher(state, mixed_source(4 << 20), false); }
void BM_EngineMixedSourceWholeBlob(benchmark::State& state) { run_matcher(state, mixed_source(4 << 20), true); }
void BM_EngineTwilioSdkSource(benchmark::State& state) { run_matcher(state, twilio_sdk_source(4 << 20), false); }
void BM_EngineTwilioSdkSourceWholeBlob(benchmark::State& state) { run_matcher(state, twilio_sdk_source(4 << 20), true); }
void BM_EngineTwilioHtmlDocs(benchmark::State& state) { run_matcher(state, twilio_html_docs(4 << 20), false); }
void BM_EngineTwilioHtmlDocsWholeBlob(benchmark::State& state) { run_matcher(state, twilio_html_docs(4 << 20), true); }

// Start-up as the CLI does it: decode the pre-parsed pack and build the scanner (regexes compile
// later, on first use).
void BM_LoadShippedPack(benchmark::State& state) {
  for (auto _ : state) {
    rules::RuleSet rules = std::move(*rules::load_embedded_rules());
    config::Config config = config::default_config();
    scan::Scanner scanner(rules, config, scan::ScanOptions{});
    benchmark::DoNotOptimize(&scanner);
  }
}

// The most start-up can cost: the pack decoded and every regex of every rule compiled.
void BM_LoadShippedPackAndCompileAll(benchmark::State& state) {
  for (auto _ : state) {
    rules::RuleSet rules = std::move(*rules::load_embedded_rules());
    for (const rules::Rule& rule : rules.rules) {
      for (const rules::Pattern& p : rule.patterns) benchmark::DoNotOptimize(&p.compiled());
    }
    benchmark::DoNotOptimize(&rules);
  }
}

// The same pack parsed from its TOML text (how user rule files load), for comparison.
void BM_LoadPackFromToml(benchmark::State& state) {
  for (auto _ : state) {
    rules::RuleSet rules = load_pack(1);
    benchmark::DoNotOptimize(&rules);
  }
}

BENCHMARK(BM_MixedSource)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MixedSourceRules10x)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MixedSourceRules10xDistinct)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DenseHexWorstCase)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwilioSdkSource)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwilioHtmlDocs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineMixedSource)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineMixedSourceWholeBlob)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineTwilioSdkSource)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineTwilioSdkSourceWholeBlob)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineTwilioHtmlDocs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EngineTwilioHtmlDocsWholeBlob)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadShippedPack)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadShippedPackAndCompileAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadPackFromToml)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
