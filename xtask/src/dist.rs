//! `cargo xtask dist`: the package for the Chrome Web Store and Edge Add-ons, a ZIP of
//! `dist/extension/` with the version from Cargo.toml in its manifest, the same bytes on every
//! run (see `zip.rs`). Before writing it, checks what a store reviewer would: icons at 16, 32,
//! 48 and 128 px, every `__MSG_…__` of the manifest in every locale, no loopback host or other
//! test-only grant, no source map and no path of the machine that built it, and that the
//! manifest asks for nothing no feature uses ([`PERMISSIONS`], also in the README).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::json::{self, Json};
use crate::setup;
use crate::util::{self, Failure, Result};
use crate::zip;

/// Which manifest list a permission belongs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// `permissions`: granted at install.
    Required,
    /// `optional_permissions`: asked on the click that needs it.
    Optional,
    /// `optional_host_permissions`: asked per site.
    OptionalHost,
}

impl List {
    pub fn key(self) -> &'static str {
        match self {
            List::Required => "permissions",
            List::Optional => "optional_permissions",
            List::OptionalHost => "optional_host_permissions",
        }
    }
}

/// One thing the manifest asks for, the feature that needs it, and what in the package shows
/// the feature is still there (each string must appear in some file: a script, a page, the
/// manifest).
#[derive(Debug)]
pub struct Need {
    pub permission: &'static str,
    pub list: List,
    pub feature: &'static str,
    pub evidence: &'static [&'static str],
}

/// Every permission the extension may ask for. The README's "Permissions" section lists the
/// same; a manifest entry missing here, or a row here the manifest no longer asks for, fails
/// the package.
pub const PERMISSIONS: &[Need] = &[
    Need {
        permission: "storage",
        list: List::Required,
        feature: "secrets and the consoles' context in chrome.storage.session (with an expiry); \
                  the options, and the context when the user opts in, in chrome.storage.local",
        evidence: &["chrome.storage.session", "chrome.storage.local"],
    },
    Need {
        permission: "scripting",
        list: List::Required,
        feature: "registers the content scripts for exactly the sites the user granted; \
                  诊断此页 reads the tab's forms through them",
        evidence: &[
            "chrome.scripting.registerContentScripts",
            "chrome.scripting.executeScript",
        ],
    },
    Need {
        permission: "activeTab",
        list: List::Required,
        feature: "the popup reads the address of the tab it was opened on, so it can name a \
                  console the helper has no access to yet and offer 允许访问此站点",
        evidence: &["chrome.tabs.get("],
    },
    Need {
        permission: "alarms",
        list: List::Required,
        feature: "expires held secrets and pasted credentials on time, and clears a copied \
                  secret at 30 s, while the service worker sleeps",
        evidence: &["chrome.alarms.create"],
    },
    Need {
        permission: "offscreen",
        list: List::Required,
        feature: "the clipboard document behind 复制 of a secret (a service worker has no \
                  clipboard)",
        evidence: &["chrome.offscreen.createDocument"],
    },
    Need {
        permission: "clipboardWrite",
        list: List::Required,
        feature: "复制 of a secret, and emptying the clipboard 30 s later, from the offscreen \
                  document (execCommand('copy'): it is never focused)",
        evidence: &["execCommand('copy')"],
    },
    Need {
        permission: "clipboardRead",
        list: List::Optional,
        feature: "asked on the first 复制 of a secret: lets the 30 s clearer check that the \
                  clipboard still holds that secret, so it leaves alone what the user copied \
                  since; declined, it empties the clipboard whatever it holds",
        evidence: &["execCommand('paste')", "permissions: ['clipboardRead']"],
    },
    Need {
        permission: "sidePanel",
        list: List::Required,
        feature: "the side panel (`side_panel` in the manifest) with the setup checklist of the \
                  console in the tab, opened from the popup's button (chrome.sidePanel.open)",
        evidence: &["\"side_panel\"", "chrome.sidePanel.open"],
    },
    Need {
        permission: "http://*/*",
        list: List::OptionalHost,
        feature: "access to one console site on plain http, asked from the popup's \
                  允许访问此站点 for that site only",
        evidence: &["chrome.permissions.request"],
    },
    Need {
        permission: "https://*/*",
        list: List::OptionalHost,
        feature: "the same for a console site on https",
        evidence: &["chrome.permissions.request"],
    },
];

/// The icon sizes the stores and the browser's toolbar, menu and extension page use.
pub const ICON_SIZES: [u32; 4] = [16, 32, 48, 128];

