//! `cargo xtask bench`: what the extension costs, measured and printed, never asserted.
//! Here the sizes (the WASM core raw and gzip, its JS glue, the content scripts every console
//! page loads, the MAIN-world hook apart since it runs before every page script, and all the
//! package's JS); then `bench/browser.mjs` measures in headless Chromium with the extension and
//! without it (see its header for each section). Its figures land in
//! `target/bench/results.json`; from its rows and the sizes this writes the side-by-side report
//! (with where the WASM's bytes are, from `size_breakdown`),
//! `target/bench/report.json` and the Markdown table `target/bench/report.md`: each figure beside
//! its baseline, their ratio, and whether the target (where one is set) is met. A slow figure
//! never fails the command; one that could not be measured does, after the report says why.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::json::{self, Json};
use crate::util::{self, Result};
use crate::{build, setup, size_breakdown};

const RESULTS: &str = "target/bench/results.json";
const SIZES: &str = "target/bench/sizes.json";
const REPORT_JSON: &str = "target/bench/report.json";
const REPORT_MD: &str = "target/bench/report.md";

pub fn bench() -> Result {
    let tools = setup::setup()?;
    build::build(&tools)?;
    let root = util::repo_root();
    let ext = root.join("dist/extension");
    fs::create_dir_all(root.join("target/bench"))?;
    // Results and a report from an earlier run must not pass for this one's.
    for old in [RESULTS, REPORT_JSON, REPORT_MD] {
        let _ = fs::remove_file(root.join(old));
    }

    util::heading("bench: sizes (dist/extension/)");
    let sizes = sizes(&ext)?;
    fs::write(root.join(SIZES), sizes.json.pretty())?;
    util::heading("bench: where the WASM's bytes are (the shipped module rebuilt with names)");
    let breakdown = size_breakdown::measure(
        &tools,
        &build::raw_module(&root),
        &root.join("target/bench/named"),
    )?;
    breakdown.print();

    util::heading(
        "bench: in headless Chromium with dist/extension-e2e/ and without it (bench/browser.mjs, a few minutes)",
    );
    let mut cmd = Command::new("node");
    cmd.arg("bench/browser.mjs")
        .args(["--sizes", SIZES, "--out", RESULTS])
        .current_dir(&root);
    if let Some(chrome) = &tools.chrome {
        cmd.env("CHROME", chrome);
    }
    let browser = util::run(&mut cmd);
    // What the browser half measured, even when some of it failed: it writes what it has.
    let results = fs::read_to_string(root.join(RESULTS))
        .ok()
        .and_then(|text| json::parse(&text).ok());
    let mut rows = size_rows(&sizes);
    match results
        .as_ref()
        .and_then(|r| r.get("rows"))
        .and_then(Json::as_array)
    {
        Some(browser_rows) => {
            for row in browser_rows {
                rows.push(Row::from_json(row).map_err(|e| {
                    util::Failure(format!("{RESULTS}: a row the report cannot read: {e}"))
                })?);
            }
        }
        None => rows.push(Row::failed(
            "browser",
            "the measurements in headless Chromium",
            match &browser {
                Err(e) => format!("bench/browser.mjs failed: {e}"),
                Ok(()) => format!("bench/browser.mjs wrote no rows to {RESULTS}"),
            },
        )),
    }
    let machine = results
        .as_ref()
        .and_then(|r| r.get("machine"))
        .map_or_else(String::new, describe_machine);
    let mut report = Json::Object(Vec::new());
    report.set(
        "machine",
        results
            .as_ref()
            .and_then(|r| r.get("machine"))
            .cloned()
            .unwrap_or(Json::Null),
    );
    report.set("rows", Json::Array(rows.iter().map(Row::json).collect()));
    report.set("wasmBreakdown", breakdown.json());
    fs::write(root.join(REPORT_JSON), report.pretty())?;
    let md = markdown(&rows, &machine) + &breakdown.markdown();
    fs::write(root.join(REPORT_MD), &md)?;

    util::heading(&format!("bench: report ({REPORT_MD}, {REPORT_JSON})"));
    print!("{md}");
    let failed: Vec<String> = rows
        .iter()
        .filter_map(|r| r.error.as_ref().map(|e| format!("{}: {e}", r.what)))
        .collect();
    if let Err(e) = browser {
        crate::fail!(
            "the browser measurements did not all run ({e}); what was measured is in {REPORT_MD}"
        );
    }
    if !failed.is_empty() {
        crate::fail!("could not measure: {}", failed.join("; "));
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

/// The shipped sizes the report compares, and all of them as JSON for `sizes.json`.
struct Sizes {
    wasm: Size,
    glue: Size,
    content: Size,
    main_hook: Size,
    all_js: Size,
    json: Json,
}

/// Every `.js` file under `dir`, recursively.
fn js_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            js_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
    Ok(())
}

/// Prints the size table and returns the sizes.
fn sizes(ext: &Path) -> Result<Sizes> {
    let mut out = Json::Object(Vec::new());
    println!("  {:<50} {:>11} {:>11}", "", "raw", "gzip -9");
    let mut core = Vec::new();
    for (key, what, rel) in [
        ("wasm", "WASM core", "wasm/fapiao_helper_bg.wasm"),
        ("glue", "wasm-bindgen JS glue", "wasm/fapiao_helper.js"),
    ] {
        let Some(size) = Size::of(&ext.join(rel)) else {
            crate::fail!("dist/extension/{rel} is missing: did the build finish?");
        };
        row(&format!("{what} ({rel})"), &size);
        out.set(key, size.json());
        core.push(size);
    }
    let (Some(glue), Some(wasm)) = (core.pop(), core.pop()) else {
        crate::fail!("the WASM core and its glue were not both measured");
    };

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
    let mut paths = Vec::new();
    js_files(ext, &mut paths)?;
    let mut all_js = Size {
        raw: 0,
        gzip: Some(0),
    };
    for path in &paths {
        all_js.add(&Size::of(path).unwrap_or(Size { raw: 0, gzip: None }));
    }
    row(
        &format!("all JS in the package ({} files)", paths.len()),
        &all_js,
    );
    out.set("contentScripts", Json::Array(files));
    out.set("contentScriptsTotal", all.json());
    out.set("mainWorldHook", main_world.json());
    out.set("allJs", all_js.json());
    Ok(Sizes {
        wasm,
        glue,
        content: all,
        main_hook: main_world,
        all_js,
        json: out,
    })
}

// --- the report ---------------------------------------------------------------------------------

/// The budget for the shipped WASM, gzip -9.
const WASM_GZIP_BUDGET_KIB: f64 = 100.0;

/// What a row's target bounds: the ratio of value to baseline, or the value itself.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    Ratio(f64),
    Value(f64),
}

