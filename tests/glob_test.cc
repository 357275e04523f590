// Tests for util::Glob, the .gitignore-style path globs used by config excludes, allowlists,
// rule path filters and the production/client path sets.
#include "util/glob.h"

#include <gtest/gtest.h>

namespace twilint::util {
namespace {

bool match(const std::string& pattern, const std::string& path) {
  Expected<Glob> g = Glob::compile(pattern);
  EXPECT_TRUE(g.ok()) << pattern;
  return g.ok() && g->matches(path);
}

TEST(Glob, BasenamePatternsMatchAnySegment) {
  EXPECT_TRUE(match("*.min.js", "app.min.js"));
  EXPECT_TRUE(match("*.min.js", "web/static/app.min.js"));
  EXPECT_FALSE(match("*.min.js", "web/static/app.js"));
  EXPECT_TRUE(match("node_modules", "a/node_modules/x/y.js"));
  EXPECT_TRUE(match(".env.production", "svc/.env.production"));
}

TEST(Glob, StarStaysWithinASegment) {
  EXPECT_TRUE(match("src/*.js", "src/a.js"));
  EXPECT_FALSE(match("src/*.js", "src/lib/a.js"));
  EXPECT_FALSE(match("a?c", "a/c"));
}

TEST(Glob, DoubleStarSpansSegmentsIncludingNone) {
  EXPECT_TRUE(match("src/**/*.js", "src/a.js"));
  EXPECT_TRUE(match("src/**/*.js", "src/x/y/a.js"));
  EXPECT_TRUE(match("**/overlays/prod/", "overlays/prod/a.yaml"));
  EXPECT_TRUE(match("**/overlays/prod/", "k/overlays/prod/x/a.yaml"));
  EXPECT_FALSE(match("**/overlays/prod/", "k/overlays/production/a.yaml"));
  EXPECT_TRUE(match("**/prod/**/*.tf", "prod/main.tf"));
  EXPECT_TRUE(match("**/prod/**/*.tf", "infra/prod/net/main.tf"));
  EXPECT_FALSE(match("**/prod/**/*.tf", "infra/preprod/main.tf"));
}

TEST(Glob, PatternsWithASlashAreAnchoredAndMatchDirectoriesAbove) {
  EXPECT_TRUE(match("docs/internal", "docs/internal/keys.md"));
  EXPECT_FALSE(match("docs/internal", "site/docs/internal/keys.md"));
  EXPECT_TRUE(match("config/environments/production.*", "config/environments/production.rb"));
  EXPECT_FALSE(match("config/environments/production.*", "x/config/environments/production.rb"));
}

TEST(Glob, TrailingSlashMeansADirectoryAndEverythingBelow) {
  EXPECT_TRUE(match("vendor/", "vendor/a.go"));
  EXPECT_TRUE(match("vendor/", "x/vendor/y/a.go"));
  EXPECT_FALSE(match("vendor/", "vendor"));  // a file named vendor is not the directory
  EXPECT_TRUE(match("k8s/prod/", "k8s/prod/a.yaml"));
  EXPECT_FALSE(match("k8s/prod/", "k8s/prod"));
}

// Regression: a leading "/" (or "./") used to be stripped before deciding whether the pattern
// is anchored, so "/build" matched a build directory at any depth.
TEST(Glob, LeadingSlashAnchorsAtTheRoot) {
  EXPECT_TRUE(match("/build", "build/out.txt"));
  EXPECT_FALSE(match("/build", "src/build/out.txt"));
  EXPECT_TRUE(match("/www/", "www/index.js"));
  EXPECT_FALSE(match("/www/", "bin/www/index.js"));
  EXPECT_TRUE(match("./secrets.env", "secrets.env"));
  EXPECT_FALSE(match("./secrets.env", "a/secrets.env"));
  EXPECT_TRUE(match("secrets.env", "a/secrets.env"));
}

TEST(Glob, BracesAndClasses) {
  EXPECT_TRUE(match("*.{yml,yaml}", "a.yaml"));
  EXPECT_FALSE(match("*.{yml,yaml}", "a.json"));
  EXPECT_TRUE(match("{prod,production}{,[-_.0-9]*}", "prod"));
  EXPECT_TRUE(match("{prod,production}{,[-_.0-9]*}", "production_eu"));
  EXPECT_TRUE(match("{prod,production}{,[-_.0-9]*}", "prod2"));
  EXPECT_FALSE(match("{prod,production}{,[-_.0-9]*}", "products"));
  EXPECT_TRUE(match("{a,{b,c}d}.txt", "cd.txt"));
  EXPECT_TRUE(match("[!a]*.js", "b.js"));
  EXPECT_FALSE(match("[!a]*.js", "a.js"));
  EXPECT_TRUE(match("[a-c]x", "bx"));
  EXPECT_FALSE(match("[a-c]x", "dx"));
  EXPECT_TRUE(match("f[-.]x", "f-x"));
  EXPECT_TRUE(match("f[-.]x", "f.x"));
  EXPECT_FALSE(match("f[!.]x", "f/x"));  // a class never matches '/'
}

TEST(Glob, EscapedCharactersAreLiteral) {
  EXPECT_TRUE(match("a\\*b", "a*b"));
  EXPECT_FALSE(match("a\\*b", "axb"));
}

TEST(Glob, DotSlashInThePathIsIgnored) {
  EXPECT_TRUE(match("src/*.js", "./src/a.js"));
}

TEST(Glob, MalformedPatternsAreDiagnosed) {
  for (const char* bad : {"", "src/[a", "{a,b", "a}", "/"}) {
    Expected<Glob> g = Glob::compile(bad);
    EXPECT_FALSE(g.ok()) << "'" << bad << "'";
    if (!g.ok()) {
      EXPECT_FALSE(g.errors().front().message.empty());
    }
  }
}

TEST(Glob, AnyMatches) {
  std::vector<Glob> globs = {*Glob::compile("a/"), *Glob::compile("*.md")};
  EXPECT_TRUE(any_matches(globs, "a/x.c"));
  EXPECT_TRUE(any_matches(globs, "b/README.md"));
  EXPECT_FALSE(any_matches(globs, "b/x.c"));
  EXPECT_FALSE(any_matches({}, "x"));
}

}  // namespace
}  // namespace twilint::util