/// Hosts only the e2e build may name.
const LOOPBACK: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// What the store checks found wrong; each line says what to change.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<String>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the package is not ready for the stores:")?;
        for p in &self.0 {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

/// `cargo xtask dist`: builds, then writes `dist/fapiao-helper-<version>.zip`.
pub fn dist() -> Result {
    let tools = setup::setup()?;
    crate::build::build(&tools)?;
    util::heading("dist: store package");
    let root = util::repo_root();
    let version = crate_version(&root)?;
    let archive = package(&root.join("dist/extension"), &version, &local_paths(&root))?;
    let out = root.join(format!("dist/fapiao-helper-{version}.zip"));
    fs::write(&out, &archive)?;
    println!(
        "wrote {} ({})",
        out.strip_prefix(&root).unwrap_or(&out).display(),
        util::human_size(archive.len() as u64)
    );
    if let Some(sum) = util::output_of(Command::new("sha256sum").arg(&out)) {
        println!(
            "sha256 {}",
            sum.split_whitespace().next().unwrap_or_default()
        );
    }
    println!("permissions, each for the feature that needs it:");
    for need in PERMISSIONS {
        println!(
            "  {:<14} {:<26} {}",
            need.permission,
            need.list.key(),
            squeeze(need.feature)
        );
    }
    Ok(())
}

/// A table text written across source lines, as one line.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `version` of the root package in Cargo.toml, refused unless Chrome takes it as a manifest
/// version (one to four dot-separated integers, each at most 65535, no leading zeros).
pub fn crate_version(root: &Path) -> Result<String> {
    let text = fs::read_to_string(root.join("Cargo.toml"))?;
    let mut in_package = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        let Some(value) = line.strip_prefix("version").map(str::trim_start) else {
            continue;
        };
        let Some(value) = value.strip_prefix('=') else {
            continue;
        };
        if !in_package {
            continue;
        }
        let version = value.trim().trim_matches('"').to_owned();
        if !is_chrome_version(&version) {
            crate::fail!("Cargo.toml: version {version:?} is not a Chrome manifest version (1 to 4 integers, e.g. 0.1.0)");
        }
        return Ok(version);
    }
    crate::fail!("Cargo.toml has no [package] version")
}

pub fn is_chrome_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    (1..=4).contains(&parts.len())
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u32>().is_ok_and(|n| n <= 65535)
        })
}

/// Paths of this machine that must not be in the package: the repository and Cargo's home
/// (the WASM's panic locations name crates by path; the build remaps them).
pub fn local_paths(root: &Path) -> Vec<String> {
    let mut paths = vec![root.to_string_lossy().into_owned()];
    if let Some(home) = util::cargo_bin_dir().parent() {
        paths.push(home.to_string_lossy().into_owned());
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| h.len() > 1) {
        paths.push(PathBuf::from(home).to_string_lossy().into_owned());
    }
    paths.retain(|p| p.len() > 1);
    paths
}

/// The store package of the built extension in `ext_dir`: its files with the manifest's
/// version set to `version`, checked, as a reproducible ZIP.
pub fn package(ext_dir: &Path, version: &str, local_paths: &[String]) -> Result<Vec<u8>> {
    let mut files = read_tree(ext_dir)?;
    let Some(slot) = files.iter_mut().find(|(name, _)| name == "manifest.json") else {
        crate::fail!(
            "{} has no manifest.json: run `cargo xtask build`",
            ext_dir.display()
        );
    };
    let text = String::from_utf8(slot.1.clone()).map_err(|_| "manifest.json is not UTF-8")?;
    let mut manifest = json::parse(&text).map_err(|e| Failure(format!("manifest.json: {e}")))?;
    manifest.set("version", Json::String(version.to_owned()));
    slot.1 = manifest.pretty().into_bytes();
    let problems = check(&manifest, &files, local_paths);
    if !problems.0.is_empty() {
        return Err(Failure(problems.to_string()));
    }
    zip::write(&files).map_err(|e| Failure(e.to_string()))
}

/// Every file under `dir` as (relative name with `/`, bytes); dotfiles left out.
fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for path in util::files_under(dir) {
        let relative = path
            .strip_prefix(dir)
            .map_err(|_| "a file outside the extension")?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        files.push((parts.join("/"), fs::read(&path)?));
    }
    Ok(files)
}

