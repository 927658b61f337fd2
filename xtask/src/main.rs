//! `cargo xtask <command>`: every build, demo, test and measurement chore of this repository,
//! in Rust instead of shell scattered around (the rust-analyzer way). Each command runs
//! `setup` first, so the README's commands work on a fresh machine.

mod bench;
mod build;
mod demo;
mod dist;
mod gates;
mod json;
mod setup;
mod size_breakdown;
mod standalone;
mod test;
mod tidy;
mod util;
mod wasm_module;
mod zip;

use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask <command>

  setup                 install what the others need (idempotent)
  build                 WASM core + dist/extension/, dist/extension-e2e/, dist/demo/
  demo                  build, serve the demo console, walk it with the extension
                        (headless: screenshots in target/demo/; with a display: stays open)
  test [--only gates|native|wasm|e2e]
                        gates (rustfmt, clippy native and wasm32, ESLint, tidy, the store
                        package), native tests, wasm-bindgen tests in headless Chromium, the
                        E2E suite and the other Node tests; ends with `total: N passed, M failed`
  dist                  build, then dist/fapiao-helper-<version>.zip for the Chrome Web Store
                        and Edge Add-ons (checked; the same bytes on every run)
  size                  build, then where the shipped WASM's bytes are: each part
                        (serde, exports, domain code, url, std, data, …) raw and gzip
  bench                 sizes, and in headless Chromium: the MAIN hook's cost on fetch, the
                        collector, WASM start-up and recognition in the worker, the observer
                        under churn (target/bench/results.json); never asserts timings";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let started = Instant::now();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::setup().map(|_| ()),
        Some("build") => setup::setup().and_then(|tools| build::build(&tools)),
        Some("demo") => demo::demo(&args[1..]),
        Some("test") => test::test(&args[1..]),
        Some("bench") => bench::bench(),
        Some("size") => size_breakdown::size(),
        Some("dist") => dist::dist(),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let took = started.elapsed().as_secs_f64();
    // `test` ends its output with the `total:` line a CI reader counts; add nothing after it.
    let quiet = args[0] == "test";
    match result {
        Ok(()) if quiet => ExitCode::SUCCESS,
        Err(_) if quiet => ExitCode::FAILURE,
        Ok(()) => {
            eprintln!("xtask {}: done in {took:.1}s", args[0]);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask {}: FAILED after {took:.1}s: {e}", args[0]);
            ExitCode::FAILURE
        }
    }
}
