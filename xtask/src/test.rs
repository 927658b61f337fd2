//! `cargo xtask test`: every check and test, in four stages (the gates of `gates.rs`: format,
//! lints, tidy, the store package; native Rust; wasm-bindgen tests in headless Chromium; the
//! E2E suite driving the built extension, with the other Node test files). All stages run even
//! when one fails; the output ends with one line a CI reader can count:
//! `total: N passed, M failed`, where each gate is one check.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

use crate::build;
use crate::setup::{self, Tools};
use crate::util::{self, Result};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }

    fn total(&self) -> u64 {
        self.passed + self.failed + self.skipped
    }
}

/// `total: 12 passed, 0 failed` (`, 3 skipped` only when some were).
pub fn summary_line(c: Counts) -> String {
    let mut line = format!("total: {} passed, {} failed", c.passed, c.failed);
    if c.skipped > 0 {
        line.push_str(&format!(", {} skipped", c.skipped));
    }
    line
}

fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Counts reported on one line of test output, by cargo's libtest (`test result: ok. 3 passed;
/// 1 failed; 2 ignored; …`, also printed by wasm-bindgen-test-runner) or Node's test runner
/// (`ℹ pass 3` with the spec reporter, `# pass 3` with TAP).
pub fn counts_in_line(line: &str) -> Option<Counts> {
    let line = strip_ansi(line);
    let line = line.trim();
    if let Some(rest) = line.split_once("test result: ").map(|(_, r)| r) {
        let mut c = Counts::default();
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            let (Some(n), Some(what)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            match what {
                "passed" => c.passed += n,
                "failed" => c.failed += n,
                "ignored" => c.skipped += n,
                _ => {}
            }
        }
        return Some(c);
    }
    let rest = line
        .strip_prefix("ℹ ")
        .or_else(|| line.strip_prefix("# "))?;
    let (what, n) = rest.split_once(' ')?;
    let n = n.trim().parse::<u64>().ok()?;
    let mut c = Counts::default();
    match what {
        "pass" => c.passed = n,
        "fail" | "cancelled" => c.failed = n,
        "skipped" | "todo" => c.skipped = n,
        _ => return None,
    }
    Some(c)
}

/// One stage's result: the counts it reported, or a failure of its own when it crashed,
/// did not compile, or ran nothing (never silently zero tests).
pub struct Stage {
    name: &'static str,
    counts: Counts,
    problem: Option<String>,
    seconds: f64,
}

/// Runs a test command, streaming its output as it comes and adding up the counts it prints.
fn run_stage(name: &'static str, cmd: &mut Command) -> Stage {
    util::heading(&format!("test: {name}"));
    let started = std::time::Instant::now();
    let mut shown = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        shown.push(' ');
        shown.push_str(&a.to_string_lossy());
    }
    println!("$ {shown}");
    let spawned = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            let problem = Some(format!("could not start: {e}"));
            return Stage {
                name,
                counts: Counts::default(),
                problem,
                seconds: 0.0,
            };
        }
    };
    let (tx, rx) = mpsc::channel::<(bool, String)>();
    let mut readers = Vec::new();
    let streams: [(bool, Option<Box<dyn Read + Send>>); 2] = [
        (
            false,
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ),
        (
            true,
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn Read + Send>),
        ),
    ];
    for (is_err, stream) in streams {
        let Some(stream) = stream else { continue };
        let tx = tx.clone();
        readers.push(thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut buf = Vec::new();
            while reader
                .read_until(b'\n', &mut buf)
                .map(|n| n > 0)
                .unwrap_or(false)
            {
                let line = String::from_utf8_lossy(&buf)
                    .trim_end_matches(['\n', '\r'])
                    .to_owned();
                if tx.send((is_err, line)).is_err() {
                    break;
                }
                buf.clear();
            }
        }));
    }
    drop(tx);
    let mut counts = Counts::default();
    for (is_err, line) in rx {
        if is_err {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
        if let Some(c) = counts_in_line(&line) {
            counts.add(c);
        }
    }
    let _ = std::io::stdout().flush();
    for r in readers {
        let _ = r.join();
    }
    let status = child.wait();
    let problem = match status {
        Err(e) => Some(format!("could not wait for it: {e}")),
        Ok(s) if !s.success() && counts.failed == 0 => Some(format!(
            "exited with {s} without reporting a failing test (crashed or did not compile)"
        )),
        Ok(_) if counts.total() == 0 => Some("ran no tests".to_owned()),
        Ok(_) => None,
    };
    Stage {
        name,
        counts,
        problem,
        seconds: started.elapsed().as_secs_f64(),
    }
}