/// The store checks on a manifest and the files beside it.
pub fn check(manifest: &Json, files: &[(String, Vec<u8>)], local_paths: &[String]) -> Problems {
    let mut problems = Vec::new();
    let file = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    };
    let manifest_text = manifest.pretty();

    // Icons.
    let icons = manifest.get("icons");
    for size in ICON_SIZES {
        let Some(name) = icons
            .and_then(|i| i.get(&size.to_string()))
            .and_then(Json::as_str)
        else {
            problems.push(format!("manifest icons has no {size} px icon"));
            continue;
        };
        match file(name).map(png_size) {
            None => problems.push(format!("icon {name} is not in the package")),
            Some(None) => problems.push(format!("icon {name} is not a PNG")),
            Some(Some((w, h))) if (w, h) != (size, size) => {
                problems.push(format!("icon {name} is {w}×{h}, not {size}×{size}"))
            }
            Some(Some(_)) => {}
        }
    }

    // Locales: the default one exists, and each names every message the manifest uses.
    let locales: Vec<&str> = files
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("_locales/")?.strip_suffix("/messages.json"))
        .collect();
    match manifest.get("default_locale").and_then(Json::as_str) {
        Some(default) if locales.contains(&default) => {}
        Some(default) => problems.push(format!(
            "default_locale {default} has no _locales/{default}/messages.json"
        )),
        None => problems.push("the manifest names no default_locale".to_owned()),
    }
    for locale in &locales {
        let name = format!("_locales/{locale}/messages.json");
        let keys: Vec<String> = match file(&name)
            .map(String::from_utf8_lossy)
            .map(|t| json::parse(&t))
        {
            Some(Ok(Json::Object(entries))) => {
                entries.into_iter().map(|(k, _)| k.to_lowercase()).collect()
            }
            _ => {
                problems.push(format!("{name} is not a JSON object"));
                continue;
            }
        };
        for key in message_keys(&manifest_text) {
            if !keys.contains(&key.to_lowercase()) {
                problems.push(format!(
                    "{name} has no message {key} (the manifest uses __MSG_{key}__)"
                ));
            }
        }
    }

    // Test-only grants and store-refused keys.
    for host in LOOPBACK {
        if manifest_text.contains(host) {
            problems.push(format!(
                "the manifest names the loopback host {host} (test builds only)"
            ));
        }
    }
    for key in ["host_permissions", "content_scripts", "key", "update_url"] {
        if manifest
            .get(key)
            .is_some_and(|v| v.as_array().is_none_or(|a| !a.is_empty()))
        {
            problems.push(format!("the manifest has `{key}`: the store package must not (sites are granted one by one)"));
        }
    }

    problems.extend(permission_problems(manifest, files));

    // Source maps and paths of this machine.
    for (name, bytes) in files {
        if name.ends_with(".map") {
            problems.push(format!("{name}: a source map"));
        }
        if (name.ends_with(".js") || name.ends_with(".css")) && contains(bytes, b"sourceMappingURL")
        {
            problems.push(format!("{name}: points to a source map"));
        }
        for local in local_paths {
            if contains(bytes, local.as_bytes()) {
                problems.push(format!("{name}: holds the local path {local}"));
            }
        }
    }
    Problems(problems)
}

