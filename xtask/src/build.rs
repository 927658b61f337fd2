//! `cargo xtask build`: the release WASM (wasm-bindgen, then wasm-opt), the two extension
//! builds DESIGN.md's contract names (`dist/extension/`, `dist/extension-e2e/`), the standalone
//! page (`dist/standalone/`) and the demo.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::json::{self, Json};
use crate::setup::Tools;
use crate::util::{self, run, Failure, Result};
use crate::wasm_module;

#[path = "size_gate.rs"]
mod size_gate;

/// The loopback hosts only the test build may name.
pub const E2E_HOSTS: [&str; 2] = ["http://127.0.0.1/*", "http://localhost/*"];

/// The oldest Chrome the extension runs on, by the newest API it uses: `matchOriginAsFallback`
/// in `chrome.scripting.registerContentScripts` (119; `runtime.getContexts` needs 116,
/// `offscreen` 109, `sender.documentId` 106). The manifest must say at least this.
pub const MIN_CHROME: u32 = 119;

pub fn build(tools: &Tools) -> Result {
    let root = util::repo_root();
    util::heading("build: WASM core (release)");
    let raw = compile_wasm(&root)?;
    let wasm_dir = bindgen_and_optimise(&root, &raw, tools)?;

    util::heading("build: extension");
    let ext_src = root.join("extension");
    if !ext_src.join("manifest.json").is_file() {
        util::warn("extension/manifest.json is missing: dist/ will hold no loadable extension yet");
    }
    let scripts = read_content_scripts(&ext_src)?;
    let content = build_content_scripts(&root, &ext_src, &scripts)?;
    let dist = root.join("dist");
    let built = Built {
        wasm: &wasm_dir,
        content: &content,
    };
    assemble(
        &ext_src,
        &built,
        &dist.join("extension"),
        Variant::Production,
        &scripts,
    )?;
    assemble(
        &ext_src,
        &built,
        &dist.join("extension-e2e"),
        Variant::E2e,
        &scripts,
    )?;
    println!("wrote dist/extension/ and dist/extension-e2e/");

    crate::standalone::build_standalone(&root, &wasm_dir, &dist)?;

    build_demo(&root)?;

    size_gate::check(&dist.join("extension/wasm/fapiao_helper_bg.wasm"))
}

/// Where cargo writes the release module, before wasm-bindgen and wasm-opt.
pub fn raw_module(root: &Path) -> PathBuf {
    root.join("target/wasm32-unknown-unknown/release/fapiao_helper.wasm")
}

fn compile_wasm(root: &Path) -> Result<PathBuf> {
    run(Command::new("cargo")
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--package",
            "fapiao-helper",
        ])
        .env("CARGO_ENCODED_RUSTFLAGS", wasm_rustflags(root))
        .current_dir(root))?;
    let out = raw_module(root);
    if !out.is_file() {
        crate::fail!("cargo built no {}", out.display());
    }
    Ok(out)
}

/// The caller's rustflags plus remaps of this machine's paths: panic locations name the
/// dependencies' sources by path, and the shipped WASM must name neither the builder's home
/// nor the checkout (`cargo xtask dist` refuses a package that does).
fn wasm_rustflags(root: &Path) -> String {
    let mut flags: Vec<String> = match std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        Ok(encoded) => encoded
            .split('\x1f')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        Err(_) => std::env::var("RUSTFLAGS")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    };
    if let Some(cargo_home) = util::cargo_bin_dir().parent() {
        flags.push(format!(
            "--remap-path-prefix={}=/cargo",
            cargo_home.display()
        ));
    }
    flags.push(format!(
        "--remap-path-prefix={}=/fapiao-helper",
        root.display()
    ));
    flags.join("\x1f")
}

