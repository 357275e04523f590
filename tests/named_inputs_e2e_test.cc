// What the user names is scanned, or the run says it was not (issue 13 items 6 and 7), on the
// real binary: twilint:allow covers its own finding's lines only; files over the old 10 MiB cap,
// standard input and pipes are scanned in bounded memory; a named file that cannot be read is an
// exit 3; a "UTF-16" BOM in front of plain text does not hide the secret behind it.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::RunResult;
using testing::TempDir;
namespace fs = std::filesystem;

const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";
const std::string kToken = "e8d28a79023c39c200661fccd268a29a";
const std::string kLeak = "account_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"\n";

json parse(const RunResult& r) { return json::parse(r.out, nullptr, /*allow_exceptions=*/false); }

RunResult scan(std::vector<std::string> args, const std::string& cwd = "") {
  args.insert(args.begin(), "scan");
  args.insert(args.end(), {"--format", "json", "--no-config", "--show-identifiers"});
  return testing::twilint(args, cwd);
}

// (rule id, line) of every finding.
std::set<std::pair<std::string, int>> found(const json& doc) {
  std::set<std::pair<std::string, int>> out;
  if (!doc.is_object() || !doc.contains("findings")) return out;
  for (const json& f : doc["findings"]) out.insert({f["rule_id"].get<std::string>(), f["line"].get<int>()});
  return out;
}

size_t count_rule(const json& doc, const std::string& rule) {
  size_t n = 0;
  for (const auto& [id, line] : found(doc)) n += id == rule ? 1 : 0;
  return n;
}

// Runs a shell pipeline ("$TWILINT" is the binary under test).
RunResult shell(const std::string& script, const std::string& cwd = "") {
  return testing::run({"sh", "-c", script}, cwd, {"TWILINT=" + testing::twilint_bin()});
}

// --- item 6: twilint:allow covers its finding's lines only -------------------------------------------

TEST(InlineAllow, DoesNotReachTheNextLine) {
  TempDir dir;
  dir.write("a.py", "x = 1  # twilint:allow\nauth_token = \"" + kToken + "\"\n");
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(found(parse(r)), (std::set<std::pair<std::string, int>>{{"twilio-auth-token", 2}})) << r.out;
  // On the token's own line it still allows it.
  dir.write("a.py", "x = 1\nauth_token = \"" + kToken + "\"  # twilint:allow\n");
  RunResult allowed = scan({dir.str()});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out;
  EXPECT_EQ(parse(allowed)["stats"]["suppressed"], 1);
}

TEST(InlineAllow, OnTheSidLineOfAMultiLineCallDoesNotHideTheTokenBelow) {
  TempDir dir;
  dir.write("send.py",
            "client = Client(\n"
            "    \"" + kSid + "\",  # twilint:allow twilio-account-sid\n"
            "    \"" + kToken + "\",\n"
            ")\n");
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  EXPECT_EQ(count_rule(doc, "twilio-account-sid"), 0u) << r.out;
  EXPECT_EQ(count_rule(doc, "twilio-auth-token"), 1u) << r.out;
  // A bare allow on the SID line does not either.
  dir.write("send.py", "client = Client(\n    \"" + kSid + "\",  # twilint:allow\n    \"" + kToken + "\",\n)\n");
  EXPECT_EQ(count_rule(parse(scan({dir.str()})), "twilio-auth-token"), 1u);
}

TEST(InlineAllow, UnknownRuleIdIsAWarningAndAllowsNothing) {
  TempDir dir;
  dir.write("a.py", "auth_token = \"" + kToken + "\"  # twilint:allow twilio-auth-tokn\n");
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(count_rule(parse(r), "twilio-auth-token"), 1u) << r.out;
  EXPECT_NE(r.err.find("warning: " + dir.str() + "/a.py:1: twilint:allow names unknown rule 'twilio-auth-tokn'"),
            std::string::npos)
      << r.err;
}