/// One line of the report: the helper's figure beside the same measure taken without it (or on
/// a warm worker, or by the hand-written baseline), in the same run.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    /// Stays the same from run to run, for tools that read report.json.
    key: String,
    what: String,
    unit: String,
    value: Option<f64>,
    baseline: Option<f64>,
    /// What the baseline is ("without the extension", "raw", …).
    baseline_is: String,
    target: Option<(Bound, String)>,
    note: String,
    /// Why it could not be measured; the figures are then absent.
    error: Option<String>,
}

fn number(j: Option<&Json>) -> Option<f64> {
    match j {
        Some(Json::Number(text)) => text.parse::<f64>().ok().filter(|v| v.is_finite()),
        _ => None,
    }
}

fn text(j: Option<&Json>) -> String {
    j.and_then(Json::as_str).unwrap_or_default().to_owned()
}

fn number_json(v: Option<f64>) -> Json {
    v.map_or(Json::Null, |v| {
        Json::Number(format!("{}", (v * 1000.0).round() / 1000.0))
    })
}

impl Row {
    fn failed(key: &str, what: &str, why: String) -> Row {
        Row {
            key: key.to_owned(),
            what: what.to_owned(),
            unit: String::new(),
            value: None,
            baseline: None,
            baseline_is: String::new(),
            target: None,
            note: String::new(),
            error: Some(why),
        }
    }