/// Features Rust's wasm32 target enables by default. Debian's binaryen 108 does not read them
/// from the module when the `target_features` section was stripped, so we name them.
pub const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Runs wasm-bindgen and wasm-opt into `target/xtask/wasm/`, skipping both when the raw module
/// and the tools are exactly what produced the cached output (a stamp of size, mtime, versions).
fn bindgen_and_optimise(root: &Path, raw: &Path, tools: &Tools) -> Result<PathBuf> {
    let out = root.join("target/xtask/wasm");
    let stamp_path = root.join("target/xtask/wasm.stamp");
    let meta = fs::metadata(raw)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let stamp = format!(
        "{} {} {} {:?} v4\n",
        meta.len(),
        modified,
        tools.wasm_bindgen.display(),
        tools.wasm_opt
    );
    let outputs_exist =
        out.join("fapiao_helper.js").is_file() && out.join("fapiao_helper_bg.wasm").is_file();
    if outputs_exist && fs::read_to_string(&stamp_path).ok().as_deref() == Some(stamp.as_str()) {
        println!("wasm-bindgen and wasm-opt: unchanged input, reusing target/xtask/wasm/");
        return Ok(out);
    }

    let tmp = root.join(format!("target/xtask/wasm.tmp.{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp)?;
    run(Command::new(&tools.wasm_bindgen)
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&tmp)
        .arg(raw))?;
    let bg = tmp.join("fapiao_helper_bg.wasm");
    match &tools.wasm_opt {
        Some(wasm_opt) => optimise(wasm_opt, &bg)?,
        None => util::warn("wasm-opt missing: shipping the WASM without size optimisation"),
    }
    let _ = fs::remove_dir_all(&out);
    fs::rename(&tmp, &out)?;
    fs::write(&stamp_path, stamp)?;
    Ok(out)
}

/// Optimises `module` in place with `wasm-opt -Oz`, then proves the result still starts
/// through the wasm-bindgen glue; a module that does not is replaced by the unoptimised one.
fn optimise(wasm_opt: &Path, module: &Path) -> Result {
    let original = fs::read(module)?;
    let optimised = module.with_extension("opt.wasm");
    let attempt = |features: &[&str]| {
        run(Command::new(wasm_opt)
            .arg("-Oz")
            .args(features)
            .args([
                "--strip-debug",
                "--strip-producers",
                "--strip-target-features",
                "-o",
            ])
            .arg(&optimised)
            .arg(module))
    };
    if let Err(e) = attempt(&WASM_FEATURES) {
        // A newer Rust may enable a feature binaryen 108 only knows under --all-features.
        util::warn(&format!("{e}; retrying wasm-opt with --all-features"));
        attempt(&["--all-features"])?;
    }
    let mut bytes = fs::read(&optimised)?;
    match wasm_module::repair_table_exports(&original, &mut bytes) {
        Some(0) => {}
        Some(n) => println!("repaired {n} table export(s) binaryen wrote with the wrong index"),
        None => util::warn("wasm-opt changed the module's tables; relying on the start-up check"),
    }
    fs::write(module, &bytes)?;
    let _ = fs::remove_file(&optimised);
    if let Err(e) = starts_in_node(module) {
        util::warn(&format!(
            "the wasm-opt output does not start ({e}); shipping the unoptimised module instead"
        ));
        fs::write(module, &original)?;
        starts_in_node(module)?;
        return Ok(());
    }
    println!(
        "wasm-opt -Oz: {} B → {} B (starts through the glue: ok)",
        original.len(),
        bytes.len()
    );
    Ok(())
}

/// Instantiates the module through its wasm-bindgen glue in Node (V8, as in Chromium).
fn starts_in_node(module: &Path) -> Result {
    const SCRIPT: &str = "const [glue, wasm] = process.argv.slice(1); \
        const { readFileSync } = await import('node:fs'); \
        const m = await import(glue); \
        m.initSync({ module: new WebAssembly.Module(readFileSync(wasm)) });";
    let glue = module.with_file_name("fapiao_helper.js");
    let out = Command::new("node")
        .args(["--input-type=module", "-e", SCRIPT])
        .arg(format!("file://{}", glue.display()))
        .arg(module)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Failure(format!("cannot run node: {e}")))?;
    if out.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let reason = err
        .lines()
        .find(|l| l.contains("Error"))
        .unwrap_or("no reason given")
        .trim()
        .to_owned();
    Err(Failure(reason))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Production,
    E2e,
}

