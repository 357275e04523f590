// Units of src/fix/: imports, literals, diffs, .env files, generated files, and the apply step's
// guarantee that a file changed between scan and write is left alone.
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

#include "fix/apply.h"
#include "fix/dotenv_files.h"
#include "fix/edit.h"
#include "fix/fix_run.h"
#include "fix/generated.h"
#include "fix/imports.h"
#include "fix/language.h"
#include "fix/literal.h"
#include "fix/unified_diff.h"
#include "support/test_support.h"
#include "rules/embedded.h"
#include "util/sha256.h"

namespace twilint::fix {
namespace {

std::string with(std::string_view content, const std::optional<Edit>& e) {
  return e ? apply_edits(content, {*e}) : std::string(content);
}

TEST(FixImports, PythonImportGoesAfterDocstringAndFutureImports) {
  EXPECT_EQ(with("\"\"\"Doc\nstring.\"\"\"\nfrom __future__ import annotations\nimport sys\n",
                 python_import_os("\"\"\"Doc\nstring.\"\"\"\nfrom __future__ import annotations\nimport sys\n")),
            "\"\"\"Doc\nstring.\"\"\"\nfrom __future__ import annotations\nimport os\nimport sys\n");
  std::string shebang = "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nx = 1\n";
  EXPECT_EQ(with(shebang, python_import_os(shebang)), "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\n\nx = 1\n");
  std::string future_block = "from __future__ import (\n    annotations,\n)\n\nfrom twilio.rest import Client\n";
  EXPECT_EQ(with(future_block, python_import_os(future_block)),
            "from __future__ import (\n    annotations,\n)\nimport os\n\nfrom twilio.rest import Client\n");
  EXPECT_EQ(with("x = 1", python_import_os("x = 1")), "import os\n\nx = 1");
  EXPECT_EQ(with("", python_import_os("")), "import os\n");
  EXPECT_EQ(with("a = 1\r\n", python_import_os("a = 1\r\n")), "import os\r\n\r\na = 1\r\n");
}

TEST(FixImports, PythonFilesThatAlreadyBindOsGetNothing) {
  for (const char* src : {"import os\n", "import sys, os\n", "import os.path\n", "import os  # env\n"}) {
    EXPECT_FALSE(python_import_os(src)) << src;
  }
  EXPECT_TRUE(python_import_os("import os as o\n"));
  EXPECT_TRUE(python_import_os("from os import environ\n"));
  EXPECT_TRUE(python_import_os("def f():\n    import os\n"));
}

TEST(FixImports, GoImportJoinsTheBlockInOrderOrStartsOne) {
  std::string block = "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n";
  EXPECT_EQ(with(block, go_import_os(block)), "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n)\n");
  std::string single = "package main\n\nimport \"fmt\"\n\nfunc main() {}\n";
  EXPECT_EQ(with(single, go_import_os(single)), "package main\n\nimport \"fmt\"\nimport \"os\"\n\nfunc main() {}\n");
  std::string none = "package main\n\nfunc main() {}\n";
  EXPECT_EQ(with(none, go_import_os(none)), "package main\n\nimport \"os\"\n\nfunc main() {}\n");
  EXPECT_FALSE(go_import_os("package main\n\nimport (\n\t\"os\"\n)\n"));
  EXPECT_FALSE(go_import_os("package main\nimport \"os\"\n"));
}

TEST(FixImports, CSharpUsingSystemOnlyWhenMissing) {
  EXPECT_EQ(with("using Twilio;\n", csharp_using_system("using Twilio;\n")), "using System;\nusing Twilio;\n");
  EXPECT_FALSE(csharp_using_system("using System;\nusing Twilio;\n"));
}

TEST(FixLiteral, LocatesLiteralsCommentsAndBareWords) {
  std::string py = "x = r\"abc\"  # \"abc\"\n";
  Located in_literal = locate(py, 6, 9, Language::kPython);
  ASSERT_EQ(in_literal.place, Place::kLiteral);
  EXPECT_EQ(in_literal.literal.begin, 4u);  // the r prefix belongs to the literal
  EXPECT_EQ(in_literal.literal.end, 10u);
  EXPECT_EQ(locate(py, 15, 18, Language::kPython).place, Place::kComment);
  std::string js = "const a = 'it\\'s abc'; // abc\n";
  EXPECT_EQ(locate(js, 17, 20, Language::kJavaScript).place, Place::kLiteral);
  EXPECT_EQ(locate(js, 26, 29, Language::kJavaScript).place, Place::kComment);
  EXPECT_EQ(locate("s = \"\"\"abc\"\"\"\n", 7, 10, Language::kPython).place, Place::kUnknown);
  std::string sh = "TOKEN=abc curl\n";
  ASSERT_EQ(locate(sh, 6, 9, Language::kShell).place, Place::kBare);
  Literal word = enclosing_word(sh, 6, 9);
  EXPECT_EQ(sh.substr(word.begin, word.end - word.begin), "abc");
}

TEST(FixDiff, HunksCarryContextAndMarkAMissingFinalNewline) {
  std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\nlast";
  std::vector<Edit> edits{{0, 0, "0\n"}, {before.size() - 4, before.size(), "LAST"}};
  EXPECT_EQ(unified_diff("f.txt", before, edits),
            "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n@@ -8,4 +9,4 @@\n 8\n 9\n 10\n-last\n"
            "\\ No newline at end of file\n+LAST\n\\ No newline at end of file\n");
  EXPECT_EQ(unified_diff("new", "", {{0, 0, "a\n"}}, true), "--- /dev/null\n+++ b/new\n@@ -0,0 +1,1 @@\n+a\n");
  EXPECT_EQ(unified_diff("f", "same\n", {{0, 4, "same"}}), "");
}

TEST(FixDiff, CrlfLinesStayCrlfInTheDiff) {
  std::string before = "a = \"x\"\r\nb = 1\r\n";
  EXPECT_EQ(unified_diff("f.py", before, {{4, 7, "os.environ[\"X\"]"}}),
            "--- a/f.py\n+++ b/f.py\n@@ -1,2 +1,2 @@\n-a = \"x\"\r\n+a = os.environ[\"X\"]\r\n b = 1\r\n");
}

TEST(FixDotenv, ExampleGetsNamesOnlyAndGitignoreGetsEnvOnce) {
  std::optional<Edit> fresh = env_example_additions("", {"TWILIO_AUTH_TOKEN"});
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->text.find("TWILIO_AUTH_TOKEN=\n"), std::string::npos);
  EXPECT_FALSE(env_example_additions("TWILIO_AUTH_TOKEN=\n", {"TWILIO_AUTH_TOKEN"}));
  EXPECT_EQ(with("A=\n", env_example_additions("A=\n", {"A", "TWILIO_API_KEY"})), "A=\nTWILIO_API_KEY=\n");
  EXPECT_EQ(with("node_modules", gitignore_add_env("node_modules")), "node_modules\n.env\n");
  for (const char* ignored : {".env\n", "/.env\n", ".env*\n", "*.env\n"}) EXPECT_FALSE(gitignore_add_env(ignored)) << ignored;
}

TEST(FixGenerated, GeneratedVendoredAndMinifiedFilesAreRecognised) {
  EXPECT_TRUE(is_generated("node_modules/twilio/index.js", "x"));
  EXPECT_TRUE(is_generated("static/app.min.js", "x"));
  EXPECT_TRUE(is_generated("api.go", "// Code generated by mockgen. DO NOT EDIT.\npackage api\n"));
  EXPECT_TRUE(is_generated("bundle.js", std::string(5000, 'x')));
  EXPECT_FALSE(is_generated("src/app.py", "import os\nprint(1)\n"));
}

TEST(FixLanguage, DetectsByNameAndShebang) {
  EXPECT_EQ(detect_language("a/b.py", ""), Language::kPython);
  EXPECT_EQ(detect_language("Dockerfile.prod", ""), Language::kDockerfile);
  EXPECT_EQ(detect_language(".env.local", ""), Language::kDotenv);
  EXPECT_EQ(detect_language("bin/deploy", "#!/bin/bash\n"), Language::kShell);
  EXPECT_EQ(detect_language("x.tsx", ""), Language::kTypeScript);
}

TEST(FixApply, AFileChangedBetweenScanAndWriteIsLeftAlone) {
  testing::TempDir dir;
  std::string scanned = "token = \"x\"\n";
  std::string path = dir.write("a.py", scanned).string();
  std::string hash = util::sha256_hex(scanned);
  dir.write("a.py", "token = \"x\"  # edited meanwhile\n");
  ApplyResult r = apply_file(path, hash, "token = os.environ[\"X\"]\n");
  EXPECT_EQ(r.status, ApplyStatus::kChanged);
  EXPECT_NE(r.message.find("changed since it was scanned; left alone"), std::string::npos);
  EXPECT_EQ(testing::read_file(path), "token = \"x\"  # edited meanwhile\n");
  // Unchanged: written, mode kept.
  dir.write("b.sh", scanned);
  std::string b = (dir.path() / "b.sh").string();
  ::chmod(b.c_str(), 0750);
  EXPECT_EQ(apply_file(b, hash, "new\n").status, ApplyStatus::kWritten);
  EXPECT_EQ(testing::read_file(b), "new\n");
  struct stat st {};
  ::stat(b.c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0750u);
  // A file that appeared since the scan (it was absent then) is not overwritten.
  dir.write(".env.example", "MINE=1\n");
  EXPECT_EQ(apply_file((dir.path() / ".env.example").string(), "", "X=\n").status, ApplyStatus::kChanged);
  // Never through a symbolic link.
  std::filesystem::create_symlink(b, dir.path() / "link.sh");
  EXPECT_EQ(apply_file((dir.path() / "link.sh").string(), util::sha256_hex("new\n"), "other\n").status, ApplyStatus::kSymlink);
  EXPECT_EQ(testing::read_file(b), "new\n");
}

}  // namespace
}  // namespace twilint::fix