    /// Value over baseline; none when either is missing or the baseline is not above zero.
    fn ratio(&self) -> Option<f64> {
        match (self.value, self.baseline) {
            (Some(v), Some(b)) if b > 0.0 => Some(v / b),
            _ => None,
        }
    }

    /// Whether the target is met; none without a target or without the figure it bounds.
    fn met(&self) -> Option<bool> {
        match self.target.as_ref()?.0 {
            Bound::Ratio(max) => self.ratio().map(|r| r <= max),
            Bound::Value(max) => self.value.map(|v| v <= max),
        }
    }

    /// A row as bench/browser.mjs writes it (bench/rows.mjs).
    fn from_json(j: &Json) -> std::result::Result<Row, String> {
        let what = text(j.get("what"));
        if what.is_empty() {
            return Err("a row without `what`".to_owned());
        }
        let target = match j.get("target") {
            None | Some(Json::Null) => None,
            Some(t) => {
                let max = number(t.get("atMost"))
                    .ok_or_else(|| format!("{what}: a target without `atMost`"))?;
                let bound = match t.get("on").and_then(Json::as_str) {
                    Some("ratio") => Bound::Ratio(max),
                    Some("value") => Bound::Value(max),
                    other => return Err(format!("{what}: a target on {other:?}")),
                };
                Some((bound, text(t.get("text"))))
            }
        };
        let error = j.get("error").and_then(Json::as_str).map(str::to_owned);
        if error.is_none() && number(j.get("value")).is_none() {
            return Err(format!("{what}: neither a value nor an error"));
        }
        Ok(Row {
            key: text(j.get("key")),
            what,
            unit: text(j.get("unit")),
            value: number(j.get("value")),
            baseline: number(j.get("baseline")),
            baseline_is: text(j.get("baselineIs")),
            target,
            note: text(j.get("note")),
            error,
        })
    }

    fn json(&self) -> Json {
        let mut o = Json::Object(Vec::new());
        o.set("key", Json::String(self.key.clone()));
        o.set("what", Json::String(self.what.clone()));
        o.set("unit", Json::String(self.unit.clone()));
        o.set("value", number_json(self.value));
        o.set("baseline", number_json(self.baseline));
        o.set("baselineIs", Json::String(self.baseline_is.clone()));
        o.set("ratio", number_json(self.ratio()));
        o.set(
            "target",
            self.target
                .as_ref()
                .map_or(Json::Null, |(_, t)| Json::String(t.clone())),
        );
        o.set("met", self.met().map_or(Json::Null, Json::Bool));
        o.set("note", Json::String(self.note.clone()));
        o.set("error", self.error.clone().map_or(Json::Null, Json::String));
        o
    }
}

/// Size rows: gzip -9 beside raw (the ratio is what compression leaves), the WASM against its budget.
fn size_rows(sizes: &Sizes) -> Vec<Row> {
    let kib = |b: u64| b as f64 / 1024.0;
    let row = |key: &str, what: &str, size: &Size, target: Option<(Bound, String)>| match size.gzip
    {
        Some(gzip) => Row {
            key: key.to_owned(),
            what: what.to_owned(),
            unit: "KiB".to_owned(),
            value: Some(kib(gzip)),
            baseline: Some(kib(size.raw)),
            baseline_is: "raw".to_owned(),
            target,
            note: String::new(),
            error: None,
        },
        None => Row::failed(key, what, "gzip -9 did not run".to_owned()),
    };
    vec![
        row(
            "wasmSize",
            "WASM core shipped (`wasm/fapiao_helper_bg.wasm`), gzip -9",
            &sizes.wasm,
            Some((
                Bound::Value(WASM_GZIP_BUDGET_KIB),
                format!("gzip ≤ {WASM_GZIP_BUDGET_KIB} KiB"),
            )),
        ),
        row(
            "glueSize",
            "wasm-bindgen JS glue, gzip -9",
            &sizes.glue,
            None,
        ),
        row(
            "contentScriptsSize",
            "content scripts every console page loads, gzip -9",
            &sizes.content,
            None,
        ),
        row(
            "mainWorldHookSize",
            "  of which the MAIN-world hook, gzip -9",
            &sizes.main_hook,
            None,
        ),
        row(
            "allJsSize",
            "all JS in the package (each file gzip -9)",
            &sizes.all_js,
            None,
        ),
    ]
}

