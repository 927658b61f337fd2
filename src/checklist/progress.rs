//! Progress of one console (origin + prefix), whichever product is chosen: a form step is done
//! once the console saved the form (its own 保存, the person's click) after a 填充 of the helper
//! in which every row came out right; a manual step while the person keeps it ticked.
//!
//! A fill is remembered per document until the next fill or undo of that form there, so a save
//! in another tab or after a reload never counts for it.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::{is_manual_step, step_for_spec, Product};
use crate::fill::{Outcome, Purpose};
use crate::i18n::{Locale, Localised};

/// What is kept per console in `chrome.storage.session` (no value of the console, no secret:
/// only step ids and products).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Progress {
    /// The product the person chose (beats detection).
    pub chosen: Option<Product>,
    /// The product last detected on the console's pages (used when the page now tells nothing).
    pub detected: Option<Product>,
    /// Form steps the console saved after a clean 填充.
    pub saved: StepSet,
    /// Manual steps the person ticked.
    pub ticked: StepSet,
}

impl Progress {
    /// Ticks or unticks a manual step; any other id is refused (forms are ticked by saves).
    pub fn tick(&mut self, step: &str, done: bool) -> Result<(), ProgressError> {
        if !is_manual_step(step) {
            return Err(ProgressError::NotManual(step.to_string()));
        }
        if done {
            self.ticked.insert(step.to_string());
        } else {
            self.ticked.remove(step);
        }
        Ok(())
    }

    /// The person's choice; `None` (the placeholder) gives the choice back to detection.
    pub fn choose(&mut self, product: Option<Product>) {
        self.chosen = product;
    }

    /// The product to show: the person's choice, else what the page tells now, else what an
    /// earlier page of the console told.
    pub fn product(&self, detected_now: Option<Product>) -> Option<Product> {
        self.chosen.or(detected_now).or(self.detected)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error("not a manual step: {0}")]
    NotManual(String),
}

impl Localised for ProgressError {
    fn message(&self, locale: Locale) -> String {
        match self {
            ProgressError::NotManual(_) => locale
                .pick(
                    "此步骤由助手在表单保存后自动勾选。",
                    "The helper ticks this step itself once the form is saved.",
                )
                .to_string(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ProgressError::NotManual(_) => "not-manual-step",
        }
    }
}

/// One row of a fill report (`fillOutcomes`' rows; only what the rule reads).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportRow {
    pub outcome: Outcome,
    #[serde(default)]
    pub code: String,
}

/// A fill report as the worker got it from `fillOutcomes`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FillReported {
    #[serde(default)]
    pub purpose: Purpose,
    #[serde(default)]
    pub spec: String,
    #[serde(default)]
    pub rows: Vec<ReportRow>,
}

/// Step ids, sorted and each once: a JSON array in that order. A sorted `Vec` rather than a
/// `BTreeSet`, whose node code the WASM would carry for these few ids alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct StepSet(Vec<String>);

impl StepSet {
    pub fn contains(&self, step: &str) -> bool {
        self.0.iter().any(|s| s == step)
    }

    /// Adds `step`; false when it was there already.
    pub fn insert(&mut self, step: String) -> bool {
        match self.0.iter().position(|s| *s >= step) {
            Some(at) if self.0[at] == step => false,
            Some(at) => {
                self.0.insert(at, step);
                true
            }
            None => {
                self.0.push(step);
                true
            }
        }
    }

    /// Removes `step`; false when it was not there.
    pub fn remove(&mut self, step: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|s| s != step);
        self.0.len() != before
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

/// Read from any array of strings (a stored record of an older build, or a tampered one):
/// sorted and each once, as it is kept.
impl<'de> Deserialize<'de> for StepSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StepSet, D::Error> {
        let mut set = StepSet::default();
        for step in Vec::<String>::deserialize(deserializer)? {
            set.insert(step);
        }
        Ok(set)
    }
}

/// A document's last fill per form spec: whether it came out clean. A JSON object whose keys
/// are in sorted order; kept as a sorted `Vec` (see [`StepSet`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingFills(Vec<(String, bool)>);

impl PendingFills {
    pub fn new() -> PendingFills {
        PendingFills::default()
    }

    pub fn get(&self, spec: &str) -> Option<&bool> {
        self.0
            .iter()
            .find(|(s, _)| s == spec)
            .map(|(_, clean)| clean)
    }

    /// Sets `spec`'s fill, replacing the one before.
    pub fn insert(&mut self, spec: String, clean: bool) {
        match self.0.iter().position(|(s, _)| *s >= spec) {
            Some(at) if self.0[at].0 == spec => self.0[at].1 = clean,
            Some(at) => self.0.insert(at, (spec, clean)),
            None => self.0.push((spec, clean)),
        }
    }

    pub fn remove(&mut self, spec: &str) -> Option<bool> {
        let at = self.0.iter().position(|(s, _)| s == spec)?;
        Some(self.0.remove(at).1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for PendingFills {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(spec, clean)| (spec, clean)))
    }
}