/// `extension/content-scripts.json`: the list the worker registers per granted site, which the
/// e2e build declares statically for the loopback hosts. Missing means none yet.
fn read_content_scripts(ext_src: &Path) -> Result<Vec<Json>> {
    let path = ext_src.join("content-scripts.json");
    let Ok(text) = fs::read_to_string(&path) else {
        util::warn(
            "extension/content-scripts.json is missing: the e2e build declares no content scripts",
        );
        return Ok(Vec::new());
    };
    let parsed =
        json::parse(&text).map_err(|e| Failure(format!("extension/content-scripts.json: {e}")))?;
    match parsed {
        Json::Array(items) => Ok(items),
        _ => crate::fail!("extension/content-scripts.json must be a JSON array"),
    }
}

/// Every file the entries of `content-scripts.json` list in `js`, in order, each once.
pub fn content_script_files(scripts: &[Json]) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for entry in scripts {
        for file in entry
            .get("js")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .filter_map(Json::as_str)
        {
            if !files.iter().any(|f| f == file) {
                files.push(file.to_owned());
            }
        }
    }
    files
}

/// Where a listed content script comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum ContentSource {
    /// `extension/content/src/<name>.entry.js` and the ES modules it imports, bundled by
    /// esbuild into one IIFE.
    Bundle(PathBuf),
    /// `extension/content/<name>.js` as it is: the MAIN-world hook, a classic script that must
    /// stay small and capture the page's built-ins before any page script runs.
    Plain(PathBuf),
}

/// The source of `listed` (`content/<name>.js`, as content-scripts.json names it): a bundle
/// entry or a plain script, exactly one of the two.
pub fn content_source(ext_src: &Path, listed: &str) -> Result<ContentSource> {
    let name = listed
        .strip_prefix("content/")
        .and_then(|rest| rest.strip_suffix(".js"))
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
    let Some(name) = name else {
        crate::fail!("content-scripts.json lists {listed}: a content script is content/<name>.js");
    };
    let entry = ext_src.join(format!("content/src/{name}.entry.js"));
    let plain = ext_src.join(format!("content/{name}.js"));
    match (entry.is_file(), plain.is_file()) {
        (true, false) => Ok(ContentSource::Bundle(entry)),
        (false, true) => Ok(ContentSource::Plain(plain)),
        (true, true) => crate::fail!(
            "{listed}: both extension/content/src/{name}.entry.js and extension/content/{name}.js exist; keep one"
        ),
        (false, false) => crate::fail!(
            "{listed}: neither extension/content/src/{name}.entry.js (bundled) nor extension/content/{name}.js exists"
        ),
    }
}

/// esbuild's arguments for one bundle: one IIFE for Chrome [`MIN_CHROME`], strict as the
/// classic scripts were, UTF-8 as written, no source map and no comments (legal comments
/// included), so nothing of the builder's machine is in the package. `entry` and `out` are
/// relative to the repository, so the module names esbuild writes above each part are too.
pub fn esbuild_args(entry: &str, out: &str) -> Vec<String> {
    vec![
        entry.to_owned(),
        "--bundle".to_owned(),
        "--format=iife".to_owned(),
        format!("--target=chrome{MIN_CHROME}"),
        "--platform=browser".to_owned(),
        "--charset=utf8".to_owned(),
        "--legal-comments=none".to_owned(),
        "--banner:js=\"use strict\";".to_owned(),
        "--log-level=warning".to_owned(),
        format!("--outfile={out}"),
    ]
}

/// Builds every content script content-scripts.json lists into `target/xtask/content/`, as
/// `content/` in dist/ holds them: the ISOLATED-world scripts bundled from their ES modules, the
/// MAIN-world hook copied as it is.
fn build_content_scripts(root: &Path, ext_src: &Path, scripts: &[Json]) -> Result<PathBuf> {
    let out = root.join("target/xtask/content");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out)?;
    let esbuild = root.join("node_modules/esbuild/bin/esbuild");
    for listed in content_script_files(scripts) {
        let dest = out.join(listed.trim_start_matches("content/"));
        match content_source(ext_src, &listed)? {
            ContentSource::Plain(path) => {
                fs::copy(&path, &dest)?;
            }
            ContentSource::Bundle(entry) => {
                if !esbuild.is_file() {
                    crate::fail!("node_modules has no esbuild (`cargo xtask setup` runs npm ci)");
                }
                let relative = |p: &Path| {
                    p.strip_prefix(root)
                        .unwrap_or(p)
                        .to_string_lossy()
                        .into_owned()
                };
                run(Command::new("node")
                    .arg(&esbuild)
                    .args(esbuild_args(&relative(&entry), &relative(&dest)))
                    .current_dir(root))?;
            }
        }
    }
    println!(
        "content scripts: {}",
        content_script_files(scripts).join(", ")
    );
    Ok(out)
}