TEST(InlineAllow, ListsWithCommaAndBlanks) {
  TempDir dir;
  dir.write("a.py", "sid = \"" + kSid + "\"; token = \"" + kToken +
                        "\"  # twilint:allow twilio-account-sid, twilio-auth-token\n");
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(parse(r)["stats"]["suppressed"], 2);
  EXPECT_TRUE(r.err.empty()) << r.err;
  // One known and one unknown: the known one is allowed, the unknown one warned about.
  dir.write("a.py", "sid = \"" + kSid + "\"; token = \"" + kToken + "\"  # twilint:allow twilio-account-sid,nope-rule\n");
  RunResult mixed = scan({dir.str()});
  EXPECT_EQ(found(parse(mixed)), (std::set<std::pair<std::string, int>>{{"twilio-auth-token", 1}})) << mixed.out;
  EXPECT_NE(mixed.err.find("unknown rule 'nope-rule'"), std::string::npos) << mixed.err;
}

// --- item 7: large files, stdin, pipes, unreadable named files, odd BOMs ---------------------------

void write_big(const fs::path& path, size_t size, char fill, const std::string& tail) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::string line(1023, fill);
  line += '\n';
  for (size_t written = 0; written + tail.size() < size; written += line.size()) out << line;
  out << tail;
}

TEST(NamedInputs, LargeTextFileIsScannedToTheEndInBoundedMemory) {
  TempDir dir;
  // 24 MiB of 1 KiB lines, the token at the very end: three windows.
  write_big(dir.path() / "big.log", 24u << 20, 'x', "auth_token = \"" + kToken + "\"\n");
  const int expected_line = static_cast<int>((24u << 20) / 1024) + 1;
  // (That no more than a window is held at once is window_scan_test.cc's to show.)
  RunResult r = scan({"big.log"}, dir.str());
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  ASSERT_EQ(doc["findings"].size(), 1u) << r.out.substr(0, 2000);
  EXPECT_EQ(doc["findings"][0]["line"], expected_line);
  EXPECT_EQ(doc["findings"][0]["column"], 15);
  EXPECT_EQ(doc["stats"]["files_skipped"], 0);
  EXPECT_GE(doc["stats"]["bytes_scanned"].get<uint64_t>(), 24u << 20);
  // Inside a directory too, and with the same answer.
  RunResult tree = scan({dir.str()});
  EXPECT_EQ(tree.exit_code, 1) << tree.err;
  EXPECT_EQ(found(parse(tree)), (std::set<std::pair<std::string, int>>{{"twilio-auth-token", expected_line}}));
  // --max-file-size stays an explicit opt-out, and the summary says what it skipped.
  RunResult capped = testing::twilint({"scan", dir.str(), "--no-config", "--max-file-size", "10MiB"});
  EXPECT_EQ(capped.exit_code, 0) << capped.err;
  EXPECT_NE(capped.out.find("1 larger than --max-file-size: " + dir.str() + "/big.log"), std::string::npos)
      << capped.out;
}

TEST(NamedInputs, TokenAcrossAWindowBoundaryIsFoundOnce) {
  TempDir dir;
  // One 8 MiB-window boundary falls inside the token on the long line; the SID is just before it.
  std::string tail = "auth_token = \"" + kToken + "\"\n";
  std::string body(8u << 20, 'y');
  body[1000] = '\n';
  std::string text = body.substr(0, (8u << 20) - 21) + " " + tail + std::string(1u << 20, 'z') + "\n";
  dir.write("edge.txt", text);
  RunResult r = scan({(dir.path() / "edge.txt").string()});
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["line"], 2);
  EXPECT_EQ(doc["findings"][0]["column"], static_cast<int>((8u << 20) - 20 - 1001 + 15));
}

TEST(NamedInputs, DashReadsStandardInput) {
  RunResult r = shell("printf 'auth_token = \"" + kToken + "\"\\n' | \"$TWILINT\" scan - --format json --no-config");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  ASSERT_EQ(doc["findings"].size(), 1u) << r.out;
  EXPECT_EQ(doc["findings"][0]["path"], "<stdin>");
  RunResult clean = shell("echo hello | \"$TWILINT\" scan - --no-config");
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_NE(clean.out.find("scanned 1 file"), std::string::npos) << clean.out;
}

