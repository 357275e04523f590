// End to end: the real binary on temp trees (exit codes, JSON, walking rules, outputs).
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using testing::TempDir;

const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";
const std::string kToken = "e8d28a79023c39c200661fccd268a29a";
const std::string kLeak = "account_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"\n";

nlohmann::json scan_json(const std::vector<std::string>& extra, int expected_exit, const std::string& cwd = "") {
  std::vector<std::string> args{"scan", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = testing::twilint(args, cwd);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err;
  auto doc = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << r.out;
  return doc;
}

std::vector<std::string> rule_paths(const nlohmann::json& doc, const std::string& rule) {
  std::vector<std::string> out;
  for (const auto& f : doc["findings"]) {
    if (f["rule_id"] == rule) out.push_back(f["path"].get<std::string>());
  }
  return out;
}

TEST(ScanE2E, FindsLeakWithFixedJsonSchemaAndExitsOne) {
  TempDir dir;
  dir.write("app/notify.py", kLeak);
  auto doc = scan_json({dir.str()}, 1);
  EXPECT_EQ(doc["tool"]["name"], "twilint");
  ASSERT_EQ(rule_paths(doc, "twilio-auth-token").size(), 1u);
  for (const auto& f : doc["findings"]) {
    for (const char* key : {"rule_id", "kind", "severity", "path", "line", "column", "end_line", "end_column",
                            "snippet", "secret", "fingerprint", "message", "fix"}) {
      EXPECT_TRUE(f.contains(key)) << key;
    }
    EXPECT_NE(doc["rules"][f["rule_id"].get<std::string>()]["guidance"].get<std::string>().find("Twilio"),
              std::string::npos);
    if (f["rule_id"] == "twilio-auth-token") {
      EXPECT_EQ(f["severity"], "critical");
      EXPECT_EQ(f["line"], 2);
      EXPECT_EQ(f["secret"], "e8d2…");
      EXPECT_NE(f["message"].get<std::string>().find("complete credential pair"), std::string::npos);
      EXPECT_EQ(f["path"], dir.str() + "/app/notify.py");
    }
  }
  for (const char* key : {"files_scanned", "bytes_scanned", "files_skipped", "duration_ms"}) {
    EXPECT_TRUE(doc["stats"].contains(key)) << key;
  }
  EXPECT_EQ(doc["stats"]["files_scanned"], 1);
}

TEST(ScanE2E, PathsAreRelativeToTheRootAsNamed) {
  TempDir dir;
  dir.write("repo/src/a.py", kLeak);
  auto doc = scan_json({"repo"}, 1, dir.str());
  EXPECT_EQ(rule_paths(doc, "twilio-auth-token"), std::vector<std::string>{"repo/src/a.py"});
  auto dot = scan_json({}, 1, dir.str() + "/repo");
  EXPECT_EQ(rule_paths(dot, "twilio-auth-token"), std::vector<std::string>{"src/a.py"});
}

TEST(ScanE2E, CleanTreeExitsZeroAndTextSaysSo) {
  TempDir dir;
  dir.write("a.py", "client = Client(os.environ['TWILIO_ACCOUNT_SID'], os.environ['TWILIO_AUTH_TOKEN'])\n");
  auto r = testing::twilint({"scan", dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(ScanE2E, FailOnThreshold) {
  TempDir dir;
  dir.write("ids.txt", "sid " + kSid + "\n");
  EXPECT_EQ(testing::twilint({"scan", dir.str()}).exit_code, 0);  // info is below medium
  EXPECT_EQ(testing::twilint({"scan", dir.str(), "--fail-on", "info"}).exit_code, 1);
  dir.write("leak.py", kLeak);
  EXPECT_EQ(testing::twilint({"scan", dir.str(), "--fail-on", "none"}).exit_code, 0);
}

TEST(ScanE2E, HonoursGitignoreScansHiddenFilesSkipsDotGit) {
  TempDir dir;
  testing::git(dir.str(), {"init", "-q"});
  dir.write(".gitignore", "ignored/\n*.log\n");
  dir.write("ignored/leak.py", kLeak);
  dir.write("debug.log", kLeak);
  dir.write(".env", "TWILIO_ACCOUNT_SID=" + kSid + "\nTWILIO_AUTH_TOKEN=" + kToken + "\n");
  dir.write(".git/leak.py", kLeak);
  auto doc = scan_json({dir.str()}, 1);
  EXPECT_EQ(rule_paths(doc, "twilio-auth-token"), std::vector<std::string>{dir.str() + "/.env"});
  auto all = scan_json({dir.str(), "--no-ignore"}, 1);
  EXPECT_EQ(rule_paths(all, "twilio-auth-token").size(), 3u);
}

TEST(ScanE2E, SkipsBinaryAndLargeFilesAndCountsThem) {
  TempDir dir;
  dir.write("blob.bin", std::string("\0\1\2", 3) + kLeak);
  dir.write("big.py", std::string(2048, '#') + "\n" + kLeak);
  auto doc = scan_json({dir.str(), "--max-file-size", "1KiB"}, 0);
  EXPECT_EQ(doc["stats"]["files_skipped"], 2);
  EXPECT_EQ(doc["stats"]["files_scanned"], 0);
}

TEST(ScanE2E, SymlinksNotFollowedUnlessAsked) {
  TempDir dir;
  dir.write("tree/real/leak.py", kLeak);
  TempDir outside;
  outside.write("secret.py", kLeak);
  std::filesystem::create_symlink(dir.path() / "tree/real/leak.py", dir.path() / "tree/link.py");
  std::filesystem::create_symlink(outside.path() / "secret.py", dir.path() / "tree/out.py");
  std::filesystem::create_directory_symlink(dir.path() / "tree", dir.path() / "tree/real/loop");
  std::string tree = (dir.path() / "tree").string();
  auto doc = scan_json({tree}, 1);
  EXPECT_EQ(rule_paths(doc, "twilio-auth-token"), std::vector<std::string>{tree + "/real/leak.py"});
  // Followed: the link inside the tree is scanned; the one leaving the tree and the loop are not.
  auto followed = scan_json({tree, "--follow"}, 1);
  EXPECT_EQ(rule_paths(followed, "twilio-auth-token"),
            (std::vector<std::string>{tree + "/link.py", tree + "/real/leak.py"}));
  bool outside_noted = false, loop_noted = false;
  for (const auto& s : followed["stats"]["skipped"]) {
    outside_noted = outside_noted || s["reason"].get<std::string>().find("outside") != std::string::npos;
    loop_noted = loop_noted || s["reason"].get<std::string>().find("loop") != std::string::npos;
  }
  EXPECT_TRUE(outside_noted) << followed["stats"].dump();
  EXPECT_TRUE(loop_noted) << followed["stats"].dump();
}

TEST(ScanE2E, DeterministicOrderWhateverTheThreads) {
  TempDir dir;
  for (int i = 0; i < 40; ++i) dir.write("d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".py", kLeak);
  auto one = testing::twilint({"scan", dir.str(), "--format", "json", "--jobs", "1", "--show-identifiers"});
  auto many = testing::twilint({"scan", dir.str(), "--format", "json", "--jobs", "8", "--show-identifiers"});
  auto a = nlohmann::json::parse(one.out), b = nlohmann::json::parse(many.out);
  EXPECT_EQ(a["findings"], b["findings"]);
  EXPECT_EQ(a["findings"].size(), 80u);
}

TEST(ScanE2E, MissingPathIsAUsageError) {
  auto r = testing::twilint({"scan", "/nonexistent/twilint/path"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such file or directory: /nonexistent/twilint/path"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST(ScanE2E, UnknownFlagIsAUsageError) {
  auto r = testing::twilint({"scan", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(ScanE2E, OutputFileIsWrittenAndMissingDirectoryFails) {
  TempDir dir;
  dir.write("src/leak.py", kLeak);
  auto r = testing::twilint({"scan", dir.str() + "/src", "--format", "json", "--output", dir.str() + "/report.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty());
  auto doc = nlohmann::json::parse(testing::read_file(dir.path() / "report.json"));
  EXPECT_EQ(rule_paths(doc, "twilio-auth-token").size(), 1u);
  auto bad = testing::twilint({"scan", dir.str() + "/src", "--output", dir.str() + "/missing/report.json"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("missing/report.json"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "missing"));
  // Non-regular targets are written directly, never replaced.
  auto devnull = testing::twilint({"scan", dir.str() + "/src", "--output", "/dev/null"});
  EXPECT_EQ(devnull.exit_code, 1);
  struct stat st {};
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(ScanE2E, Utf16CrlfAndInvalidUtf8) {
  TempDir dir;
  std::string utf16 = "\xff\xfe";
  for (char c : "auth_token = \"" + kToken + "\"\r\ntwilio_sid = \"" + kSid + "\"\r\n") {
    utf16 += c;
    utf16 += '\0';
  }
  dir.write("win.config", utf16);
  dir.write("crlf.py", "x = 1\r\naccount_sid = \"" + kSid + "\"\r\nauth_token = \"" + kToken + "\"\r\n");
  dir.write("bad.py", "\xfd\xff\xfe garbage \xc3\x28\naccount_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"\n");
  auto doc = scan_json({dir.str()}, 1);
  auto paths = rule_paths(doc, "twilio-auth-token");
  EXPECT_EQ(paths.size(), 3u);
  for (const auto& f : doc["findings"]) {
    if (f["rule_id"] != "twilio-auth-token") continue;
    std::string path = f["path"].get<std::string>();
    if (path.find("crlf.py") != std::string::npos) {
      EXPECT_EQ(f["line"], 3);
    } else if (path.find("win.config") != std::string::npos) {
      EXPECT_EQ(f["line"], 1);
    }
    EXPECT_EQ(f["snippet"].get<std::string>().find('\r'), std::string::npos);
  }
}

TEST(ScanE2E, FifosAreSkippedWithoutBlocking) {
  TempDir dir;
  dir.write("leak.py", kLeak);
  ASSERT_EQ(::mkfifo((dir.path() / "pipe").c_str(), 0644), 0);
  auto doc = scan_json({dir.str()}, 1);
  EXPECT_EQ(doc["stats"]["files_skipped"], 1);
}

TEST(ScanE2E, NoFullSecretAnywhereByDefault) {
  TempDir dir;
  dir.write("leak.py", kLeak);
  for (const char* format : {"text", "json", "sarif", "github", "junit"}) {
    auto r = testing::twilint({"scan", dir.str(), "--format", format});
    EXPECT_EQ(r.out.find(kToken), std::string::npos) << format;
    EXPECT_EQ(r.err.find(kToken), std::string::npos) << format;
    if (std::string(format) == "github") continue;  // annotations carry the message, never the secret
    auto shown = testing::twilint({"scan", dir.str(), "--format", format, "--show-secrets"});
    EXPECT_NE(shown.out.find(kToken), std::string::npos) << format;
  }
}

TEST(ScanE2E, StdoutClosedEarlyExitsQuietly) {
  TempDir dir;
  for (int i = 0; i < 200; ++i) dir.write("f" + std::to_string(i) + ".py", kLeak);
  auto r = testing::run({"sh", "-c", "'" + testing::twilint_bin() + "' scan '" + dir.str() + "' | head -1"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

}  // namespace
}  // namespace twilint