/// Read from a JSON object of booleans; a key given twice keeps its last value.
impl<'de> Deserialize<'de> for PendingFills {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PendingFills, D::Error> {
        struct Fills;
        impl<'de> Visitor<'de> for Fills {
            type Value = PendingFills;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of booleans")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PendingFills, A::Error> {
                let mut fills = PendingFills::new();
                while let Some((spec, clean)) = map.next_entry::<String, bool>()? {
                    fills.insert(spec, clean);
                }
                Ok(fills)
            }
        }
        deserializer.deserialize_map(Fills)
    }
}

/// The code of a row the helper leaves to the person by design (代理, 组织, 系统编码 …): it
/// never spoils a fill.
const LEFT_TO_THE_PERSON: &str = "user-input";

/// Whether a fill's rows count: every row `filled` or `unchanged` (a field that is the person's
/// to fill aside), and at least one of them so.
pub fn fill_is_clean(rows: &[ReportRow]) -> bool {
    let right = |r: &ReportRow| matches!(r.outcome, Outcome::Filled | Outcome::Unchanged);
    rows.iter().any(right)
        && rows
            .iter()
            .all(|r| right(r) || (r.outcome == Outcome::NoValue && r.code == LEFT_TO_THE_PERSON))
}

/// A document's pending fills after `report`: a fill records whether it was clean, an undo
/// leaves the form not filled by the helper.
pub fn after_fill(mut pending: PendingFills, report: &FillReported) -> PendingFills {
    if step_for_spec(&report.spec).is_none() {
        return pending;
    }
    let clean = report.purpose == Purpose::Fill && fill_is_clean(&report.rows);
    pending.insert(report.spec.clone(), clean);
    pending
}

/// What a save click meant for the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "verdict")]
pub enum SaveVerdict {
    /// The step is done.
    Counted { step: &'static str },
    /// No 填充 of the helper came before it in this document.
    NoFill,
    /// The 填充 before it left a row wrong.
    FillNotClean,
    /// The button is not this form's save, or the form is no step.
    NotASave,
}

/// Text as button labels are compared: no whitespace, lowercase.
fn button_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The button texts that save a form: 保存 on its toolbar; 确定 where the form is a dialog
/// (AccessToken认证, 影像系统's 企业授权配置 新增).
pub fn save_words(spec: &str) -> &'static [&'static str] {
    match spec {
        "access-token-auth" | "image-enterprise-auth" => &["保存", "Save", "确定", "OK"],
        _ => &["保存", "Save"],
    }
}

/// Every save text, keyed, for the content script to watch clicks for.
pub fn all_save_words() -> Vec<String> {
    let mut words: Vec<String> = ["invoice-callback", "access-token-auth"]
        .iter()
        .flat_map(|s| save_words(s))
        .map(|w| button_key(w))
        .collect();
    crate::order::sort(&mut words);
    words.dedup();
    words
}

/// The person clicked `button` (its text) on the form `spec` in a document whose pending fills
/// are `pending`: marks the step done when the fill before it was clean, and forgets that fill
/// (the next save needs its own 填充 only if this one did not count).
pub fn after_save(
    progress: &mut Progress,
    pending: &mut PendingFills,
    spec: &str,
    button: &str,
) -> SaveVerdict {
    let Some(step) = step_for_spec(spec) else {
        return SaveVerdict::NotASave;
    };
    let key = button_key(button);
    if !save_words(spec).iter().any(|w| button_key(w) == key) {
        return SaveVerdict::NotASave;
    }
    match pending.get(spec) {
        None => SaveVerdict::NoFill,
        Some(false) => SaveVerdict::FillNotClean,
        Some(true) => {
            pending.remove(spec);
            progress.saved.insert(step.to_string());
            SaveVerdict::Counted { step }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_sets_stay_sorted_and_hold_each_step_once_however_they_are_read() {
        let mut set: StepSet =
            serde_json::from_str(r#"["b", "a", "c", "a"]"#).expect("an array of strings");
        assert_eq!(set.iter().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(!set.insert("b".into()));
        assert!(set.insert("ab".into()));
        assert!(set.remove("a"));
        assert!(!set.remove("a"));
        assert_eq!(
            serde_json::to_string(&set).expect("serialisable"),
            r#"["ab","b","c"]"#
        );
        assert!(set.contains("c") && !set.contains("a"));
    }

    #[test]
    fn pending_fills_are_an_object_in_key_order_and_a_repeated_key_keeps_its_last_value() {
        let mut fills: PendingFills =
            serde_json::from_str(r#"{"z": true, "a": false, "z": false}"#).expect("an object");
        assert_eq!(fills.get("z"), Some(&false));
        fills.insert("m".into(), true);
        fills.insert("a".into(), true);
        assert_eq!(
            serde_json::to_string(&fills).expect("serialisable"),
            r#"{"a":true,"m":true,"z":false}"#
        );
        assert_eq!(fills.remove("m"), Some(true));
        assert_eq!(fills.remove("m"), None);
        assert!(serde_json::from_str::<PendingFills>(r#"{"a": 1}"#).is_err());
    }
}