TEST(NamedInputs, DevStdinAndNamedFifosAreRead) {
  RunResult piped =
      shell("printf 'auth_token = \"" + kToken + "\"\\n' | \"$TWILINT\" scan /dev/stdin --format json --no-config");
  ASSERT_EQ(piped.exit_code, 1) << piped.err << piped.out;
  EXPECT_EQ(parse(piped)["findings"].size(), 1u);
  TempDir dir;
  RunResult fifo = shell("mkfifo p && (printf 'auth_token = \"" + kToken +
                             "\"\\n' > p &) && \"$TWILINT\" scan p --format json --no-config",
                         dir.str());
  ASSERT_EQ(fifo.exit_code, 1) << fifo.err;
  EXPECT_EQ(parse(fifo)["findings"].size(), 1u);
  // A large stream, the token at its end.
  RunResult big = shell("{ head -c 30000000 /dev/zero | tr '\\0' 'q'; printf '\\nauth_token = \"" +
                        kToken + "\"\\n'; } | \"$TWILINT\" scan - --format json --no-config");
  ASSERT_EQ(big.exit_code, 1) << big.err;
  EXPECT_EQ(parse(big)["findings"][0]["line"], 2);
}

TEST(NamedInputs, NamedFileThatCannotBeScannedIsIncomplete) {
  // A socket: no user, root included, can read one as a file.
  TempDir dir;
  std::string sock_path = (dir.path() / "s.sock").string();
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  ASSERT_LT(sock_path.size(), sizeof(addr.sun_path));
  std::copy(sock_path.begin(), sock_path.end(), addr.sun_path);
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  dir.write("ok.py", "x = 1\n");
  RunResult r = testing::twilint({"scan", sock_path, (dir.path() / "ok.py").string(), "--no-config"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.out.find("scan INCOMPLETE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("s.sock: not a regular file (a socket)"), std::string::npos) << r.out;
  ::close(sock);
  // A device named on the command line has no end: not scanned, and said so with exit 3.
  RunResult dev = testing::twilint({"scan", "/dev/zero", "--no-config"});
  EXPECT_EQ(dev.exit_code, 3) << dev.out;
}

TEST(NamedInputs, NamedBinaryFileIsScannedAndDirectoryOnesAreListed) {
  TempDir dir;
  dir.write("blob.bin", std::string("\0\1\2", 3) + kLeak);
  RunResult named = scan({(dir.path() / "blob.bin").string()});
  EXPECT_EQ(named.exit_code, 1) << named.out;
  EXPECT_EQ(count_rule(parse(named), "twilio-auth-token"), 1u);
  // Found in a directory walk it is skipped by policy, and the text summary names it and why.
  RunResult walked = testing::twilint({"scan", dir.str(), "--no-config"});
  EXPECT_EQ(walked.exit_code, 0) << walked.out;
  EXPECT_NE(walked.out.find("skipped 1 binary: " + dir.str() + "/blob.bin"), std::string::npos) << walked.out;
}

TEST(NamedInputs, BomBeforePlainTextDoesNotHideTheSecret) {
  TempDir dir;
  dir.write("odd.txt", std::string("\xff\xfe") + kLeak);  // FF FE, then ASCII: not UTF-16
  dir.write("odd-be.txt", std::string("\xfe\xff") + kLeak);
  for (const char* name : {"odd.txt", "odd-be.txt"}) {
    RunResult r = scan({(dir.path() / name).string()});
    EXPECT_EQ(r.exit_code, 1) << name << r.out;
    json doc = parse(r);
    EXPECT_EQ(found(doc), (std::set<std::pair<std::string, int>>{{"twilio-account-sid", 1}, {"twilio-auth-token", 2}}))
        << name << r.out.substr(0, 2000);
  }
  // Real UTF-16 is still decoded, and its secret reported once.
  std::string utf16 = "\xff\xfe";
  for (char c : kLeak) {
    utf16 += c;
    utf16 += '\0';
  }
  dir.write("real.txt", utf16);
  RunResult real = scan({(dir.path() / "real.txt").string()});
  EXPECT_EQ(found(parse(real)), (std::set<std::pair<std::string, int>>{{"twilio-account-sid", 1}, {"twilio-auth-token", 2}}));
}

}  // namespace
}  // namespace twilint
