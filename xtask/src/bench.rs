//! `cargo xtask bench`: what the extension costs, measured and printed, never asserted.
//! Sizes of the WASM (raw, gzip) and of the content scripts a console page loads (the
//! MAIN-world hook apart: it runs before every page script), and the WASM start-up time.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::json::{self, Json};
use crate::util::{self, Result};
use crate::{build, setup};

pub fn bench() -> Result {
    let tools = setup::setup()?;
    build::build(&tools)?;
    let root = util::repo_root();
    let ext = root.join("dist/extension");

    util::heading("bench: sizes");
    let wasm = ext.join("wasm/fapiao_helper_bg.wasm");
    build::print_wasm_size(&wasm);
    let glue = ext.join("wasm/fapiao_helper.js");
    if let Ok(m) = fs::metadata(&glue) {
        println!("wasm-bindgen JS glue: {}", util::human_size(m.len()));
    }
    content_script_sizes(&ext)?;

    util::heading("bench: WASM start-up (Node's V8, the engine Chromium runs)");
    wasm_startup(&root, &ext);
    Ok(())
}

/// Bytes of the content scripts `content-scripts.json` lists, per world.
fn content_script_sizes(ext: &Path) -> Result {
    let Ok(text) = fs::read_to_string(ext.join("content-scripts.json")) else {
        util::warn("no content-scripts.json in dist/extension: no content-script sizes");
        return Ok(());
    };
    let list = json::parse(&text).map_err(|e| util::Failure(format!("content-scripts.json: {e}")))?;
    let mut main_world = 0u64;
    let mut isolated = 0u64;
    for entry in list.as_array().unwrap_or_default() {
        let is_main = entry.get("world").and_then(Json::as_str) == Some("MAIN");
        for file in entry.get("js").and_then(Json::as_array).unwrap_or_default() {
            let Some(rel) = file.as_str() else { continue };
            let size = fs::metadata(ext.join(rel)).map(|m| m.len()).unwrap_or(0);
            println!("  {:<9} {rel}: {size} B", if is_main { "MAIN" } else { "ISOLATED" });
            if is_main {
                main_world += size;
            } else {
                isolated += size;
            }
        }
    }
    println!("content scripts on every console page: {} total", util::human_size(main_world + isolated));
    println!("  of which the MAIN-world hook: {}", util::human_size(main_world));
    Ok(())
}

/// Compiles and instantiates the WASM through the wasm-bindgen glue a few times and prints the
/// median: the cost the service worker pays when it wakes up.
fn wasm_startup(root: &Path, ext: &Path) {
    const SCRIPT: &str = r#"
const [glueUrl, wasmPath] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const bytes = readFileSync(wasmPath);
const start = [], first = [];
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(2);
for (let i = 0; i < 7; i++) {
  const glue = await import(glueUrl + '?run=' + i);
  const t0 = performance.now();
  glue.initSync({ module: new WebAssembly.Module(bytes) });
  const t1 = performance.now();
  start.push(t1 - t0);
  if (typeof glue.consoleContext === 'function') {
    glue.consoleContext('https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/index.html?formId=pc_main_console');
    first.push(performance.now() - t1);
  }
}
process.stdout.write(`compile (V8 compiles lazily) + instantiate: median ${median(start)} ms over 7 runs\n`);
if (first.length) process.stdout.write(`first consoleContext call after start-up: median ${median(first)} ms\n`);
"#;
    let glue = ext.join("wasm/fapiao_helper.js");
    let wasm = ext.join("wasm/fapiao_helper_bg.wasm");
    let url = format!("file://{}", glue.display());
    let run = Command::new("node")
        .args(["--input-type=module", "-e", SCRIPT, "--"])
        .arg(&url)
        .arg(&wasm)
        .current_dir(root)
        .status();
    if !run.is_ok_and(|s| s.success()) {
        util::warn("could not time the WASM start-up in Node");
    }
}