/// `matchOriginAsFallback` → `match_origin_as_fallback`.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Turns one `registerContentScripts` entry into a manifest `content_scripts` entry for `hosts`.
/// `id` and `persistAcrossSessions` belong to the dynamic API only; `matches` is ours to set.
pub fn static_content_script(entry: &Json, hosts: &[&str]) -> Result<Json> {
    let Json::Object(fields) = entry else {
        crate::fail!("content-scripts.json: every entry must be an object");
    };
    let mut out = vec![(
        "matches".to_owned(),
        Json::Array(
            hosts
                .iter()
                .map(|h| Json::String((*h).to_owned()))
                .collect(),
        ),
    )];
    for (key, value) in fields {
        if matches!(key.as_str(), "id" | "persistAcrossSessions" | "matches") {
            continue;
        }
        out.push((snake_case(key), value.clone()));
    }
    if entry
        .get("js")
        .and_then(Json::as_array)
        .is_none_or(<[Json]>::is_empty)
    {
        crate::fail!("content-scripts.json: an entry has no `js` list");
    }
    Ok(Json::Object(out))
}

/// The manifest for one variant, from the author's `extension/manifest.json`.
pub fn manifest_for(source: &Json, variant: Variant, scripts: &[Json]) -> Result<Json> {
    let mut manifest = source.clone();
    if !matches!(manifest, Json::Object(_)) {
        crate::fail!("extension/manifest.json must be a JSON object");
    }
    check_minimum_chrome_version(&manifest)?;
    if variant == Variant::E2e {
        // A test cannot answer the browser's permission prompt (chrome.permissions.request stays
        // pending in headless Chromium), so the test build holds its optional API permissions up
        // front, as it holds its loopback hosts.
        let optional: Vec<Json> = manifest
            .get("optional_permissions")
            .and_then(Json::as_array)
            .map(<[Json]>::to_vec)
            .unwrap_or_default();
        if !optional.is_empty() {
            let mut permissions: Vec<Json> = manifest
                .get("permissions")
                .and_then(Json::as_array)
                .map(<[Json]>::to_vec)
                .unwrap_or_default();
            for p in optional {
                if !permissions.contains(&p) {
                    permissions.push(p);
                }
            }
            manifest.set("permissions", Json::Array(permissions));
            manifest.set("optional_permissions", Json::Array(Vec::new()));
        }
        let mut hosts: Vec<Json> = manifest
            .get("host_permissions")
            .and_then(Json::as_array)
            .map(<[Json]>::to_vec)
            .unwrap_or_default();
        for h in E2E_HOSTS {
            if !hosts.iter().any(|x| x.as_str() == Some(h)) {
                hosts.push(Json::String(h.to_owned()));
            }
        }
        manifest.set("host_permissions", Json::Array(hosts));
        let mut declared: Vec<Json> = manifest
            .get("content_scripts")
            .and_then(Json::as_array)
            .map(<[Json]>::to_vec)
            .unwrap_or_default();
        for entry in scripts {
            declared.push(static_content_script(entry, &E2E_HOSTS)?);
        }
        if !declared.is_empty() {
            manifest.set("content_scripts", Json::Array(declared));
        }
    } else {
        let text = manifest.pretty();
        for host in ["127.0.0.1", "localhost", "[::1]"] {
            if text.contains(host) {
                crate::fail!("the production manifest names the loopback host {host}; only the e2e build may");
            }
        }
    }
    Ok(manifest)
}

