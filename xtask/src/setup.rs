//! `cargo xtask setup`: brings a fresh Debian machine with Rust and Node to the point where
//! build, demo and test run. Idempotent and quick when all is present; says what it did.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, output_of, run, which, Failure, Result};

/// The tools later steps use, as found (or installed) by setup.
#[derive(Debug, Clone)]
pub struct Tools {
    pub wasm_bindgen: PathBuf,
    pub test_runner: PathBuf,
    /// `None` only where no package manager could provide it; the build then says so loudly.
    pub wasm_opt: Option<PathBuf>,
    pub chrome: Option<PathBuf>,
    pub chromedriver: Option<PathBuf>,
}

/// One line per item, so a reader sees at a glance what changed on this machine.
struct Report {
    installed: Vec<String>,
    present: Vec<String>,
}

impl Report {
    fn present(&mut self, what: impl Into<String>) {
        self.present.push(what.into());
    }
    fn installed(&mut self, what: impl Into<String>) {
        let what = what.into();
        println!("setup: installed {what}");
        self.installed.push(what);
    }
}

pub fn setup() -> Result<Tools> {
    util::heading("setup");
    let root = util::repo_root();
    let mut report = Report {
        installed: vec![],
        present: vec![],
    };

    ensure_wasm_target(&mut report)?;
    let (wasm_bindgen, test_runner) = ensure_wasm_bindgen(&root, &mut report)?;
    let (wasm_opt, chrome, chromedriver) = ensure_system_packages(&mut report)?;
    ensure_node_modules(&root, &mut report)?;

    for p in &report.present {
        println!("setup: present  {p}");
    }
    if report.installed.is_empty() {
        println!("setup: nothing to install");
    }
    Ok(Tools {
        wasm_bindgen,
        test_runner,
        wasm_opt,
        chrome,
        chromedriver,
    })
}

fn ensure_wasm_target(report: &mut Report) -> Result {
    const TARGET: &str = "wasm32-unknown-unknown";
    if which("rustup").is_none() {
        // Without rustup the target must come with the toolchain; check its sysroot.
        let sysroot =
            output_of(Command::new("rustc").args(["--print", "sysroot"])).unwrap_or_default();
        if Path::new(sysroot.trim())
            .join("lib/rustlib")
            .join(TARGET)
            .is_dir()
        {
            report.present(format!("Rust target {TARGET}"));
            return Ok(());
        }
        crate::fail!("the Rust target {TARGET} is missing and rustup is not installed to add it");
    }
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == TARGET) {
        report.present(format!("Rust target {TARGET}"));
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", TARGET]))?;
    report.installed(format!("Rust target {TARGET}"));
    Ok(())
}

/// The exact `wasm-bindgen` version Cargo.lock pins: the CLI must match it byte for byte.
pub fn pinned_wasm_bindgen(lock: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            let next = lines.next()?.trim();
            let version = next.strip_prefix("version = \"")?.strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

fn version_of(program: &Path) -> Option<String> {
    let out = output_of(Command::new(program).arg("--version"))?;
    // "wasm-bindgen 0.2.130" / "wasm-bindgen-test-runner 0.2.130"
    out.split_whitespace().nth(1).map(str::to_owned)
}

fn ensure_wasm_bindgen(root: &Path, report: &mut Report) -> Result<(PathBuf, PathBuf)> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| Failure(format!("cannot read Cargo.lock: {e}")))?;
    let Some(pinned) = pinned_wasm_bindgen(&lock) else {
        crate::fail!("Cargo.lock pins no wasm-bindgen version");
    };
    let find = || {
        let bindgen = which("wasm-bindgen")?;
        let runner = which("wasm-bindgen-test-runner")?;
        let ok = version_of(&bindgen).as_deref() == Some(pinned.as_str())
            && version_of(&runner).as_deref() == Some(pinned.as_str());
        ok.then_some((bindgen, runner))
    };
    if let Some(found) = find() {
        report.present(format!("wasm-bindgen-cli {pinned}"));
        return Ok(found);
    }
    let spec = format!("={pinned}");
    let locked = run(Command::new("cargo").args([
        "install",
        "--locked",
        "wasm-bindgen-cli",
        "--version",
        &spec,
        "--force",
    ]));
    if let Err(e) = locked {
        // The reachable registry can lag: resolve the CLI's own dependencies afresh instead.
        util::warn(&format!("{e}; retrying without --locked"));
        run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &spec,
            "--force",
        ]))?;
    }
    match find() {
        Some(found) => {
            report.installed(format!("wasm-bindgen-cli {pinned}"));
            Ok(found)
        }
        None => crate::fail!(
            "installed wasm-bindgen-cli {pinned}, but `wasm-bindgen --version` still differs; \
             is another wasm-bindgen earlier on PATH?"
        ),
    }
}

fn dpkg_installed(package: &str) -> Option<bool> {
    which("dpkg-query")?;
    let status = output_of(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]));
    Some(status.is_some_and(|s| s.contains("install ok installed")))
}

fn find_chrome() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("CHROME").filter(|s| !s.is_empty()) {
        return which(&named);
    }
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(which)
}

