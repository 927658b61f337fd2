//! "诊断此页": a JSON description of what the helper understood of a page, for a user to send
//! when the helper does not recognise a form. It holds labels, kinds, rules and matches, and
//! never a value: not a control's value, not its length, not an option's text, not a labelled
//! text's value, not the URL's query (it may carry tokens).

use serde_json::{json, Value};

use super::recognise::{prepare, KeyIndex, Recognition};
use super::SPECS;
use crate::labels::clean_label;
use crate::snapshot::{ControlKind, Snapshot};

/// The page address without query and fragment.
fn page_address(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {
            format!("{}{}", parsed.origin().ascii_serialization(), parsed.path())
        }
        Ok(parsed) => parsed.scheme().to_string(),
        Err(_) => String::new(),
    }
}

/// Describes `snapshot` and what `recognition` made of it.
pub fn diagnose(snapshot: &Snapshot, recognition: &Recognition) -> Value {
    let index = KeyIndex::new(SPECS);
    let prepared = prepare(snapshot);
    let controls: Vec<Value> = prepared
        .iter()
        .map(|p| {
            let control = p.control;
            let value = control.value.trim();
            let labels: Vec<Value> = p
                .labels
                .iter()
                .map(|(rule, keys)| {
                    // A "label" that repeats the value is the value (some pages aria-label an
                    // input with its content): leave it out.
                    if !value.is_empty() && (keys.clean == value || (value.chars().count() >= 3 && keys.clean.contains(value))) {
                        json!({ "rule": rule, "text": null, "omitted": "equals-value" })
                    } else {
                        json!({ "rule": rule, "text": keys.clean })
                    }
                })
                .collect();
            let matches: Vec<Value> = p
                .labels
                .iter()
                .flat_map(|(rule, keys)| {
                    index.lookup(keys).into_iter().map(move |(s, f, quality)| {
                        json!({
                            "form": SPECS[s].name,
                            "field": SPECS[s].fields[f].label,
                            "rule": rule,
                            "quality": format!("{quality:?}").to_ascii_lowercase(),
                        })
                    })
                })
                .collect();
            json!({
                "id": control.id,
                "tag": control.tag,
                "type": control.input_type,
                "kind": control.kind,
                "disabled": control.disabled,
                "readOnly": control.read_only,
                "visible": control.visible,
                "eligible": p.eligible,
                "hasValue": (!control.kind.is_checkable() && control.kind != ControlKind::Password).then_some(!value.is_empty()),
                "checked": control.kind.is_checkable().then_some(control.checked),
                "container": control.container,
                "grouped": control.name.is_some(),
                "optionCount": control.options.len(),
                "labels": labels,
                "matches": matches,
            })
        })
        .collect();
    let headings: Vec<Value> = snapshot
        .headings
        .iter()
        .take(super::recognise::MAX_HEADINGS)
        .map(|h| json!({ "text": clean_label(&h.text), "container": h.container }))
        .collect();
    let texts: Vec<Value> = snapshot.texts.iter().take(200).map(|t| json!({ "id": t.id, "label": clean_label(&t.label) })).collect();
    json!({
        "helper": "fapiao-helper",
        "version": env!("CARGO_PKG_VERSION"),
        "page": {
            "address": page_address(&snapshot.url),
            "frame": snapshot.frame,
            "title": clean_label(&snapshot.title),
            "headings": headings,
        },
        "forms": recognition.forms,
        "controls": controls,
        "texts": texts,
        "counts": {
            "controlsSent": snapshot.controls.len(),
            "controlsRead": prepared.len(),
            "formsKnown": SPECS.len(),
        },
    })
}