/// Each permission in the manifest has a row in [`PERMISSIONS`] for the same list, each row is
/// still asked for, and each row's evidence is in the package.
fn permission_problems(manifest: &Json, files: &[(String, Vec<u8>)]) -> Vec<String> {
    let mut problems = Vec::new();
    let listed = |list: List| -> Vec<String> {
        manifest
            .get(list.key())
            .and_then(Json::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(Json::as_str)
            .map(str::to_owned)
            .collect()
    };
    for list in [List::Required, List::Optional, List::OptionalHost] {
        for asked in listed(list) {
            match PERMISSIONS.iter().find(|n| n.permission == asked) {
                None => problems.push(format!(
                    "`{asked}` in {}: no feature in xtask's permission table needs it (add the row, and to the README, or drop it)",
                    list.key()
                )),
                Some(need) if need.list != list => problems.push(format!(
                    "`{asked}` is in {}, the table says {}",
                    list.key(),
                    need.list.key()
                )),
                Some(_) => {}
            }
        }
    }
    let manifest_text = manifest.pretty();
    let mut texts: Vec<&[u8]> = files.iter().map(|(_, b)| b.as_slice()).collect();
    texts.push(manifest_text.as_bytes());
    for need in PERMISSIONS {
        if !listed(need.list).iter().any(|p| p == need.permission) {
            problems.push(format!(
                "the permission table lists `{}` ({}) which the manifest no longer asks for: drop its row",
                need.permission,
                need.list.key()
            ));
            continue;
        }
        for evidence in need.evidence {
            if !texts.iter().any(|s| contains(s, evidence.as_bytes())) {
                problems.push(format!(
                    "`{}`: no file of the package has `{evidence}` any more; does the feature ({}) still need it?",
                    need.permission,
                    squeeze(need.feature)
                ));
            }
        }
    }
    problems
}

/// The `name` of each `__MSG_name__` in `text`.
fn message_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("__MSG_") {
        rest = &rest[start + 6..];
        let Some(end) = rest.find("__") else { break };
        keys.push(rest[..end].to_owned());
        rest = &rest[end + 2..];
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Width and height from a PNG's IHDR chunk.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    Some((be(16)?, be(20)?))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The gate: packages the built `dist/extension/` twice, the second time from a copy with
/// fresh timestamps in another folder, and compares the bytes. Returns a line to show.
pub fn check_reproducible(root: &Path) -> Result<String> {
    let ext = root.join("dist/extension");
    let version = crate_version(root)?;
    let locals = local_paths(root);
    let first = package(&ext, &version, &locals)?;
    let copy = std::env::temp_dir().join(format!("xtask-dist-copy-{}", std::process::id()));
    let _ = fs::remove_dir_all(&copy);
    util::copy_tree(&ext, &copy)?;
    let second = package(&copy, &version, &locals);
    let _ = fs::remove_dir_all(&copy);
    let second = second?;
    if first != second {
        crate::fail!(
            "two packages of the same dist/extension/ differ ({} B and {} B)",
            first.len(),
            second.len()
        );
    }
    let entries = zip::read(&first).map_or(0, |f| f.len());
    Ok(format!(
        "store package: {entries} files, {}, the same bytes twice",
        util::human_size(first.len() as u64)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(size: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&size.to_be_bytes());
        b.extend_from_slice(&size.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b
    }

    /// The real manifest and the files a package of it needs, scripts reduced to the evidence.
    fn package_files() -> (Json, Vec<(String, Vec<u8>)>) {
        let text = fs::read_to_string(util::repo_root().join("extension/manifest.json"))
            .expect("the manifest");
        let manifest = json::parse(&text).expect("valid JSON");
        let messages = "{\"extName\": {}, \"extShortName\": {}, \"extDescription\": {}, \"command_fill_form\": {}}";
        let mut files = vec![
            (
                "_locales/zh_CN/messages.json".to_owned(),
                messages.as_bytes().to_vec(),
            ),
            (
                "_locales/en/messages.json".to_owned(),
                messages.as_bytes().to_vec(),
            ),
        ];
        for size in ICON_SIZES {
            files.push((format!("icons/icon-{size}.png"), png(size)));
        }
        let evidence: String = PERMISSIONS
            .iter()
            .flat_map(|n| n.evidence.iter())
            .map(|e| format!("{e}\n"))
            .collect();
        files.push(("sw/main.js".to_owned(), evidence.into_bytes()));
        (manifest, files)
    }

    #[test]
    fn the_extension_manifest_passes_the_store_checks() {
        let (manifest, files) = package_files();
        assert_eq!(check(&manifest, &files, &[]), Problems::default());
    }

    #[test]
    fn every_permission_of_the_extension_has_a_feature_that_needs_it() {
        let (manifest, _) = package_files();
        assert!(permission_problems(&manifest, &[])
            .iter()
            .all(|p| p.contains("no file of the package has")));
        let mut more = manifest.clone();
        let mut asked: Vec<Json> = manifest
            .get("permissions")
            .and_then(Json::as_array)
            .unwrap_or(&[])
            .to_vec();
        asked.push(Json::String("history".to_owned()));
        more.set("permissions", Json::Array(asked));
        let (_, files) = package_files();
        let problems = check(&more, &files, &[]);
        assert!(
            problems.0.iter().any(|p| p.contains("`history`")),
            "{problems}"
        );
    }

    #[test]
    fn clipboard_read_must_stay_optional() {
        let (manifest, files) = package_files();
        let mut eager = manifest.clone();
        let mut asked: Vec<Json> = manifest
            .get("permissions")
            .and_then(Json::as_array)
            .unwrap_or(&[])
            .to_vec();
        asked.push(Json::String("clipboardRead".to_owned()));
        eager.set("permissions", Json::Array(asked));
        eager.set("optional_permissions", Json::Array(Vec::new()));
        let problems = check(&eager, &files, &[]);
        assert!(
            problems
                .0
                .iter()
                .any(|p| p.contains("`clipboardRead` is in permissions")),
            "{problems}"
        );
    }

    #[test]
    fn test_only_grants_source_maps_and_local_paths_are_refused() {
        let (mut manifest, mut files) = package_files();
        manifest.set(
            "host_permissions",
            Json::Array(vec![Json::String("http://127.0.0.1/*".to_owned())]),
        );
        files.push(("sw/main.js.map".to_owned(), b"{}".to_vec()));
        files.push((
            "popup/popup.js".to_owned(),
            b"x\n//# sourceMappingURL=popup.js.map\n".to_vec(),
        ));
        files.push((
            "wasm/core.wasm".to_owned(),
            b"\0/home/dev/.cargo/registry/src/x.rs".to_vec(),
        ));
        let problems = check(&manifest, &files, &["/home/dev".to_owned()]).0;
        for expected in [
            "loopback host 127.0.0.1",
            "`host_permissions`",
            "sw/main.js.map: a source map",
            "popup/popup.js: points to a source map",
            "wasm/core.wasm: holds the local path /home/dev",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_missing_icon_size_or_message_is_refused() {
        let (manifest, mut files) = package_files();
        files.retain(|(n, _)| n != "icons/icon-48.png" && n != "icons/icon-32.png");
        files.push(("icons/icon-32.png".to_owned(), png(64)));
        files.retain(|(n, _)| n != "_locales/en/messages.json");
        files.push((
            "_locales/en/messages.json".to_owned(),
            b"{\"extName\": {}}".to_vec(),
        ));
        let problems = check(&manifest, &files, &[]).0;
        for expected in [
            "icon icons/icon-48.png is not in the package",
            "is 64×64, not 32×32",
            "_locales/en/messages.json has no message extDescription",
        ] {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected}: {problems:?}"
            );
        }
    }

    #[test]
    fn the_version_comes_from_cargo_toml_and_must_suit_chrome() {
        assert!(is_chrome_version(
            &crate_version(&util::repo_root()).expect("a version")
        ));
        for ok in ["0.1.0", "1", "1.2.3.4", "65535.0"] {
            assert!(is_chrome_version(ok), "{ok}");
        }
        for bad in ["0.1.0-beta", "1.2.3.4.5", "01.0", "65536", "", "1..2"] {
            assert!(!is_chrome_version(bad), "{bad}");
        }
    }

    #[test]
    fn the_package_sets_the_version_and_is_the_same_from_a_copy() {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (manifest, files) = package_files();
        for (name, bytes) in files
            .iter()
            .chain([&("manifest.json".to_owned(), manifest.pretty().into_bytes())])
        {
            let path = dir.join(name);
            fs::create_dir_all(path.parent().expect("a folder")).expect("temporary directory");
            fs::write(path, bytes).expect("temporary directory");
        }
        fs::write(dir.join(".DS_Store"), "junk").expect("temporary directory");
        let first = package(&dir, "9.8.7", &[]).expect("a package");
        let copy = dir.with_extension("copy");
        util::copy_tree(&dir, &copy).expect("a copy");
        let second = package(&copy, "9.8.7", &[]).expect("a package");
        fs::remove_dir_all(&dir).expect("temporary directory");
        fs::remove_dir_all(&copy).expect("temporary directory");
        assert_eq!(first, second);
        let entries = zip::read(&first).expect("readable");
        assert!(entries.iter().all(|(n, _)| !n.starts_with('.')));
        let (_, text) = entries
            .iter()
            .find(|(n, _)| n == "manifest.json")
            .expect("a manifest");
        let packaged = json::parse(&String::from_utf8_lossy(text)).expect("valid JSON");
        assert_eq!(
            packaged.get("version").and_then(Json::as_str),
            Some("9.8.7")
        );
    }

    #[test]
    fn the_readme_lists_every_permission_of_the_table() {
        let readme = fs::read_to_string(util::repo_root().join("README.md")).expect("README.md");
        let section = readme
            .split("\n## Permissions")
            .nth(1)
            .expect("a Permissions section in the README");
        let section = section.split("\n## ").next().unwrap_or(section);
        for need in PERMISSIONS {
            assert!(
                section.contains(&format!("`{}`", need.permission)),
                "README Permissions: `{}`",
                need.permission
            );
        }
    }

    #[test]
    fn png_size_reads_the_header() {
        assert_eq!(png_size(&png(48)), Some((48, 48)));
        assert_eq!(png_size(b"GIF89a"), None);
    }
}
