//! Where the shipped WASM's bytes are: the module is built once more exactly as shipped but
//! with its function names kept (`wasm-bindgen --keep-debug`, `wasm-opt -Oz -g`), each function
//! body is put in a group by its name, and each group's bytes (and the data section's) are
//! measured raw and `gzip -9` on their own. `cargo xtask size` prints it; the bench adds it to
//! its report.
//!
//! Generic code is counted where its symbol says it lives: `Vec<T>::extend` or an iterator's
//! `fold` instantiated for a domain type is "std and generic code", and serde's code for a
//! domain type is "serialisation". The "domain code and its data" line is therefore a floor:
//! what the rules and their texts weigh with no boundary, allocator or std at all.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::json::Json;
use crate::setup::Tools;
use crate::util::{self, Result};
use crate::{build, wasm_module};

/// A group: its key, what it is, and whether a function of this name belongs to it.
type Group = (&'static str, &'static str, fn(&str) -> bool);

/// The groups in the order they are printed; a function goes to the first whose test holds.
const GROUPS: [Group; 8] = [
    ("serde", "serialisation (serde, serde_json)", |n| {
        n.contains("serde")
    }),
    (
        "exports",
        "exports (wasm-bindgen shims, inlined code)",
        |n| n.contains(" shim") || n.contains("__wbindgen") || n.contains("__wbg"),
    ),
    ("adapters", "JS adapters (src/wasm/)", |n| {
        n.contains("fapiao_helper::wasm::")
    }),
    ("domain", "domain code (src/ outside src/wasm/)", |n| {
        n.contains("fapiao_helper::")
    }),
    ("url", "URL parsing (url, idna)", |n| {
        ["url::", "idna", "percent_encoding", "form_urlencoded"]
            .iter()
            .any(|c| n.contains(c))
    }),
    ("fmt", "formatting (core::fmt, floats)", |n| {
        ["fmt", "flt2dec", "dec2flt", "zmij"]
            .iter()
            .any(|c| n.contains(c))
    }),
    ("bindgen", "wasm-bindgen and js-sys runtime", |n| {
        n.contains("wasm_bindgen") || n.contains("js_sys")
    }),
    (
        "std",
        "std and generic code (alloc, Vec, iterators, hashing)",
        |_| true,
    ),
];

/// One measured part: its key, what it is, and its bytes raw and gzip -9 on their own.
pub struct Part {
    pub key: &'static str,
    pub what: &'static str,
    pub raw: u64,
    pub gzip: u64,
}

/// The parts, then the floor (domain code and data together), then the module's own gzip size.
pub struct Breakdown {
    pub parts: Vec<Part>,
    pub floor: Part,
}

impl Breakdown {
    pub fn print(&self) {
        println!("  {:<58} {:>11} {:>11}", "", "raw", "gzip -9");
        for part in self.parts.iter().chain([&self.floor]) {
            println!(
                "  {:<58} {:>11} {:>11}",
                part.what,
                kib(part.raw),
                kib(part.gzip)
            );
        }
    }

    pub fn json(&self) -> Json {
        let part = |p: &Part| {
            let mut o = Json::Object(Vec::new());
            o.set("key", Json::String(p.key.to_owned()));
            o.set("what", Json::String(p.what.to_owned()));
            o.set("raw", Json::Number(p.raw.to_string()));
            o.set("gzip", Json::Number(p.gzip.to_string()));
            o
        };
        let mut o = Json::Object(Vec::new());
        o.set("parts", Json::Array(self.parts.iter().map(part).collect()));
        o.set("floor", part(&self.floor));
        o
    }

    /// The Markdown table the bench appends to its report.
    pub fn markdown(&self) -> String {
        let mut md = String::from(
            "\n### Where the WASM's bytes are\n\nEach part measured alone, from the shipped \
             module rebuilt with names (`cargo xtask size`); gzip sizes of parts do not add \
             up to the module's.\n\n| Part | raw | gzip -9 |\n|---|---:|---:|\n",
        );
        for part in self.parts.iter().chain([&self.floor]) {
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                part.what,
                kib(part.raw),
                kib(part.gzip)
            ));
        }
        md
    }
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// The group key of a function named `name`.
fn group_of(name: &str) -> usize {
    GROUPS
        .iter()
        .position(|(_, _, test)| test(name))
        .unwrap_or(GROUPS.len() - 1)
}