impl Stage {
    /// A check that held (a gate): one passed.
    pub fn passed(name: &'static str, seconds: f64) -> Stage {
        let counts = Counts {
            passed: 1,
            ..Counts::default()
        };
        Stage {
            name,
            counts,
            problem: None,
            seconds,
        }
    }

    /// A check that did not hold: one failed, and why.
    pub fn failed(name: &'static str, why: String, seconds: f64) -> Stage {
        Stage {
            name,
            counts: Counts::default(),
            problem: Some(why),
            seconds,
        }
    }
}

fn not_run(name: &'static str, why: String) -> Stage {
    util::heading(&format!("test: {name}"));
    eprintln!("not run: {why}");
    Stage {
        name,
        counts: Counts::default(),
        problem: Some(format!("not run: {why}")),
        seconds: 0.0,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Only {
    All,
    Gates,
    Native,
    Wasm,
    E2e,
}

fn parse_only(args: &[String]) -> std::result::Result<Only, String> {
    match args {
        [] => Ok(Only::All),
        [flag, which] if flag == "--only" => match which.as_str() {
            "gates" => Ok(Only::Gates),
            "native" => Ok(Only::Native),
            "wasm" => Ok(Only::Wasm),
            "e2e" => Ok(Only::E2e),
            other => Err(format!(
                "unknown stage `{other}` (gates, native, wasm or e2e)"
            )),
        },
        _ => Err("usage: cargo xtask test [--only gates|native|wasm|e2e]".to_owned()),
    }
}

pub fn test(args: &[String]) -> Result {
    let only = parse_only(args).inspect_err(|e| eprintln!("{e}"))?;
    let root = util::repo_root();
    let mut stages = Vec::new();
    let tools = match setup::setup() {
        Ok(t) => Some(t),
        Err(e) => {
            stages.push(Stage {
                name: "setup",
                counts: Counts::default(),
                problem: Some(e.0),
                seconds: 0.0,
            });
            None
        }
    };
    // Native and wasm stages compile their own code; the E2E suite and the package gate need dist/.
    let mut built = Ok(());
    if let (Some(t), Only::All | Only::E2e | Only::Gates) = (&tools, only) {
        if let Err(e) = build::build(t) {
            built = Err(e.0.clone());
            stages.push(Stage {
                name: "build",
                counts: Counts::default(),
                problem: Some(e.0),
                seconds: 0.0,
            });
        }
    }
    if matches!(only, Only::All | Only::Gates) {
        let built = match (&tools, &built) {
            (None, _) => Err("setup failed".to_owned()),
            (_, Err(e)) => Err(e.clone()),
            _ => Ok(()),
        };
        stages.extend(crate::gates::gates(&root, built));
    }
    if matches!(only, Only::All | Only::Native) {
        stages.push(run_stage(
            "native (cargo test --workspace --no-fail-fast)",
            Command::new("cargo")
                .args(["test", "--workspace", "--no-fail-fast"])
                .current_dir(&root),
        ));
    }
    if matches!(only, Only::All | Only::Wasm) {
        stages.push(match &tools {
            Some(t) => wasm_stage(&root, t),
            None => not_run(
                "wasm (wasm-bindgen-test in headless Chromium)",
                "setup failed".into(),
            ),
        });
    }
    if matches!(only, Only::All | Only::E2e) {
        stages.push(match (&tools, built) {
            (Some(t), Ok(())) => e2e_stage(&root, t),
            (None, _) => not_run("e2e", "setup failed".into()),
            (_, Err(e)) => not_run("e2e", format!("the build failed: {e}")),
        });
    }

    util::heading("test: summary");
    let mut total = Counts::default();
    for s in &stages {
        let mut c = s.counts;
        match &s.problem {
            Some(p) => {
                c.failed += 1;
                println!(
                    "{:<48} FAILED: {p} ({} passed, {} failed; {:.0}s)",
                    s.name, s.counts.passed, s.counts.failed, s.seconds
                );
            }
            None => println!(
                "{:<48} {} passed, {} failed, {} skipped ({:.0}s)",
                s.name, c.passed, c.failed, c.skipped, s.seconds
            ),
        }
        total.add(c);
    }
    println!("{}", summary_line(total));
    if total.failed > 0 {
        crate::fail!("{} failed", total.failed);
    }
    Ok(())
}

fn wasm_stage(root: &Path, tools: &Tools) -> Stage {
    const NAME: &str = "wasm (wasm-bindgen-test in headless Chromium)";
    let (Some(chrome), Some(driver)) = (&tools.chrome, &tools.chromedriver) else {
        return not_run(
            NAME,
            "needs Chromium and chromedriver (see `cargo xtask setup`)".into(),
        );
    };
    // Our own capabilities file, so the browser is the one setup found; the runner itself
    // adds --headless and --no-sandbox.
    let caps = root.join("target/xtask/webdriver.json");
    let text = format!(
        "{{\"goog:chromeOptions\": {{\"binary\": {:?}, \"args\": [\"--disable-gpu\", \
         \"--disable-background-networking\", \"--disable-component-update\", \"--no-first-run\", \
         \"--disable-sync\"]}}}}\n",
        chrome.to_string_lossy()
    );
    if let Err(e) =
        fs::create_dir_all(root.join("target/xtask")).and_then(|_| fs::write(&caps, text))
    {
        return not_run(NAME, format!("cannot write {}: {e}", caps.display()));
    }
    let mut cmd = Command::new("cargo");
    cmd.args([
        "test",
        "--no-fail-fast",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    for name in web_tests(&root.join("tests")) {
        cmd.args(["--test", &name]);
    }
    run_stage(
        NAME,
        cmd.current_dir(root)
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                &tools.test_runner,
            )
            .env("CHROMEDRIVER", driver)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &caps)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            // A test file without `wasm_bindgen_test_configure!` would otherwise run in Node.
            .env("WASM_BINDGEN_USE_BROWSER", "1"),
    )
}

/// The wasm-bindgen test targets: every `tests/web*.rs` (`web`, `web_forms`, …), by name.
pub fn web_tests(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                .filter_map(|n| {
                    n.strip_suffix(".rs")
                        .filter(|stem| stem.starts_with("web"))
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// `tests/e2e/**/*.test.mjs`, listed by us: `node --test <dir>` means different things in
/// different Node versions.
pub fn e2e_files(dir: &Path) -> Vec<PathBuf> {
    util::files_under(dir)
        .into_iter()
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.ends_with(".test.mjs") || name.ends_with(".test.js")
        })
        .filter(|p| !p.components().any(|c| c.as_os_str() == "node_modules"))
        .collect()
}

/// The folders besides `tests/e2e/` whose Node test files (`*.test.mjs`) the E2E stage runs
/// too: the demo server's tests (which want `dist/`), the bench's and shared tools' own.
pub const OTHER_NODE_TESTS: [&str; 3] = ["www", "bench", "tools"];

fn e2e_stage(root: &Path, tools: &Tools) -> Stage {
    const NAME: &str = "e2e (node --test, Chromium + dist/extension-e2e)";
    let mut files = e2e_files(&root.join("tests/e2e"));
    for dir in OTHER_NODE_TESTS {
        files.extend(e2e_files(&root.join(dir)));
    }
    if files.is_empty() {
        return not_run(NAME, "no tests/e2e/*.test.mjs files".into());
    }
    let mut cmd = Command::new("node");
    cmd.args(["--test", "--test-concurrency=1", "--test-reporter=spec"]);
    for f in &files {
        cmd.arg(f.strip_prefix(root).unwrap_or(f));
    }
    cmd.current_dir(root);
    if let Some(chrome) = &tools.chrome {
        cmd.env("CHROME", chrome);
    }
    run_stage(NAME, &mut cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_result_line_counts_passed_failed_and_ignored() {
        let c = counts_in_line("test result: FAILED. 7 passed; 2 failed; 3 ignored; 0 measured; 1 filtered out; finished in 0.02s");
        assert_eq!(
            c,
            Some(Counts {
                passed: 7,
                failed: 2,
                skipped: 3
            })
        );
    }

    #[test]
    fn node_spec_summary_lines_are_counted_with_or_without_colour() {
        assert_eq!(
            counts_in_line("ℹ pass 5"),
            Some(Counts {
                passed: 5,
                ..Counts::default()
            })
        );
        assert_eq!(
            counts_in_line("\u{1b}[34mℹ fail 2\u{1b}[39m"),
            Some(Counts {
                failed: 2,
                ..Counts::default()
            })
        );
        assert_eq!(
            counts_in_line("# cancelled 1"),
            Some(Counts {
                failed: 1,
                ..Counts::default()
            })
        );
        assert_eq!(
            counts_in_line("ℹ skipped 4"),
            Some(Counts {
                skipped: 4,
                ..Counts::default()
            })
        );
    }

    #[test]
    fn other_lines_count_nothing() {
        assert_eq!(counts_in_line("ℹ tests 5"), None);
        assert_eq!(counts_in_line("ℹ duration_ms 140.5"), None);
        assert_eq!(counts_in_line("test console::prefix ... ok"), None);
        assert_eq!(counts_in_line("✔ pass 3 things (1ms)"), None);
    }

    #[test]
    fn summary_line_names_skipped_only_when_some_were() {
        assert_eq!(
            summary_line(Counts {
                passed: 3,
                failed: 0,
                skipped: 0
            }),
            "total: 3 passed, 0 failed"
        );
        assert_eq!(
            summary_line(Counts {
                passed: 3,
                failed: 1,
                skipped: 2
            }),
            "total: 3 passed, 1 failed, 2 skipped"
        );
    }

    #[test]
    fn only_accepts_the_four_stage_names() {
        assert_eq!(parse_only(&[]), Ok(Only::All));
        assert_eq!(
            parse_only(&["--only".into(), "gates".into()]),
            Ok(Only::Gates)
        );
        assert_eq!(
            parse_only(&["--only".into(), "wasm".into()]),
            Ok(Only::Wasm)
        );
        assert!(parse_only(&["--only".into(), "all".into()]).is_err());
        assert!(parse_only(&["--fast".into()]).is_err());
    }

    #[test]
    fn every_tests_web_file_is_a_wasm_test_target() {
        let dir = std::env::temp_dir().join(format!("xtask-web-tests-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temporary directory");
        for f in [
            "web.rs",
            "web_secrets.rs",
            "web_forms.rs",
            "forms_plan.rs",
            "webby.txt",
        ] {
            fs::write(dir.join(f), "").expect("temporary directory");
        }
        assert_eq!(web_tests(&dir), ["web", "web_forms", "web_secrets"]);
        fs::remove_dir_all(&dir).expect("temporary directory");
    }

    #[test]
    fn e2e_files_are_the_test_modules_only() {
        let dir = std::env::temp_dir().join(format!("xtask-e2e-files-{}", std::process::id()));
        fs::create_dir_all(dir.join("sub")).expect("temporary directory");
        fs::create_dir_all(dir.join("node_modules/x")).expect("temporary directory");
        for f in [
            "a.test.mjs",
            "harness.mjs",
            "sub/b.test.mjs",
            "notes.md",
            "node_modules/x/c.test.js",
        ] {
            fs::write(dir.join(f), "").expect("temporary directory");
        }
        let names: Vec<_> = e2e_files(&dir)
            .iter()
            .map(|p| p.strip_prefix(&dir).expect("under dir").to_owned())
            .collect();
        assert_eq!(
            names,
            [PathBuf::from("a.test.mjs"), PathBuf::from("sub/b.test.mjs")]
        );
        fs::remove_dir_all(&dir).expect("temporary directory");
    }
}