/// `0.0123` → `0.012`, `12.34` → `12.3`, `1234.5` → `1235`: about three significant figures.
fn figure(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn with_unit(v: Option<f64>, unit: &str) -> String {
    match v {
        Some(v) if unit.is_empty() => figure(v),
        Some(v) => format!("{} {unit}", figure(v)),
        None => "—".to_owned(),
    }
}

/// A table cell: no line breaks, and a `|` that would end the cell escaped.
fn cell(s: &str) -> String {
    s.replace('\n', " ").replace('|', "\\|")
}

fn describe_machine(m: &Json) -> String {
    let cpus = number(m.get("cpus")).map_or_else(String::new, |n| format!("{n} × "));
    format!(
        "Chromium {} (headless), {cpus}{}, Node {}",
        text(m.get("chromium")),
        text(m.get("cpu")),
        text(m.get("node"))
    )
}

/// The report as a Markdown table, then the rows' notes.
fn markdown(rows: &[Row], machine: &str) -> String {
    let mut md = String::from("| what | value | without / baseline | ratio | target | met? |\n");
    md.push_str("|---|---|---|---|---|---|\n");
    for r in rows {
        if let Some(e) = &r.error {
            md.push_str(&format!(
                "| {} | could not measure: {} | | | {} | — |\n",
                cell(&r.what),
                cell(e),
                cell(r.target.as_ref().map_or("—", |(_, t)| t))
            ));
            continue;
        }
        let baseline = match r.baseline {
            Some(_) => format!("{} ({})", with_unit(r.baseline, &r.unit), r.baseline_is),
            None => "—".to_owned(),
        };
        let met = match r.met() {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {met} |\n",
            cell(&r.what),
            with_unit(r.value, &r.unit),
            cell(&baseline),
            r.ratio()
                .map_or_else(|| "—".to_owned(), |x| format!("{}×", figure(x))),
            cell(r.target.as_ref().map_or("—", |(_, t)| t)),
        ));
    }
    let notes: Vec<&Row> = rows.iter().filter(|r| !r.note.is_empty()).collect();
    if !notes.is_empty() {
        md.push('\n');
        for r in notes {
            md.push_str(&format!("- {}: {}\n", r.what.trim(), r.note));
        }
    }
    if !machine.is_empty() {
        md.push_str(&format!("\nMeasured on {machine}.\n"));
    }
    md
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
    fn browser_row(target: &str) -> Json {
        json::parse(&format!(
            r#"{{"what": "first fill", "unit": "ms", "value": 300, "baseline": 200,
                "baselineIs": "warm", "target": {target}, "note": "n"}}"#
        ))
        .unwrap_or(Json::Null)
    }

    #[test]
    fn a_ratio_target_is_judged_on_value_over_baseline() {
        let met = |at_most: &str| {
            Row::from_json(&browser_row(&format!(
                r#"{{"on": "ratio", "atMost": {at_most}, "text": "t"}}"#
            )))
            .map(|r| (r.ratio(), r.met()))
        };
        assert_eq!(met("1.5"), Ok((Some(1.5), Some(true))));
        assert_eq!(met("1.4"), Ok((Some(1.5), Some(false))));
    }

    #[test]
    fn a_value_target_is_judged_on_the_value_and_no_target_is_neither_met_nor_missed() {
        let row = Row::from_json(&browser_row(
            r#"{"on": "value", "atMost": 16, "text": "≤ 16 ms"}"#,
        ));
        assert_eq!(row.map(|r| r.met()), Ok(Some(false)));
        let row = Row::from_json(&browser_row("null"));
        assert_eq!(row.map(|r| (r.ratio(), r.met())), Ok((Some(1.5), None)));
    }

    #[test]
    fn no_ratio_against_a_zero_or_missing_baseline() {
        let mut row = Row::failed("x", "x", String::new());
        row.error = None;
        row.value = Some(3.0);
        row.target = Some((Bound::Ratio(1.5), String::new()));
        assert_eq!((row.ratio(), row.met()), (None, None));
        row.baseline = Some(0.0);
        assert_eq!((row.ratio(), row.met()), (None, None));
    }

    #[test]
    fn rows_the_report_cannot_judge_are_refused() {
        let refused =
            |text: &str| Row::from_json(&json::parse(text).unwrap_or(Json::Null)).is_err();
        assert!(refused(r#"{"unit": "ms", "value": 1}"#));
        assert!(refused(r#"{"what": "w", "unit": "ms"}"#));
        assert!(refused(
            r#"{"what": "w", "value": 1, "target": {"on": "speed", "atMost": 1}}"#
        ));
        assert!(refused(
            r#"{"what": "w", "value": 1, "target": {"on": "ratio"}}"#
        ));
        // A failed measurement carries its reason instead of figures.
        let failed = Row::from_json(
            &json::parse(r#"{"what": "w", "error": "no trace"}"#).unwrap_or(Json::Null),
        );
        assert_eq!(failed.map(|r| r.error), Ok(Some("no trace".to_owned())));
    }

    #[test]
    fn the_wasm_row_is_gzip_beside_raw_against_the_budget() {
        let size = |raw, gzip| Size {
            raw,
            gzip: Some(gzip),
        };
        let sizes = Sizes {
            wasm: size(400 * 1024, 99 * 1024),
            glue: size(10, 5),
            content: size(10, 5),
            main_hook: size(10, 5),
            all_js: size(10, 5),
            json: Json::Null,
        };
        let rows = size_rows(&sizes);
        assert_eq!(rows.len(), 5);
        let keys: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys.len(), rows.len(), "keys are unique");
        assert_eq!(rows[0].key, "wasmSize");
        assert_eq!((rows[0].value, rows[0].baseline), (Some(99.0), Some(400.0)));
        assert_eq!(rows[0].met(), Some(true));
        assert_eq!(rows[1].met(), None);
        let over = Sizes {
            wasm: size(400 * 1024, 101 * 1024),
            ..sizes
        };
        assert_eq!(size_rows(&over)[0].met(), Some(false));
        let unknown = Sizes {
            wasm: Size { raw: 1, gzip: None },
            ..over
        };
        assert!(size_rows(&unknown)[0].error.is_some());
    }

    #[test]
    fn the_markdown_table_has_one_line_per_row_and_says_what_was_not_measured() {
        let mut ok = Row::failed("load", "load | event", String::new());
        ok.error = None;
        ok.unit = "ms".to_owned();
        ok.value = Some(123.456);
        ok.baseline = Some(100.0);
        ok.baseline_is = "without".to_owned();
        ok.target = Some((Bound::Ratio(1.1), "≤ 1.1×".to_owned()));
        ok.note = "alternating".to_owned();
        let failed = Row::failed("heap", "heap", "no session".to_owned());
        let md = markdown(&[ok, failed], "Chromium 1");
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0],
            "| what | value | without / baseline | ratio | target | met? |"
        );
        assert_eq!(
            lines[2],
            "| load \\| event | 123 ms | 100 ms (without) | 1.23× | ≤ 1.1× | **no** |"
        );
        assert_eq!(
            lines[3],
            "| heap | could not measure: no session | | | — | — |"
        );
        assert!(md.contains("- load | event: alternating\n"));
        assert!(md.ends_with("Measured on Chromium 1.\n"));
    }

    #[test]
    fn figures_keep_about_three_significant_digits() {
        assert_eq!(
            [0.01234, 1.234, 12.34, 1234.5].map(figure),
            ["0.012", "1.23", "12.3", "1234"]
        );
        assert_eq!(with_unit(None, "ms"), "—");
    }
}