namespace twilint::fix {
namespace {

// Every positive example of every rule, as a file of each language fix rewrites: fix --write must
// never crash, never write a file it could not clear (check_plan drops such a plan and says so),
// and what it writes must scan clean of what it reported fixed.
TEST(FixSweep, EveryRuleExampleInEveryLanguageIsFixedCleanlyOrLeftAlone) {
  auto rules = rules::load_embedded_rules();
  ASSERT_TRUE(rules);
  config::Config config = config::default_config();
  const std::vector<std::string> exts = {"py", "js", "ts", "java", "kt", "cs", "go", "rb", "php", "sh", "yml", "properties"};
  int runs = 0;
  for (const rules::Rule& rule : rules->rules) {
    for (const rules::Example& ex : rule.examples) {
      std::vector<std::string> names;
      if (!ex.path.empty() && ex.path != "example.txt") {
        names.push_back(ex.path);
      } else {
        for (const std::string& e : exts) names.push_back("example." + e);
      }
      for (const std::string& name : names) {
        testing::TempDir dir;
        dir.write(name, ex.text);
        char* buf = nullptr;
        size_t len = 0;
        std::FILE* out = ::open_memstream(&buf, &len);
        std::FILE* err = std::tmpfile();
        source::WalkOptions walk;
        walk.roots = {dir.str()};
        FixOutcome o = run_fix(*rules, config, walk, FixOptions{{dir.str()}, true, {}}, out, err);
        std::fclose(out);
        std::fclose(err);
        std::string text(buf, len);
        std::free(buf);
        ++runs;
        EXPECT_EQ(text.find("did not clear"), std::string::npos) << rule.id << " " << name << "\n" << ex.text << "\n" << text;
        EXPECT_EQ(o.left_alone, 0u) << rule.id << " " << name;
      }
    }
  }
  EXPECT_GT(runs, 200);
}

}  // namespace
}  // namespace twilint::fix
