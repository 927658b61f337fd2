//! The gates stage of `cargo xtask test`: checks that hold for the whole tree, each counted as
//! one passed or failed check in the closing `total:` line. rustfmt, clippy (native, every
//! target of both crates; and wasm32, the library and its wasm-bindgen tests) with warnings
//! denied, ESLint over the JavaScript, tidy (`tidy.rs`) and the store package (`dist.rs`: its
//! checks, and the same bytes twice).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::test::{web_tests, Stage};
use crate::util;
use crate::{dist, tidy};

/// Where ESLint looks (`eslint.config.js` says what it checks in each).
pub const LINTED: [&str; 5] = ["extension", "www", "bench", "tests/e2e", "tools"];

/// Runs every gate; `built` says whether `dist/extension/` is fresh (the package gate needs it).
pub fn gates(root: &Path, built: Result<(), String>) -> Vec<Stage> {
    let mut stages = vec![
        // File names only (the fix is `cargo fmt --all`), not pages of diff in a CI log.
        command_gate(
            "gate: rustfmt",
            Command::new("cargo")
                .args(["fmt", "--all", "--check", "--", "--files-with-diff"])
                .current_dir(root),
        ),
        command_gate(
            "gate: clippy (native)",
            Command::new("cargo")
                .args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(root),
        ),
        command_gate("gate: clippy (wasm32)", &mut clippy_wasm(root)),
        eslint_gate(root),
        check_gate("gate: tidy", || tidy_gate(root)),
    ];
    stages.push(match built {
        Ok(()) => check_gate("gate: store package (cargo xtask dist)", || {
            dist::check_reproducible(root)
        }),
        Err(e) => Stage::failed(
            "gate: store package (cargo xtask dist)",
            format!("not run: the build failed: {e}"),
            0.0,
        ),
    });
    stages
}

fn clippy_wasm(root: &Path) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args([
        "clippy",
        "--package",
        "fapiao-helper",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
    ]);
    for name in web_tests(&root.join("tests")) {
        cmd.args(["--test", &name]);
    }
    cmd.args(["--", "-D", "warnings"]).current_dir(root);
    cmd
}

fn eslint_gate(root: &Path) -> Stage {
    const NAME: &str = "gate: eslint";
    let eslint = root.join("node_modules/eslint/bin/eslint.js");
    if !eslint.is_file() {
        util::heading(NAME);
        return Stage::failed(
            NAME,
            "node_modules has no eslint (`cargo xtask setup` runs npm ci)".into(),
            0.0,
        );
    }
    let mut cmd = Command::new("node");
    cmd.arg(eslint).arg("--max-warnings=0");
    for dir in LINTED {
        if root.join(dir).is_dir() {
            cmd.arg(dir);
        }
    }
    command_gate(NAME, cmd.current_dir(root))
}

/// A gate that is a command: passes when it exits with 0. Its output goes straight through.
fn command_gate(name: &'static str, cmd: &mut Command) -> Stage {
    util::heading(name);
    let started = Instant::now();
    let mut shown = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        shown.push(' ');
        shown.push_str(&a.to_string_lossy());
    }
    println!("$ {shown}");
    let status = cmd.stdin(Stdio::null()).status();
    let seconds = started.elapsed().as_secs_f64();
    match status {
        Ok(s) if s.success() => Stage::passed(name, seconds),
        Ok(s) => Stage::failed(name, format!("`{shown}` {s}"), seconds),
        Err(e) => Stage::failed(name, format!("could not start `{shown}`: {e}"), seconds),
    }
}

/// A gate checked in xtask itself: passes on `Ok(what to show)`.
fn check_gate(name: &'static str, check: impl FnOnce() -> util::Result<String>) -> Stage {
    util::heading(name);
    let started = Instant::now();
    let result = check();
    let seconds = started.elapsed().as_secs_f64();
    match result {
        Ok(line) => {
            println!("{line}");
            Stage::passed(name, seconds)
        }
        Err(e) => {
            eprintln!("{e}");
            let first = e.0.lines().next().unwrap_or("failed").to_owned();
            Stage::failed(name, first, seconds)
        }
    }
}

fn tidy_gate(root: &Path) -> util::Result<String> {
    let findings = tidy::check_tree(root)?;
    let files = tidy::source_files(root).len();
    if findings.is_empty() {
        return Ok(format!(
            "{files} files: no issue numbers in comments, no console.log in extension/"
        ));
    }
    for f in &findings {
        eprintln!("{f}");
    }
    crate::fail!("{} finding(s) in {files} files", findings.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clippy gates enforce the workspace lints only where a crate opts in.
    #[test]
    fn both_crates_use_the_workspace_lints_that_deny_unwrap() {
        let root = util::repo_root();
        let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("a Cargo.toml");
        let workspace = read("Cargo.toml");
        let lints = workspace
            .split("[workspace.lints.clippy]")
            .nth(1)
            .expect("[workspace.lints.clippy] in Cargo.toml");
        let lints = lints.split("\n[").next().unwrap_or(lints);
        assert!(lints.contains("unwrap_used = \"deny\""), "{lints}");
        for manifest in [workspace.as_str(), read("xtask/Cargo.toml").as_str()] {
            assert!(manifest.contains("[lints]\nworkspace = true"), "{manifest}");
        }
    }
}
