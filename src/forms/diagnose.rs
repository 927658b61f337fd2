//! "诊断此页": a JSON description of what the helper understood of a page, for a user to send
//! when the helper does not recognise a form. It holds labels, kinds, rules and matches, and
//! never a value: not a control's value, not its length, not an option's text, not a labelled
//! text's value, not the URL's query (it may carry tokens). Page text that is a secret (a
//! revealed x-acgw-identity shown as a caption or title, or a secret the helper holds) is left
//! out of labels, headings and titles: the report is copied to the clipboard.

use serde_json::{json, Value};

use super::recognise::{prepare, KeyIndex, Recognition};
use super::SPECS;
use crate::gateway::check_gateway;
use crate::labels::clean_label;
use crate::secret::Secret;
use crate::snapshot::{ControlKind, Snapshot};

/// Shortest run of credential-like characters worth checking as a gateway token.
const MIN_TOKEN_CHARS: usize = 16;

/// Whether `text` holds a secret: a token that passes the gateway check (alone, after the
/// `x-acgw-identity` label, or glued to a caption such as `网关：…`), or any secret in `held`.
fn holds_secret(text: &str, held: &[Secret]) -> bool {
    if check_gateway(text).is_ok() {
        return true;
    }
    let runs = text.split(|c: char| {
        !(c.is_ascii_graphic()) || matches!(c, ':' | '：' | ',' | ';' | '"' | '\'' | '(' | ')')
    });
    if runs
        .filter(|run| run.len() >= MIN_TOKEN_CHARS)
        .any(|run| check_gateway(run).is_ok())
    {
        return true;
    }
    held.iter().any(|secret| {
        // The collector's text is cleaned as labels are (edge marks and colons dropped): a
        // secret at a text's edge is compared cleaned too.
        contains_secret(text, secret)
            || contains_secret(text, &Secret::new(clean_label(secret.expose())))
    })
}

/// Whether `secret` occurs in `text`, each window compared without stopping at the first
/// difference (`Secret::same_value`).
fn contains_secret(text: &str, secret: &Secret) -> bool {
    let wanted = secret.expose().len();
    if wanted == 0 || wanted > text.len() {
        return false;
    }
    let mut found = false;
    for (start, _) in text.char_indices() {
        if let Some(window) = text.get(start..start + wanted) {
            found |= secret.same_value(window);
        }
    }
    found
}

/// A page text for the report: cleaned, or `None` when it holds a secret.
fn shown(text: &str, held: &[Secret]) -> Option<String> {
    (!holds_secret(text, held)).then(|| clean_label(text))
}

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

/// The recognised forms, a field's associating label left out when it holds a secret (a label
/// matched by its core, `网关（…）`, keeps the rest of its text).
fn forms_without_secrets(recognition: &Recognition, held: &[Secret]) -> Value {
    let mut forms = serde_json::to_value(&recognition.forms).unwrap_or(Value::Null);
    for field in forms
        .as_array_mut()
        .into_iter()
        .flatten()
        .filter_map(|f| f.get_mut("fields")?.as_array_mut())
        .flatten()
    {
        if field
            .get("label")
            .and_then(Value::as_str)
            .is_some_and(|label| holds_secret(label, held))
        {
            field["label"] = Value::Null;
            field["labelOmitted"] = json!("secret");
        }
    }
    forms
}

/// Describes `snapshot` and what `recognition` made of it.
pub fn diagnose(snapshot: &Snapshot, recognition: &Recognition) -> Value {
    diagnose_holding(snapshot, recognition, &[])
}

/// [`diagnose`], also leaving out any page text that holds one of the secrets in `held` (the
/// worker passes those it holds; they never leave the core).
pub fn diagnose_holding(snapshot: &Snapshot, recognition: &Recognition, held: &[Secret]) -> Value {
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
                    } else if holds_secret(&keys.clean, held) {
                        json!({ "rule": rule, "text": null, "omitted": "secret" })
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
        .take(super::limits::MAX_HEADINGS)
        .map(|h| match shown(&h.text, held) {
            Some(text) => json!({ "text": text, "container": h.container }),
            None => json!({ "text": null, "omitted": "secret", "container": h.container }),
        })
        .collect();
    let texts: Vec<Value> = snapshot
        .texts
        .iter()
        .take(200)
        .map(|t| json!({ "id": t.id, "label": shown(&t.label, held) }))
        .collect();
    json!({
        "helper": "fapiao-helper",
        "version": env!("CARGO_PKG_VERSION"),
        "page": {
            "address": page_address(&snapshot.url),
            "frame": snapshot.frame,
            "title": shown(&snapshot.title, held),
            "headings": headings,
        },
        "forms": forms_without_secrets(recognition, held),
        "controls": controls,
        "texts": texts,
        "counts": {
            "controlsSent": snapshot.controls.len(),
            "controlsRead": prepared.len(),
            "formsKnown": SPECS.len(),
        },
    })
}
