// The built-in "@production" and "@client" path sets. Both lean towards precision: a path listed
// here turns on high-signal misuse rules, so a pattern that would also cover ordinary server,
// development or staging files is left out (users add their own with `extra_paths`).
// Glob semantics (util/glob.h): a pattern without '/' matches any path segment; a pattern with '/'
// is anchored at the scan root (use a leading "**/" to float it) and also matches a directory above
// the file; a trailing '/' means "this directory and everything below".
#include "config/config.h"

namespace twilint::config {

const std::vector<std::string>& default_production_paths() {
  // A path segment naming production: "prod", "production", and suffixed forms such as "prod-eu",
  // "production_2", "prod.us" — but not "products", "preprod" or "nonprod".
  const std::string prod = "{prod,production}{,[-_.0-9]*}";
  // File extensions of configuration formats.
  const std::string conf_ext = "{yml,yaml,json,toml,ini,cfg,conf,properties}";
  static const std::vector<std::string> kPaths = {
      // dotenv files: .env.production, .env.prod, .env.production.local, api.prod.env, prod.env
      ".env.{prod,production}",
      ".env.{prod,production}.*",
      "*.{prod,production}.env",
      "{prod,production}.env",
      // Config files named for production: production.yml, prod.json, config.production.toml
      "{prod,production}." + conf_ext,
      "*.{prod,production}." + conf_ext,
      // Framework conventions
      "**/config/environments/production.*",            // Rails
      "**/config/{prod,production}.{js,cjs,mjs,ts}",     // node-config
      "**/settings/{prod,production}.py",                // Django split settings
      "settings_{prod,production}.py",
      "{prod,production}_settings.py",
      "appsettings.{Production,Prod}.json",              // ASP.NET Core
      "application-{prod,production}{,[-_]*}.{yml,yaml,properties}",  // Spring Boot profiles
      "application-production.*",
      "bootstrap-{prod,production}.{yml,yaml,properties}",
      "Dockerfile.{prod,production}",
      // Kubernetes, Kustomize, Helm, Flux, Ansible, deploy trees: the whole production directory
      "**/{k8s,kubernetes,kube}/" + prod + "/",
      "**/overlays/" + prod + "/",
      "**/{deploy,deployment,deployments}/" + prod + "/",
      "**/{env,envs,environments}/" + prod + "/",
      "**/{inventory,inventories}/" + prod + "/",
      "**/clusters/" + prod + "/",
      "values[-._]{prod,production}*.{yaml,yml}",
      // Compose and serverless variants: docker-compose.prod.yml, compose-production.yaml
      "{docker-compose,compose}[-.]{prod,production}*.{yml,yaml}",
      "serverless[-.]{prod,production}*.{yml,yaml}",
      // Terraform and configuration files anywhere under a production directory
      "**/" + prod + "/**/*.{tf,tfvars,hcl,env}",
      "**/" + prod + "/**/*." + conf_ext,
      "**/" + prod + "/**/.env{,.*}",
      "{prod,production}{,[-_.]*}.tfvars{,.json}",
      "*.{prod,production}.tfvars{,.json}",
  };
  return kPaths;
}

const std::vector<std::string>& default_client_paths() {
  static const std::vector<std::string> kPaths = {
      // Web front ends: files a browser downloads
      "**/public/**/*.{js,mjs,cjs,ts,jsx,tsx,html,htm}",
      "**/static/**/*.{js,mjs,ts,jsx,tsx,html,htm}",
      "**/www/**/*.{js,mjs,ts,jsx,tsx,html,htm}",
      "frontend/",
      "client/**/*.{js,mjs,ts,jsx,tsx}",  // a top-level client/ beside server/; nested ones are often API clients
      "**/src/components/",
      // Next.js pages, except pages/api/ (server-side API routes): the second segment is anything
      // but "api".
      "{**/src/,}pages/{[!a]*,a,a[!p]*,ap,ap[!i]*,api?*}",
      "*.{html,htm}",
      "*.vue",
      "*.svelte",
      "*.{jsx,tsx}",
      // Android ("android/" of React Native and Flutter apps; limited to app sources and build
      // files, since kernels and SDKs have android/ directories of C and headers too)
      "**/android/**/*.{java,kt,xml,gradle,kts}",
      "**/app/src/main/{java,kotlin}/**/*.{java,kt}",
      "**/src/main/res/",
      "**/src/main/AndroidManifest.xml",
      // iOS and macOS apps
      "ios/",
      "*.{swift,m,mm}",
      "*.xcconfig",
      "Info.plist",
      // Flutter, React Native, Expo
      "*.dart",
      "App.{js,jsx,ts,tsx}",
      "app.config.{js,ts}",
  };
  return kPaths;
}

}  // namespace twilint::config
