// The bad-input matrix (issue 7 §3) and the guarantees (§4) on the real binary, for the cases
// scan_e2e_test.cc and git_e2e_test.cc do not already cover: unreadable directories (run as an
// unprivileged user even when the suite runs as root), sockets and device files, a 60 MiB line,
// UTF-16 BE, NUL bytes, deep and huge trees, empty and vanishing files, corrupt git objects and
// packs, malformed rule files, full disks, Ctrl-C, and "a scan never changes what it scans".
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace twilint {
namespace {

using nlohmann::json;
using testing::git;
using testing::RunResult;
using testing::TempDir;
namespace fs = std::filesystem;

const std::string kSid = "ACeee65f53e9421ce50211670eae679f02";
const std::string kToken = "e8d28a79023c39c200661fccd268a29a";
const std::string kLeak = "account_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"\n";

json parse(const RunResult& r) { return json::parse(r.out, nullptr, /*allow_exceptions=*/false); }

RunResult scan(std::vector<std::string> args, const std::string& cwd = "") {
  args.insert(args.begin(), "scan");
  args.push_back("--format");
  args.push_back("json");
  return testing::twilint(args, cwd);
}

size_t count_rule(const json& doc, const std::string& rule) {
  size_t n = 0;
  if (!doc.contains("findings")) return 0;
  for (const json& f : doc["findings"]) n += f["rule_id"] == rule ? 1 : 0;
  return n;
}

bool skipped_with(const json& doc, const std::string& path_part, const std::string& reason_part = "") {
  if (!doc.contains("stats") || !doc["stats"].contains("skipped")) return false;
  for (const json& s : doc["stats"]["skipped"]) {
    std::string path = s.value("path", ""), reason = s.value("reason", "");
    if (path.find(path_part) != std::string::npos && reason.find(reason_part) != std::string::npos) return true;
  }
  return false;
}

// Writes `size` bytes of `fill` followed by `tail` with plain POSIX calls (fast for big files).
void write_big(const fs::path& path, size_t size, char fill, const std::string& tail) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  std::string chunk(1 << 20, fill);
  for (size_t done = 0; done < size;) {
    size_t n = std::min(chunk.size(), size - done);
    ASSERT_EQ(::write(fd, chunk.data(), n), static_cast<ssize_t>(n));
    done += n;
  }
  ASSERT_EQ(::write(fd, tail.data(), tail.size()), static_cast<ssize_t>(tail.size()));
  ::close(fd);
}

// Everything under `dir` (git internals included): type, mode, size, mtime and bytes of each entry.
// A scan in any mode must leave this identical.
std::map<std::string, std::string> fingerprint_tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    struct stat st {};
    EXPECT_EQ(::lstat(it->path().c_str(), &st), 0);
    std::string meta = std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                       std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    if (S_ISREG(st.st_mode)) meta += " " + testing::read_file(it->path());
    if (S_ISLNK(st.st_mode)) meta += " -> " + fs::read_symlink(it->path()).string();
    out[fs::relative(it->path(), dir).string()] = meta;
  }
  return out;
}

// --- unreadable input -------------------------------------------------------------------------