/// Refuses a manifest that lets a Chrome older than [`MIN_CHROME`] install the extension, where
/// registering the content scripts would fail.
fn check_minimum_chrome_version(manifest: &Json) -> Result {
    let Some(version) = manifest.get("minimum_chrome_version") else {
        return Ok(()); // a bare test manifest; the real one is checked by test below
    };
    let major = version
        .as_str()
        .and_then(|v| v.split('.').next())
        .and_then(|v| v.parse::<u32>().ok());
    match major {
        Some(major) if major >= MIN_CHROME => Ok(()),
        _ => crate::fail!("extension/manifest.json: minimum_chrome_version must be at least \"{MIN_CHROME}\" (the APIs the extension uses)"),
    }
}

/// What the build made for the extension: the WASM core and its glue, the content scripts.
struct Built<'a> {
    wasm: &'a Path,
    content: &'a Path,
}

/// Writes one extension build next to its final place, then swaps it in, so a test reading
/// `dist/` while we build sees the old build or the new one, never half of one.
fn assemble(
    ext_src: &Path,
    built: &Built,
    dest: &Path,
    variant: Variant,
    scripts: &[Json],
) -> Result {
    let wasm_dir = built.wasm;
    let parent = dest.parent().ok_or("dist has no parent")?;
    fs::create_dir_all(parent)?;
    let name = dest
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("extension");
    let staging = parent.join(format!(".{name}.new.{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    if ext_src.is_dir() {
        util::copy_tree(ext_src, &staging)?;
    } else {
        fs::create_dir_all(&staging)?;
    }
    let wasm_out = staging.join("wasm");
    fs::create_dir_all(&wasm_out)?;
    for file in ["fapiao_helper.js", "fapiao_helper_bg.wasm"] {
        fs::copy(wasm_dir.join(file), wasm_out.join(file))?;
    }
    // content/ holds the built scripts only, never their module sources.
    let content_out = staging.join("content");
    let _ = fs::remove_dir_all(&content_out);
    util::copy_tree(built.content, &content_out)?;
    let manifest_path = ext_src.join("manifest.json");
    if let Ok(text) = fs::read_to_string(&manifest_path) {
        let source =
            json::parse(&text).map_err(|e| Failure(format!("extension/manifest.json: {e}")))?;
        let manifest = manifest_for(&source, variant, scripts)?;
        fs::write(staging.join("manifest.json"), manifest.pretty())?;
    }
    let old = parent.join(format!(".{name}.old.{}", std::process::id()));
    if dest.exists() {
        fs::rename(dest, &old)?;
    }
    fs::rename(&staging, dest)?;
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

fn build_demo(root: &Path) -> Result {
    util::heading("build: demo console");
    let script = root.join("www/build-demo.mjs");
    if !script.is_file() {
        util::warn("www/build-demo.mjs is missing: dist/demo/ not built");
        return Ok(());
    }
    run(Command::new("node").arg(&script).current_dir(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scripts() -> Vec<Json> {
        let text = r#"[
          {"id": "hook", "js": ["content/main-hook.js"], "world": "MAIN", "runAt": "document_start",
           "allFrames": true, "matchOriginAsFallback": true, "persistAcrossSessions": true},
          {"id": "agent", "js": ["content/context-agent.js"], "world": "ISOLATED",
           "runAt": "document_start", "allFrames": true}
        ]"#;
        match json::parse(text).expect("valid JSON") {
            Json::Array(items) => items,
            _ => unreachable!(),
        }
    }

    fn source() -> Json {
        json::parse(
            r#"{"manifest_version": 3, "name": "x", "optional_host_permissions": ["*://*/*"]}"#,
        )
        .expect("valid JSON")
    }

    #[test]
    fn e2e_manifest_grants_both_loopback_hosts_up_front() {
        let m = manifest_for(&source(), Variant::E2e, &scripts()).expect("a manifest");
        let hosts: Vec<_> = m
            .get("host_permissions")
            .expect("host_permissions")
            .as_array()
            .expect("an array")
            .iter()
            .filter_map(Json::as_str)
            .collect();
        assert_eq!(hosts, E2E_HOSTS);
    }

    #[test]
    fn e2e_content_scripts_use_manifest_keys_and_loopback_matches() {
        let m = manifest_for(&source(), Variant::E2e, &scripts()).expect("a manifest");
        let cs = m
            .get("content_scripts")
            .expect("content_scripts")
            .as_array()
            .expect("an array");
        assert_eq!(cs.len(), 2);
        let hook = &cs[0];
        assert_eq!(
            hook.get("run_at").expect("run_at").as_str(),
            Some("document_start")
        );
        assert_eq!(hook.get("world").expect("world").as_str(), Some("MAIN"));
        assert_eq!(hook.get("all_frames"), Some(&Json::Bool(true)));
        assert_eq!(
            hook.get("match_origin_as_fallback"),
            Some(&Json::Bool(true))
        );
        assert!(hook.get("id").is_none());
        assert!(hook.get("persist_across_sessions").is_none());
        let matches: Vec<_> = hook
            .get("matches")
            .expect("matches")
            .as_array()
            .expect("an array")
            .iter()
            .filter_map(Json::as_str)
            .collect();
        assert_eq!(matches, E2E_HOSTS);
    }

    #[test]
    fn production_manifest_is_the_source_unchanged() {
        let m = manifest_for(&source(), Variant::Production, &scripts()).expect("a manifest");
        assert_eq!(m, source());
    }

    #[test]
    fn production_manifest_naming_a_loopback_host_is_refused() {
        let bad =
            json::parse(r#"{"host_permissions": ["http://localhost/*"]}"#).expect("valid JSON");
        assert!(manifest_for(&bad, Variant::Production, &[]).is_err());
    }

    #[test]
    fn e2e_manifest_holds_the_optional_permissions_up_front_production_keeps_them_optional() {
        let src = json::parse(
            r#"{"permissions": ["storage"], "optional_permissions": ["clipboardRead"]}"#,
        )
        .expect("valid JSON");
        let e2e = manifest_for(&src, Variant::E2e, &[]).expect("a manifest");
        let granted: Vec<_> = e2e
            .get("permissions")
            .expect("permissions")
            .as_array()
            .expect("an array")
            .iter()
            .filter_map(Json::as_str)
            .collect();
        assert_eq!(granted, ["storage", "clipboardRead"]);
        let prod = manifest_for(&src, Variant::Production, &[]).expect("a manifest");
        assert_eq!(prod, src);
    }

    #[test]
    fn a_minimum_chrome_version_below_what_the_code_uses_is_refused() {
        for bad in [
            r#"{"minimum_chrome_version": "116"}"#,
            r#"{"minimum_chrome_version": "x"}"#,
            r#"{"minimum_chrome_version": 120}"#,
        ] {
            assert!(
                manifest_for(
                    &json::parse(bad).expect("valid JSON"),
                    Variant::Production,
                    &[]
                )
                .is_err(),
                "{bad}"
            );
        }
        let ok = json::parse(r#"{"minimum_chrome_version": "119"}"#).expect("valid JSON");
        assert!(manifest_for(&ok, Variant::Production, &[]).is_ok());
    }

    #[test]
    fn the_extension_manifest_names_the_minimum_chrome_and_asks_clipboard_read_only_optionally() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../extension/manifest.json"
        ))
        .expect("readable");
        let m = json::parse(&text).expect("valid JSON");
        assert_eq!(
            m.get("minimum_chrome_version").and_then(Json::as_str),
            Some(MIN_CHROME.to_string().as_str())
        );
        let listed = |key: &str| -> Vec<String> {
            m.get(key)
                .and_then(Json::as_array)
                .unwrap_or(&[])
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect()
        };
        assert!(!listed("permissions").contains(&"clipboardRead".to_owned()));
        assert!(listed("optional_permissions").contains(&"clipboardRead".to_owned()));
    }

    #[test]
    fn a_content_script_without_js_is_refused() {
        let entry = json::parse(r#"{"id": "x", "world": "MAIN"}"#).expect("valid JSON");
        assert!(static_content_script(&entry, &E2E_HOSTS).is_err());
    }

    #[test]
    fn content_script_files_lists_each_file_once_in_order() {
        let mut list = scripts();
        list.push(
            json::parse(r#"{"id": "again", "js": ["content/main-hook.js", "content/x.js"]}"#)
                .expect("valid JSON"),
        );
        assert_eq!(
            content_script_files(&list),
            [
                "content/main-hook.js",
                "content/context-agent.js",
                "content/x.js"
            ]
        );
    }

    /// A scratch `extension/` with the given files (relative paths), removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(tag: &str, files: &[&str]) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("xtask-content-{tag}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            for file in files {
                let path = dir.join(file);
                fs::create_dir_all(path.parent().expect("a parent")).expect("temporary directory");
                fs::write(&path, "").expect("temporary file");
            }
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_listed_content_script_is_a_bundle_entry_or_a_plain_script_never_both_or_neither() {
        let ext = Scratch::new(
            "sources",
            &[
                "content/main-hook.js",
                "content/src/forms.entry.js",
                "content/src/forms.js",
                "content/both.js",
                "content/src/both.entry.js",
            ],
        );
        assert_eq!(
            content_source(&ext.0, "content/main-hook.js").expect("a source"),
            ContentSource::Plain(ext.0.join("content/main-hook.js"))
        );
        assert_eq!(
            content_source(&ext.0, "content/forms.js").expect("a source"),
            ContentSource::Bundle(ext.0.join("content/src/forms.entry.js"))
        );
        assert!(content_source(&ext.0, "content/both.js").is_err());
        assert!(content_source(&ext.0, "content/missing.js").is_err());
    }

    #[test]
    fn a_content_script_outside_content_or_with_a_path_in_its_name_is_refused() {
        let ext = Scratch::new("names", &["content/x.js", "x.js", "content/src/x.js"]);
        for listed in [
            "x.js",
            "content/.js",
            "content/src/x.js",
            "content/../x.js",
            "content/x.mjs",
        ] {
            assert!(content_source(&ext.0, listed).is_err(), "{listed}");
        }
    }

    #[test]
    fn the_main_world_hook_stays_a_plain_script_of_its_own_and_the_isolated_world_is_bundled() {
        let ext = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../extension"));
        let scripts = read_content_scripts(ext).expect("content-scripts.json");
        let world = |entry: &Json| entry.get("world").and_then(Json::as_str).map(str::to_owned);
        let files = |entry: &Json| content_script_files(std::slice::from_ref(entry));
        let main: Vec<_> = scripts
            .iter()
            .filter(|e| world(e).as_deref() == Some("MAIN"))
            .collect();
        assert_eq!(main.len(), 1);
        assert_eq!(files(main[0]), ["content/main-hook.js"]);
        assert!(matches!(
            content_source(ext, "content/main-hook.js"),
            Ok(ContentSource::Plain(_))
        ));
        let isolated: Vec<String> = scripts
            .iter()
            .filter(|e| world(e).as_deref() != Some("MAIN"))
            .flat_map(files)
            .collect();
        assert!(!isolated.is_empty());
        for file in &isolated {
            assert!(
                matches!(content_source(ext, file), Ok(ContentSource::Bundle(_))),
                "{file} is not bundled from extension/content/src/"
            );
        }
        // Module sources live in content/src/; a plain script beside the hook would be a source
        // no list names, or a classic script that escaped the bundle.
        let plain: Vec<String> = fs::read_dir(ext.join("content"))
            .expect("extension/content")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".js"))
            .collect();
        assert_eq!(plain, ["main-hook.js"]);
    }

    #[test]
    fn esbuild_writes_one_strict_iife_for_the_minimum_chrome_and_no_source_map() {
        let args = esbuild_args("extension/content/src/forms.entry.js", "out/forms.js");
        assert_eq!(args[0], "extension/content/src/forms.entry.js");
        for wanted in [
            "--bundle",
            "--format=iife",
            "--legal-comments=none",
            "--banner:js=\"use strict\";",
            "--outfile=out/forms.js",
        ] {
            assert!(args.iter().any(|a| a == wanted), "{wanted}");
        }
        assert!(args.contains(&format!("--target=chrome{MIN_CHROME}")));
        assert!(!args.iter().any(|a| a.starts_with("--sourcemap")));
    }

    #[test]
    fn snake_case_follows_the_manifest_spelling() {
        assert_eq!(
            snake_case("matchOriginAsFallback"),
            "match_origin_as_fallback"
        );
        assert_eq!(snake_case("runAt"), "run_at");
        assert_eq!(snake_case("js"), "js");
    }
}