fn find_chromedriver() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("CHROMEDRIVER").filter(|s| !s.is_empty()) {
        return which(&named);
    }
    which("chromedriver")
}

fn ensure_system_packages(
    report: &mut Report,
) -> Result<(Option<PathBuf>, Option<PathBuf>, Option<PathBuf>)> {
    let mut missing: Vec<&str> = Vec::new();
    let chrome_named = std::env::var_os("CHROME").is_some_and(|s| !s.is_empty());
    match find_chrome() {
        Some(p) => report.present(format!("browser {}", p.display())),
        None if chrome_named => crate::fail!("CHROME names a browser that does not exist"),
        None => missing.push("chromium"),
    }
    match find_chromedriver() {
        Some(p) => report.present(format!("chromedriver {}", p.display())),
        None => missing.push("chromium-driver"),
    }
    match which("wasm-opt") {
        Some(p) => report.present(format!("wasm-opt {}", p.display())),
        None => missing.push("binaryen"),
    }
    // CJK glyphs in headless screenshots; only knowable (and installable) through dpkg.
    match dpkg_installed("fonts-wqy-microhei") {
        Some(true) => report.present("fonts-wqy-microhei"),
        Some(false) => missing.push("fonts-wqy-microhei"),
        None => {}
    }
    // The extension speaks the browser's UI language, and Debian ships Chromium's zh-CN
    // strings apart: without them a Chinese user's demo (and zh_CN tests) run in English.
    let debian_chromium = missing.contains(&"chromium") || dpkg_installed("chromium") == Some(true);
    if debian_chromium {
        match dpkg_installed("chromium-l10n") {
            Some(true) => report.present("chromium-l10n"),
            Some(false) => missing.push("chromium-l10n"),
            None => {}
        }
    }

    if !missing.is_empty() {
        install_debian_packages(&missing, report);
    }
    let chrome = find_chrome();
    let chromedriver = find_chromedriver();
    let wasm_opt = which("wasm-opt");
    if chrome.is_none() {
        util::warn(
            "no Chromium found: install it or set CHROME=/path/to/chrome (demo and tests need it)",
        );
    }
    if chromedriver.is_none() {
        util::warn(
            "no chromedriver found: the wasm-bindgen browser tests need it (set CHROMEDRIVER)",
        );
    }
    if wasm_opt.is_none() {
        util::warn("no wasm-opt found: the WASM will not be size-optimised (install binaryen)");
    }
    Ok((wasm_opt, chrome, chromedriver))
}

fn install_debian_packages(packages: &[&str], report: &mut Report) {
    if which("apt-get").is_none() {
        util::warn(&format!(
            "apt-get is not available; install by hand: {}",
            packages.join(" ")
        ));
        return;
    }
    let sudo = !util::is_root();
    if sudo && which("sudo").is_none() {
        util::warn(&format!(
            "not root and no sudo; install by hand: {}",
            packages.join(" ")
        ));
        return;
    }
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            let mut c = Command::new("sudo");
            c.args(["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            c
        } else {
            let mut c = Command::new("apt-get");
            c.env("DEBIAN_FRONTEND", "noninteractive");
            c
        };
        cmd.args(args);
        run(&mut cmd)
    };
    if let Err(e) = apt(&["update", "-q"]) {
        util::warn(&format!(
            "apt-get update failed ({e}); trying the install anyway"
        ));
    }
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend_from_slice(packages);
    match apt(&args) {
        Ok(()) => {
            for p in packages {
                report.installed(format!("Debian package {p}"));
            }
        }
        Err(e) => util::warn(&format!("could not install {}: {e}", packages.join(" "))),
    }
}

fn ensure_node_modules(root: &Path, report: &mut Report) -> Result {
    if which("node").is_none() || which("npm").is_none() {
        crate::fail!("Node.js and npm are required (Debian: apt-get install nodejs npm)");
    }
    let lock = root.join("package-lock.json");
    // npm writes this hidden lockfile on every install: its age is node_modules' age.
    let stamp = root.join("node_modules").join(".package-lock.json");
    let fresh = match (util::mtime(&stamp), util::mtime(&lock)) {
        (Some(installed), Some(locked)) => installed >= locked,
        (Some(_), None) => true,
        _ => false,
    };
    if fresh {
        report.present("node_modules (up to date with package-lock.json)");
        return Ok(());
    }
    // .npmrc keeps ignore-scripts=true: a dependency's install script needs the network.
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root))?;
    report.installed("node_modules (npm ci)");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_wasm_bindgen_reads_the_version_after_the_exact_name() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n";
        assert_eq!(pinned_wasm_bindgen(lock).as_deref(), Some("0.2.130"));
    }

    #[test]
    fn pinned_wasm_bindgen_is_none_without_the_package() {
        assert_eq!(pinned_wasm_bindgen("[[package]]\nname = \"serde\"\n"), None);
    }

    #[test]
    fn the_workspace_lock_pins_a_wasm_bindgen() {
        let lock = fs::read_to_string(util::repo_root().join("Cargo.lock")).expect("readable");
        assert!(pinned_wasm_bindgen(&lock).is_some());
    }
}