// Runs twilint as an unprivileged user (uid/gid 65534) when the suite runs as root, so permission
// checks apply; as a normal user it simply runs twilint.
RunResult twilint_unprivileged(const std::vector<std::string>& args) {
  if (::geteuid() != 0) return testing::twilint(args);
  std::vector<std::string> argv{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                testing::twilint_bin()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::run(argv, "/");
}

// Load-time errors are collected: one run names every bad flag, each on its own line, exit 2,
// and no report.
TEST(BadInput, EveryBadFlagIsReportedInOneRun) {
  TempDir dir;
  RunResult r = testing::twilint({"scan", dir.str(), (dir.path() / "gone").string(), "--max-file-size", "lots",
                                  "--verify-endpoint", "nowhere=https://x.test", "--exclude", "[oops",
                                  "--baseline", (dir.path() / "none.json").string(), "--no-config"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  for (const char* part : {"no such file or directory", "--max-file-size:", "--verify-endpoint: unknown service",
                           "--exclude:", "none.json"}) {
    EXPECT_NE(r.err.find(part), std::string::npos) << part << "\n" << r.err;
  }
  size_t lines = std::count(r.err.begin(), r.err.end(), '\n');
  EXPECT_EQ(lines, 5u) << r.err;

  RunResult h = testing::twilint({"history", dir.str(), "--range", "main", "--max-file-size", "lots", "--no-config"});
  EXPECT_EQ(h.exit_code, 2) << h.err;
  EXPECT_NE(h.err.find("invalid range 'main' in --range"), std::string::npos) << h.err;
  EXPECT_NE(h.err.find("--max-file-size:"), std::string::npos) << h.err;
}

TEST(BadInput, UnreadableDirectoryAndFileAreExitThreeAndListed) {
  TempDir dir;
  ::chmod(dir.path().c_str(), 0755);  // mkdtemp makes it 0700; the unprivileged user must enter it
  dir.write("tree/ok.py", kLeak);
  dir.write("tree/locked/inner.py", kLeak);
  dir.write("tree/sealed.py", kLeak);
  for (const char* d : {"tree", "tree/locked"}) ::chmod((dir.path() / d).c_str(), 0755);
  ::chmod((dir.path() / "tree/ok.py").c_str(), 0644);
  ::chmod((dir.path() / "tree/locked").c_str(), 0);
  ::chmod((dir.path() / "tree/sealed.py").c_str(), 0);
  std::string tree = (dir.path() / "tree").string();
  RunResult r = twilint_unprivileged({"scan", tree, "--format", "json", "--no-config"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  json doc = parse(r);
  ASSERT_FALSE(doc.is_discarded()) << r.out << r.err;
  EXPECT_EQ(count_rule(doc, "twilio-auth-token"), 1u);  // the readable file is still scanned
  EXPECT_TRUE(skipped_with(doc, "locked")) << doc["stats"].dump();
  EXPECT_TRUE(skipped_with(doc, "sealed.py")) << doc["stats"].dump();
  EXPECT_EQ(r.err.find(kToken), std::string::npos);
}

// --- special files ----------------------------------------------------------------------------

TEST(BadInput, SocketsAndDeviceFilesAreSkippedWithoutBlocking) {
  TempDir dir;
  dir.write("leak.py", kLeak);
  int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock_path = (dir.path() / "agent.sock").string();
  ASSERT_LT(sock_path.size(), sizeof(addr.sun_path));
  std::strcpy(addr.sun_path, sock_path.c_str());
  ASSERT_EQ(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::listen(sock, 1), 0);
  fs::create_symlink("/dev/zero", dir.path() / "zero");      // endless if ever read
  fs::create_symlink("/dev/urandom", dir.path() / "random");  // likewise
  for (bool follow : {false, true}) {
    std::vector<std::string> args{dir.str()};
    if (follow) args.push_back("--follow");
    auto start = std::chrono::steady_clock::now();
    RunResult r = scan(args);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    json doc = parse(r);
    EXPECT_EQ(count_rule(doc, "twilio-auth-token"), 1u);
    EXPECT_EQ(doc["stats"]["files_scanned"], 1) << doc["stats"].dump();
  }
  // Named on the command line, a device is listed as not scanned rather than read forever.
  auto start = std::chrono::steady_clock::now();
  RunResult dev = scan({"/dev/zero"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
  EXPECT_TRUE(skipped_with(parse(dev), "/dev/zero", "not a regular file")) << dev.out << dev.err;
  EXPECT_EQ(parse(dev)["stats"]["files_scanned"], 0);
  ::close(sock);
}

// --- big, odd and many files --------------------------------------------------------------------

// A 60 MiB minified line with a secret at its very end. Large files are scanned in bounded
// windows by default, so the secret is found; an explicit --max-file-size is the opt-out that
// skips such a file and says so (a skip by policy, exit 0/1, not 3).
TEST(BadInput, SixtyMebibyteSingleLineSecretAtTheEnd) {
  TempDir dir;
  write_big(dir.path() / "bundle.min.js", 60u << 20, 'a',
            " var twilio={account_sid:\"" + kSid + "\",auth_token:\"" + kToken + "\"};");
  RunResult capped = scan({dir.str(), "--max-file-size", "10MiB"});
  EXPECT_EQ(capped.exit_code, 0) << capped.err;
  EXPECT_TRUE(skipped_with(parse(capped), "bundle.min.js")) << capped.out;
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  ASSERT_EQ(count_rule(doc, "twilio-auth-token"), 1u) << r.out.substr(0, 2000);
  for (const json& f : doc["findings"]) {
    EXPECT_EQ(f["line"], 1);
    EXPECT_LT(f["snippet"].get<std::string>().size(), 4096u);  // the snippet is cut, not 60 MiB
  }
}

TEST(BadInput, Utf16BigEndianWithBomIsDecoded) {
  TempDir dir;
  std::string be = "\xfe\xff";
  for (char c : "twilio_sid = \"" + kSid + "\"\nauth_token = \"" + kToken + "\"\n") {
    be += '\0';
    be += c;
  }
  dir.write("app.config", be);
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  ASSERT_EQ(count_rule(doc, "twilio-auth-token"), 1u) << r.out;
  for (const json& f : doc["findings"]) {
    if (f["rule_id"] == "twilio-auth-token") {
      EXPECT_EQ(f["line"], 2);
    }
  }
}

TEST(BadInput, NulBytesMakeABinaryFileThatIsSkippedAsSuchNotAnError) {
  TempDir dir;
  dir.write("data.bin", kLeak + std::string("\0\0\0", 3) + kLeak);
  dir.write("ok.py", "x = 1\n");
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  json doc = parse(r);
  EXPECT_EQ(doc["stats"]["files_scanned"], 1);
  EXPECT_TRUE(skipped_with(doc, "data.bin")) << doc["stats"].dump();
}

TEST(BadInput, EmptyFileIsScannedAndClean) {
  TempDir dir;
  dir.write("empty.py", "");
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json doc = parse(r);
  EXPECT_EQ(doc["stats"]["files_scanned"], 1);
  EXPECT_EQ(doc["findings"].size(), 0u);
  RunResult direct = scan({(dir.path() / "empty.py").string()});
  EXPECT_EQ(direct.exit_code, 0) << direct.err;
}

TEST(BadInput, TwoHundredLevelsDeep) {
  TempDir dir;
  fs::path deep = dir.path();
  std::string relative;
  for (int i = 0; i < 200; ++i) relative += "d" + std::to_string(i % 10) + "/";
  dir.write(relative + "leak.py", kLeak);
  RunResult r = scan({dir.str(), "--jobs", "2"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  ASSERT_EQ(count_rule(doc, "twilio-auth-token"), 1u);
  EXPECT_EQ(doc["findings"][0]["path"].get<std::string>(), dir.str() + "/" + relative + "leak.py");
}

TEST(BadInput, HundredThousandSmallFiles) {
  TempDir dir;
  constexpr int kDirs = 100, kPerDir = 1000;
  for (int d = 0; d < kDirs; ++d) {
    fs::path sub = dir.path() / ("d" + std::to_string(d));
    fs::create_directory(sub);
    for (int f = 0; f < kPerDir; ++f) {
      std::string name = (sub / ("f" + std::to_string(f) + ".txt")).string();
      int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ASSERT_GE(fd, 0);
      std::string body = "line " + std::to_string(f) + "\n";
      ASSERT_EQ(::write(fd, body.data(), body.size()), static_cast<ssize_t>(body.size()));
      ::close(fd);
    }
  }
  dir.write("d57/f999.txt", kLeak);
  RunResult r = scan({dir.str()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json doc = parse(r);
  EXPECT_EQ(doc["stats"]["files_scanned"], kDirs * kPerDir);
  ASSERT_EQ(count_rule(doc, "twilio-auth-token"), 1u);
  EXPECT_EQ(doc["findings"][0]["path"], dir.str() + "/d57/f999.txt");
}

// Files deleted and rewritten while the scan runs: never a crash or a hang; a file that vanished
// after it was listed is either scanned or reported as skipped (exit 3), never silently dropped.
TEST(BadInput, FilesChangingOrVanishingDuringTheScan) {
  TempDir dir;
  constexpr int kFiles = 3000;
  for (int i = 0; i < kFiles; ++i) dir.write("f" + std::to_string(i) + ".py", kLeak);
  std::atomic<bool> done{false};
  std::thread churn([&] {
    for (int i = kFiles - 1; i >= 0 && !done.load(); --i) {
      fs::path p = dir.path() / ("f" + std::to_string(i) + ".py");
      if (i % 2 == 0) {
        fs::remove(p);
      } else {
        std::ofstream(p, std::ios::trunc) << "x = 1\n";
      }
    }
  });
  RunResult r = scan({dir.str(), "--jobs", "4"});
  done.store(true);
  churn.join();
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3) << r.exit_code << r.err;
  json doc = parse(r);
  ASSERT_FALSE(doc.is_discarded()) << r.out;
  size_t scanned = doc["stats"]["files_scanned"].get<size_t>();
  size_t skipped = doc["stats"]["skipped"].size();
  EXPECT_LE(scanned, static_cast<size_t>(kFiles));
  if (r.exit_code == 3) {
    EXPECT_GT(skipped, 0u);
  }
  EXPECT_EQ(r.err.find(kToken), std::string::npos);
}

// --- history on broken repositories ---------------------------------------------------------------

std::string make_repo(const TempDir& dir, const std::string& name) {
  fs::path path = dir.path() / name;
  fs::create_directories(path);
  git(path.string(), {"init", "-q"});
  return path.string();
}

void commit_file(const std::string& repo, const std::string& name, const std::string& content) {
  fs::create_directories((fs::path(repo) / name).parent_path());
  std::ofstream(fs::path(repo) / name, std::ios::binary | std::ios::trunc) << content;
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", "add " + name});
}

std::string rev(const std::string& repo, const std::string& what) {
  std::string id = git(repo, {"rev-parse", what});
  id.pop_back();
  return id;
}

void overwrite(const fs::path& path, size_t offset, const std::string& bytes) {
  fs::permissions(path, fs::perms::owner_write, fs::perm_options::add);
  std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(BadInput, CorruptLooseBlobIsExitThreeAndListed) {
  TempDir dir;
  std::string repo = make_repo(dir, "repo");
  commit_file(repo, "kept.py", kLeak);
  commit_file(repo, "broken.py", "token = \"" + std::string(40, 'x') + "\"\n");
  std::string blob = rev(repo, "HEAD:broken.py");
  fs::path object = fs::path(repo) / ".git/objects" / blob.substr(0, 2) / blob.substr(2);
  overwrite(object, 2, std::string(16, '\xff'));  // zlib stream damaged past the header
  RunResult r = testing::twilint({"history", repo, "--format", "json"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  json doc = parse(r);
  ASSERT_FALSE(doc.is_discarded()) << r.out << r.err;
  EXPECT_EQ(doc["stats"]["incomplete"], true);
  EXPECT_TRUE(skipped_with(doc, "broken.py")) << doc["stats"].dump();
  EXPECT_EQ(count_rule(doc, "twilio-auth-token"), 1u);
}

TEST(BadInput, CorruptPackIsAnErrorNotACrash) {
  TempDir dir;
  std::string repo = make_repo(dir, "repo");
  for (int i = 0; i < 5; ++i) commit_file(repo, "f" + std::to_string(i) + ".py", kLeak + "# " + std::to_string(i) + "\n");
  git(repo, {"gc", "-q", "--aggressive"});
  fs::path pack;
  for (const auto& e : fs::directory_iterator(fs::path(repo) / ".git/objects/pack")) {
    if (e.path().extension() == ".pack") pack = e.path();
  }
  ASSERT_FALSE(pack.empty());
  size_t size = fs::file_size(pack);
  // Damage the middle of the pack: some objects' compressed data no longer inflates.
  overwrite(pack, size / 2, std::string(64, '\x5a'));
  RunResult r = testing::twilint({"history", repo, "--format", "json"});
  EXPECT_TRUE(r.exit_code == 2 || r.exit_code == 3) << r.exit_code << "\n" << r.out << r.err;
  EXPECT_LT(r.exit_code, 128) << "killed by a signal";
  EXPECT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find(kToken), std::string::npos);
  EXPECT_EQ(r.out.find(kToken), std::string::npos);
  // A truncated pack, likewise.
  fs::resize_file(pack, size / 3);
  RunResult t = testing::twilint({"history", repo, "--format", "json"});
  EXPECT_TRUE(t.exit_code == 2 || t.exit_code == 3) << t.exit_code << "\n" << t.out << t.err;
}

TEST(BadInput, HistoryOfAFileAndOfAMissingPath) {
  TempDir dir;
  dir.write("plain.txt", "x\n");
  RunResult file = testing::twilint({"history", (dir.path() / "plain.txt").string()});
  EXPECT_EQ(file.exit_code, 2) << file.err;
  EXPECT_FALSE(file.err.empty());
  RunResult missing = testing::twilint({"history", (dir.path() / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  EXPECT_NE(missing.err.find("nope"), std::string::npos) << missing.err;
}

// --- malformed rule files --------------------------------------------------------------------

TEST(BadInput, MalformedRuleFilesReportEveryErrorWithFileAndLine) {
  TempDir dir;
  dir.write("a.py", "x = 1\n");
  // Line 1-4: a rule with an invalid regex; 6-9: a rule with no pattern and a bad severity.
  dir.write("bad.toml",
            "[[rules]]\nid = \"my-broken\"\nseverity = \"high\"\npattern = '''(?P<secret>[a-z'''\n"
            "\n[[rules]]\nid = \"my-other\"\nseverity = \"urgent\"\nkind = \"secret\"\n");
  RunResult r = testing::twilint({"scan", dir.str(), "--rules", (dir.path() / "bad.toml").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  std::string file = (dir.path() / "bad.toml").string();
  EXPECT_NE(r.err.find(file + ":4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":8"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  // Not TOML at all: one error naming the file and the line.
  dir.write("garbage.toml", "[[rules]]\nid = \"x\"\npattern = \"unterminated\n");
  RunResult g = testing::twilint({"scan", dir.str(), "--rules", (dir.path() / "garbage.toml").string()});
  EXPECT_EQ(g.exit_code, 2) << g.err;
  EXPECT_NE(g.err.find((dir.path() / "garbage.toml").string() + ":3"), std::string::npos) << g.err;
  // A rule file that does not exist.
  RunResult none = testing::twilint({"scan", dir.str(), "--rules", (dir.path() / "none.toml").string()});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("none.toml"), std::string::npos) << none.err;
}

// --- output failures ----------------------------------------------------------------------------

TEST(BadInput, OutputToAFullDiskFailsAndLeavesNoFile) {
  TempDir dir;
  for (int i = 0; i < 200; ++i) dir.write("src/f" + std::to_string(i) + ".py", kLeak);
  std::string src = (dir.path() / "src").string();
  // The non-atomic path (a device that is always full): an error, never a silent success.
  RunResult full = testing::twilint({"scan", src, "--format", "json", "--output", "/dev/full"});
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("/dev/full"), std::string::npos) << full.err;
  if (::geteuid() != 0) return;  // mounting a small filesystem needs root; /dev/full covered the rest
  // The atomic path on a real full filesystem: a 16 KiB tmpfs cannot hold the report.
  fs::path mnt = dir.path() / "mnt";
  fs::create_directory(mnt);
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=16k") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here (" << std::strerror(errno) << "); /dev/full was tested";
  }
  RunResult r = testing::twilint({"scan", src, "--format", "json", "--output", (mnt / "report.json").string()});
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(mnt)) left.push_back(e.path().filename().string());
  ::umount(mnt.c_str());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("report.json"), std::string::npos) << r.err;
  EXPECT_TRUE(left.empty()) << left.front();
  EXPECT_EQ(r.err.find(kToken), std::string::npos);
}

// Whether process `pid` catches SIGINT: the SigCgt mask of /proc/PID/status (hex, bit N-1 for
// signal N). Polls for up to 10 s.
bool wait_until_catching_sigint(pid_t pid) {
  for (int i = 0; i < 1000; ++i) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("SigCgt:", 0) != 0) continue;
      unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
      if ((mask >> (SIGINT - 1)) & 1ULL) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Ctrl-C during a long scan: exit 130 promptly, no report written, no temp file left.
TEST(BadInput, InterruptStopsPromptlyWithExit130AndNoOutputFile) {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    // Distinct contents, so that history has 40 blobs to scan, not one.
    write_big(dir.path() / ("big" + std::to_string(i) + ".txt"), 8u << 20, 'b', "\n" + kLeak + "\nfile " + std::to_string(i) + "\n");
  }
  fs::path out = dir.path() / "out" / "report.json";
  fs::create_directory(dir.path() / "out");
  for (const char* mode : {"scan", "history"}) {
    if (std::string(mode) == "history") {
      git(dir.str(), {"init", "-q"});
      git(dir.str(), {"add", "-A", "."});
      git(dir.str(), {"commit", "-q", "-m", "big"});
    }
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
      std::string bin = testing::twilint_bin();
      std::string max = "--max-file-size=64MiB";
      ::execl(bin.c_str(), bin.c_str(), mode, dir.str().c_str(), "--format", "json", "--output", out.c_str(),
              "--jobs", "1", max.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // SIGINT before twilint has installed its handler would kill it by the default action (seen
    // under ASan on a loaded machine, where start-up took over 100 ms): wait until it catches
    // SIGINT, then 100 ms more, which lands inside the seconds the work takes on one job.
    ASSERT_TRUE(wait_until_catching_sigint(pid)) << mode << ": no SIGINT handler within 10 s";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, WNOHANG), 0) << mode << ": finished before the interrupt; make the tree bigger";
    ASSERT_EQ(::kill(pid, SIGINT), 0);
    auto start = std::chrono::steady_clock::now();
    pid_t done = 0;
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (done == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL() << mode << ": still running 10 s after SIGINT";
    }
    // The scan stops between files (8 MiB each here): well under a second in a Release build; the
    // bound leaves room for sanitizer builds on a loaded machine, and is far below a full scan.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8)) << mode;
    ASSERT_TRUE(WIFEXITED(status)) << mode << " status " << status;
    EXPECT_EQ(WEXITSTATUS(status), 130) << mode;
    EXPECT_TRUE(fs::is_empty(dir.path() / "out")) << mode << ": an output or temp file was left";
  }
}

// --- guarantees ---------------------------------------------------------------------------------

// No scan mode writes anything into the tree or repository it scans (index, refs, config, hooks,
// object database, work tree, timestamps), whatever the output.
TEST(Guarantees, EveryModeLeavesTheTreeAndRepositoryByteForByteUnchanged) {
  TempDir dir;
  std::string repo = make_repo(dir, "repo");
  commit_file(repo, "app/settings.py", kLeak);
  commit_file(repo, "README.md", "hello\n");
  std::ofstream(fs::path(repo) / "app/settings.py", std::ios::app) << "more = 1\n";  // unstaged edit
  std::ofstream(fs::path(repo) / "staged.py") << kLeak;
  git(repo, {"add", "staged.py"});
  std::ofstream(fs::path(repo) / "untracked.env") << "AUTH=" << kToken << "\n";
  std::ofstream(fs::path(repo) / ".twilint.toml") << "[scan]\nexclude = [\"*.md\"]\n";
  auto before = fingerprint_tree(repo);
  TempDir reports;
  std::vector<std::vector<std::string>> runs = {
      {"scan", repo},
      {"scan", repo, "--follow", "--no-ignore", "--format", "sarif"},
      {"scan", ".", "--format", "junit"},
      {"history", repo, "--format", "json"},
      {"history", ".", "--format", "github"},
      {"staged", "--format", "json"},
      {"scan", repo, "--output", (reports.path() / "r.json").string(), "--format", "json"},
      {"baseline", "create", repo, "--output", (reports.path() / "b.json").string()},
  };
  for (const auto& args : runs) {
    RunResult r = testing::twilint(args, repo);
    EXPECT_LT(r.exit_code, 128) << args[0];
    EXPECT_EQ(fingerprint_tree(repo), before) << "changed by: " << args[0] << " " << args[1];
  }
}

// No full secret in any output or error text unless --show-secrets, including errors about input
// that contains one: a corrupt baseline file. (A regex the user wrote in their own config or rule
// file is quoted back in its error as written: it is their configuration, not a secret found.)
TEST(Guarantees, NoFullSecretInErrorMessages) {
  TempDir dir;
  dir.write("leak.py", kLeak);
  dir.write("baseline.json", "{\"findings\": [\"" + kToken + "\"");
  RunResult base = testing::twilint({"scan", dir.str(), "--no-config", "--baseline", (dir.path() / "baseline.json").string()});
  EXPECT_EQ(base.exit_code, 2) << base.err;
  EXPECT_EQ(base.err.find(kToken), std::string::npos) << base.err;
  EXPECT_EQ(base.out.find(kToken), std::string::npos);
  // A secret in a file that cannot be read completely (here: one not valid as UTF-16) and in the
  // messages about skipped files: only paths and reasons are printed.
  dir.write("odd.txt", std::string("\xff\xfe") + kLeak);
  for (const char* format : {"text", "json", "sarif", "github", "junit"}) {
    RunResult r = testing::twilint({"scan", dir.str(), "--no-config", "--format", format});
    EXPECT_EQ(r.out.find(kToken), std::string::npos) << format;
    EXPECT_EQ(r.err.find(kToken), std::string::npos) << format;
  }
}

}  // namespace
}  // namespace twilint
