//! `cargo xtask bench`: what the extension costs, measured and printed, never asserted.
//! Here the sizes (the WASM core raw and gzip, its JS glue, and the content scripts every
//! console page loads, the MAIN-world hook apart since it runs before every page script);
//! then `bench/browser.mjs` measures in headless Chromium with the extension: the hook's cost
//! on the page's `fetch`, the collector, the worker's WASM start-up and recognition, and the
//! SPA observer under a page that mutates every frame. Everything lands in
//! `target/bench/results.json` as well. It fails only when it could not measure.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::json::{self, Json};
use crate::util::{self, Result};
use crate::{build, setup};

const RESULTS: &str = "target/bench/results.json";
const SIZES: &str = "target/bench/sizes.json";

pub fn bench() -> Result {
    let tools = setup::setup()?;
    build::build(&tools)?;
    let root = util::repo_root();
    let ext = root.join("dist/extension");
    fs::create_dir_all(root.join("target/bench"))?;
    // A results file from an earlier run must not pass for this one's.
    let _ = fs::remove_file(root.join(RESULTS));

    util::heading("bench: sizes (dist/extension/)");
    let sizes = sizes(&ext)?;
    fs::write(root.join(SIZES), sizes.pretty())?;

    util::heading(
        "bench: in headless Chromium with dist/extension-e2e/ (bench/browser.mjs, about a minute)",
    );
    let mut cmd = Command::new("node");
    cmd.arg("bench/browser.mjs")
        .args(["--sizes", SIZES, "--out", RESULTS])
        .current_dir(&root);
    if let Some(chrome) = &tools.chrome {
        cmd.env("CHROME", chrome);
    }
    if let Err(e) = util::run(&mut cmd) {
        let mut only = Json::Object(Vec::new());
        only.set("sizes", sizes);
        only.set("browser", Json::Null);
        only.set("error", Json::String(e.0.clone()));
        fs::write(root.join(RESULTS), only.pretty())?;
        crate::fail!("the browser measurements did not run ({e}); the sizes are in {RESULTS}");
    }
    Ok(())
}

/// One file's bytes, raw and after `gzip -9`.
struct Size {
    raw: u64,
    gzip: Option<u64>,
}

impl Size {
    fn of(path: &Path) -> Option<Size> {
        let raw = fs::metadata(path).ok()?.len();
        Some(Size {
            raw,
            gzip: util::gzip_size(path),
        })
    }

    fn add(&mut self, other: &Size) {
        self.raw += other.raw;
        self.gzip = self.gzip.zip(other.gzip).map(|(a, b)| a + b);
    }

    fn json(&self) -> Json {
        let mut o = Json::Object(Vec::new());
        o.set("raw", Json::Number(self.raw.to_string()));
        o.set(
            "gzip",
            self.gzip
                .map_or(Json::Null, |g| Json::Number(g.to_string())),
        );
        o
    }
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

fn row(what: &str, size: &Size) {
    let gzip = size.gzip.map_or_else(|| "?".to_owned(), kib);
    println!(
        "  {what:<50} {:>11} {:>11}   ({} B)",
        kib(size.raw),
        gzip,
        size.raw
    );
}

/// The content scripts `content-scripts.json` lists, as `(is MAIN world, path)` in order.
fn content_script_files(list: &Json) -> Vec<(bool, String)> {
    let mut files = Vec::new();
    for entry in list.as_array().unwrap_or_default() {
        let is_main = entry.get("world").and_then(Json::as_str) == Some("MAIN");
        for file in entry.get("js").and_then(Json::as_array).unwrap_or_default() {
            if let Some(rel) = file.as_str() {
                files.push((is_main, rel.to_owned()));
            }
        }
    }
    files
}

/// Prints the size table and returns it as JSON.
fn sizes(ext: &Path) -> Result<Json> {
    let mut out = Json::Object(Vec::new());
    println!("  {:<50} {:>11} {:>11}", "", "raw", "gzip -9");
    for (key, what, rel) in [
        ("wasm", "WASM core", "wasm/fapiao_helper_bg.wasm"),
        ("glue", "wasm-bindgen JS glue", "wasm/fapiao_helper.js"),
    ] {
        let Some(size) = Size::of(&ext.join(rel)) else {
            crate::fail!("dist/extension/{rel} is missing: did the build finish?");
        };
        row(&format!("{what} ({rel})"), &size);
        out.set(key, size.json());
    }

    let text = fs::read_to_string(ext.join("content-scripts.json"))
        .map_err(|e| util::Failure(format!("dist/extension/content-scripts.json: {e}")))?;
    let list =
        json::parse(&text).map_err(|e| util::Failure(format!("content-scripts.json: {e}")))?;
    let mut main_world = Size {
        raw: 0,
        gzip: Some(0),
    };
    let mut all = Size {
        raw: 0,
        gzip: Some(0),
    };
    let mut files = Vec::new();
    for (is_main, rel) in content_script_files(&list) {
        let size = Size::of(&ext.join(&rel)).unwrap_or(Size { raw: 0, gzip: None });
        let world = if is_main { "MAIN" } else { "ISOLATED" };
        row(&format!("{world:<9}{rel}"), &size);
        if is_main {
            main_world.add(&size);
        }
        all.add(&size);
        let mut f = size.json();
        f.set("file", Json::String(rel));
        f.set("world", Json::String(world.to_owned()));
        files.push(f);
    }
    row("content scripts on every console page", &all);
    row(
        "  of which the MAIN-world hook (before page scripts)",
        &main_world,
    );
    out.set("contentScripts", Json::Array(files));
    out.set("contentScriptsTotal", all.json());
    out.set("mainWorldHook", main_world.json());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_scripts_are_listed_in_order_with_their_world() {
        let list = json::parse(
            r#"[{"id": "h", "js": ["content/main-hook.js"], "world": "MAIN"},
                {"id": "i", "js": ["content/a.js", "content/b.js"]}]"#,
        )
        .unwrap_or(Json::Null);
        assert_eq!(
            content_script_files(&list),
            vec![
                (true, "content/main-hook.js".to_owned()),
                (false, "content/a.js".to_owned()),
                (false, "content/b.js".to_owned()),
            ]
        );
    }

    #[test]
    fn sizes_add_up_and_an_unknown_gzip_size_stays_unknown() {
        let mut total = Size {
            raw: 10,
            gzip: Some(4),
        };
        total.add(&Size {
            raw: 5,
            gzip: Some(3),
        });
        assert_eq!((total.raw, total.gzip), (15, Some(7)));
        total.add(&Size { raw: 1, gzip: None });
        assert_eq!((total.raw, total.gzip), (16, None));
        assert_eq!(
            total.json().pretty().trim(),
            "{\n  \"raw\": 16,\n  \"gzip\": null\n}"
        );
    }
}