/// Builds the named module from the release build `raw` into `work`, and measures it.
pub fn measure(tools: &Tools, raw: &Path, work: &Path) -> Result<Breakdown> {
    let named = named_module(tools, raw, work)?;
    let bytes = fs::read(&named)?;
    let Some(contents) = wasm_module::contents(&bytes) else {
        crate::fail!(
            "{}: not a module the size reader understands",
            named.display()
        );
    };
    if contents.functions.iter().all(|(name, _)| name.is_empty()) {
        crate::fail!("{}: the module kept no function names", named.display());
    }
    let mut grouped: Vec<Vec<u8>> = vec![Vec::new(); GROUPS.len()];
    for (name, body) in &contents.functions {
        grouped[group_of(name)].extend_from_slice(body);
    }
    let mut parts = Vec::new();
    for ((key, what, _), group) in GROUPS.iter().zip(&grouped) {
        parts.push(part(work, key, what, group)?);
    }
    parts.push(part(
        work,
        "data",
        "data (messages, labels, tables, panic texts)",
        contents.data,
    )?);
    let Some(domain) = GROUPS.iter().position(|(key, _, _)| *key == "domain") else {
        crate::fail!("the size breakdown has no domain group");
    };
    let domain = &grouped[domain];
    let floor = part(
        work,
        "floor",
        "domain code and its data alone (a floor)",
        &[domain.as_slice(), contents.data].concat(),
    )?;
    Ok(Breakdown { parts, floor })
}

fn part(work: &Path, key: &'static str, what: &'static str, bytes: &[u8]) -> Result<Part> {
    let file = work.join(format!("part-{key}.bin"));
    fs::write(&file, bytes)?;
    let Some(gzip) = util::gzip_size(&file) else {
        crate::fail!("cannot gzip {} (is gzip installed?)", file.display());
    };
    let _ = fs::remove_file(&file);
    Ok(Part {
        key,
        what,
        raw: bytes.len() as u64,
        gzip,
    })
}

/// The shipped module again, with names: wasm-bindgen keeping the name section, then the
/// build's own wasm-opt passes with `-g`.
fn named_module(tools: &Tools, raw: &Path, work: &Path) -> Result<PathBuf> {
    let _ = fs::remove_dir_all(work);
    fs::create_dir_all(work)?;
    util::run(
        Command::new(&tools.wasm_bindgen)
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--keep-debug",
                "--out-dir",
            ])
            .arg(work)
            .arg(raw),
    )?;
    let bg = work.join("fapiao_helper_bg.wasm");
    let Some(wasm_opt) = &tools.wasm_opt else {
        return Ok(bg);
    };
    let named = work.join("named.wasm");
    util::run(
        Command::new(wasm_opt)
            .args(["-Oz", "-g", "--strip-producers"])
            .args(build::WASM_FEATURES)
            .arg("-o")
            .arg(&named)
            .arg(&bg),
    )?;
    Ok(named)
}

/// `cargo xtask size`: build, then print where the shipped WASM's bytes are.
pub fn size() -> Result {
    let tools = crate::setup::setup()?;
    build::build(&tools)?;
    let root = util::repo_root();
    util::heading("size: where the shipped WASM's bytes are (a build with names)");
    let breakdown = measure(&tools, &build::raw_module(&root), &root.join("target/size"))?;
    breakdown.print();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_function_goes_to_the_first_group_its_name_fits() {
        let key = |name| GROUPS[group_of(name)].0;
        assert_eq!(
            key("<&mut serde_json::de::Deserializer<R>>::deserialize_struct::h1"),
            "serde"
        );
        assert_eq!(
            key("fapiao_helper::paste::_::<impl serde::de::Deserialize>::deserialize"),
            "serde"
        );
        assert_eq!(key("readPaste externref shim multivalue shim"), "exports");
        assert_eq!(
            key("fapiao_helper::wasm::secrets::bar_secret_action::h2"),
            "adapters"
        );
        assert_eq!(key("fapiao_helper::paste::mail::read::h3"), "domain");
        assert_eq!(key("url::parser::Parser::parse_path::h4"), "url");
        assert_eq!(key("core::fmt::write::h5"), "fmt");
        assert_eq!(key("wasm_bindgen::externref::heap::h6"), "bindgen");
        assert_eq!(key("<alloc::vec::Vec<T,A> as Drop>::drop::h7"), "std");
        assert_eq!(key(""), "std");
    }
}
