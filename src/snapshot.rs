//! The page as plain data: what `content/collect.js` sends (docs/PROTOCOL.md, "Snapshot").
//!
//! The page is hostile and collectors differ, so reading is lenient: unknown fields are ignored,
//! missing or `null` fields take defaults, an item that cannot be read is dropped rather than
//! failing the whole snapshot, and unknown kinds or rules read as `Other`. Control values may
//! be secrets (a password input the user already filled), so `Debug` never prints them.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny};
use serde::{Deserialize, Serialize};

/// The page (one document: the top page or one frame) as the collector saw it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Snapshot {
    #[serde(deserialize_with = "lenient_string")]
    pub url: String,
    #[serde(deserialize_with = "lenient_string")]
    pub frame: String,
    #[serde(deserialize_with = "lenient_string")]
    pub title: String,
    #[serde(deserialize_with = "lenient_vec")]
    pub headings: Vec<Heading>,
    #[serde(deserialize_with = "lenient_vec")]
    pub controls: Vec<Control>,
    #[serde(deserialize_with = "lenient_vec")]
    pub texts: Vec<TextItem>,
}

/// A heading, dialog title or tab title; `container` ties it to the controls it heads.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Heading {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
}

/// Collectors may send a heading as a bare string or as `{text, container}`.
impl<'de> Deserialize<'de> for Heading {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Text(String),
            Object {
                #[serde(default, deserialize_with = "lenient_string")]
                text: String,
                #[serde(default, deserialize_with = "lenient_opt_string")]
                container: Option<String>,
            },
        }
        Ok(match Repr::deserialize(deserializer)? {
            Repr::Text(text) => Heading {
                text,
                container: None,
            },
            Repr::Object { text, container } => Heading { text, container },
        })
    }
}

/// What kind of control the collector saw. `Other` (an unknown word) behaves like text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ControlKind {
    Text,
    Password,
    Textarea,
    Select,
    Lookup,
    Checkbox,
    Radio,
    #[default]
    Other,
}

impl ControlKind {
    fn from_word(word: &str) -> ControlKind {
        match word.trim().to_ascii_lowercase().as_str() {
            "text" => ControlKind::Text,
            "password" => ControlKind::Password,
            "textarea" => ControlKind::Textarea,
            "select" => ControlKind::Select,
            "lookup" => ControlKind::Lookup,
            "checkbox" => ControlKind::Checkbox,
            "radio" => ControlKind::Radio,
            _ => ControlKind::Other,
        }
    }

    /// Checkboxes and radios hold a checked state, not a text.
    pub fn is_checkable(self) -> bool {
        matches!(self, ControlKind::Checkbox | ControlKind::Radio)
    }
}

impl<'de> Deserialize<'de> for ControlKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(ControlKind::from_word(&lenient_string(deserializer)?))
    }
}

/// How the collector associated a label text with a control, in the order people read forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelRule {
    LabelFor,
    WrappingLabel,
    AriaLabelledby,
    AriaLabel,
    FormItem,
    TableLeft,
    TableAbove,
    /// A radio's own choice text beside it (not wrapped, no `for`): `否`.
    OptionText,
    #[default]
    Other,
    Placeholder,
    /// The control's own `title` (its tooltip): the last name accessibility gives a control
    /// that has no label, no ARIA name and no placeholder.
    Title,
}

impl LabelRule {
    fn from_word(word: &str) -> LabelRule {
        match word.trim().to_ascii_lowercase().as_str() {
            "label-for" => LabelRule::LabelFor,
            "wrapping-label" => LabelRule::WrappingLabel,
            "aria-labelledby" => LabelRule::AriaLabelledby,
            "aria-label" => LabelRule::AriaLabel,
            "form-item" => LabelRule::FormItem,
            "table-left" => LabelRule::TableLeft,
            "table-above" => LabelRule::TableAbove,
            "option-text" => LabelRule::OptionText,
            "placeholder" => LabelRule::Placeholder,
            "title" => LabelRule::Title,
            _ => LabelRule::Other,
        }
    }

    /// Priority order (lower first) in which a control's label candidates are read.
    pub fn priority(self) -> u8 {
        self as u8
    }

    /// How much an association by this rule is trusted, for scores and tie-breaking.
    pub fn weight(self) -> f64 {
        match self {
            LabelRule::LabelFor => 1.0,
            LabelRule::WrappingLabel | LabelRule::AriaLabelledby => 0.95,
            LabelRule::AriaLabel | LabelRule::FormItem => 0.9,
            LabelRule::TableLeft => 0.8,
            LabelRule::TableAbove => 0.75,
            LabelRule::OptionText | LabelRule::Other => 0.6,
            LabelRule::Placeholder => 0.5,
            LabelRule::Title => 0.45,
        }
    }

    /// Texts that hint at what to type rather than caption the control (a placeholder, a
    /// tooltip): they may lead in with `请输入` / `Enter`.
    pub fn is_hint(self) -> bool {
        matches!(self, LabelRule::Placeholder | LabelRule::Title)
    }

    /// Rules that give a radio or checkbox its own option text (`否`) rather than the group's
    /// label (`是否使用原授权`).
    pub fn is_own_text(self) -> bool {
        matches!(
            self,
            LabelRule::LabelFor
                | LabelRule::WrappingLabel
                | LabelRule::AriaLabel
                | LabelRule::OptionText
        )
    }
}

impl<'de> Deserialize<'de> for LabelRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(LabelRule::from_word(&lenient_string(deserializer)?))
    }
}

/// One label text the collector found for a control, and the rule that found it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct LabelCandidate {
    pub rule: LabelRule,
    #[serde(deserialize_with = "lenient_string")]
    pub text: String,
}

/// An option of a native select (or of a custom one the collector could list).
#[derive(Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ControlOption {
    #[serde(deserialize_with = "lenient_string")]
    pub value: String,
    #[serde(deserialize_with = "lenient_string")]
    pub text: String,
    #[serde(deserialize_with = "lenient_bool")]
    pub selected: bool,
}

impl fmt::Debug for ControlOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ControlOption")
            .field("text", &self.text)
            .field("selected", &self.selected)
            .finish()
    }
}

fn visible_by_default() -> bool {
    true
}

/// One input, textarea, select, lookup, checkbox or radio of the page.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Control {
    #[serde(deserialize_with = "lenient_string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient_string")]
    pub tag: String,
    #[serde(default, rename = "type", deserialize_with = "lenient_string")]
    pub input_type: String,
    #[serde(default)]
    pub kind: ControlKind,
    #[serde(default, deserialize_with = "lenient_string")]
    pub value: String,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub checked: bool,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub disabled: bool,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub read_only: bool,
    #[serde(default = "visible_by_default", deserialize_with = "lenient_bool_true")]
    pub visible: bool,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub options: Vec<ControlOption>,
    #[serde(default, deserialize_with = "lenient_vec")]
    pub labels: Vec<LabelCandidate>,
    #[serde(default, deserialize_with = "lenient_opt_string")]
    pub container: Option<String>,
    /// Enclosing containers, nearest first (`container` is the first): lets a dialog's title
    /// speak for a form nested inside the dialog.
    #[serde(default, deserialize_with = "lenient_vec")]
    pub containers: Vec<String>,
    #[serde(default, deserialize_with = "lenient_opt_string")]
    pub name: Option<String>,
    /// The collector cut `value` (a value over 4 KiB): it is not the page's whole value, so it
    /// is never compared, filled or restored as if it were.
    #[serde(
        default,
        deserialize_with = "lenient_bool",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub truncated: bool,
}

impl Control {
    /// A control with this id and kind and nothing else: the base of builders in tests.
    pub fn new(id: &str, kind: ControlKind) -> Control {
        Control {
            id: id.to_string(),
            tag: String::new(),
            input_type: String::new(),
            kind,
            value: String::new(),
            checked: false,
            disabled: false,
            read_only: false,
            visible: true,
            options: Vec::new(),
            labels: Vec::new(),
            container: None,
            containers: Vec::new(),
            name: None,
            truncated: false,
        }
    }
}

/// Values are left out: a password input may already hold a secret.
impl fmt::Debug for Control {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Control")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("value", &"<redacted>")
            .field("checked", &self.checked)
            .field("disabled", &self.disabled)
            .field("read_only", &self.read_only)
            .field("visible", &self.visible)
            .field("options", &self.options)
            .field("labels", &self.labels)
            .field("container", &self.container)
            .field("containers", &self.containers)
            .field("name", &self.name)
            .field("truncated", &self.truncated)
            .finish()
    }
}

/// A labelled text that is not a control (the 认证凭证 `x-acgw-identity` value shown as text).
#[derive(Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TextItem {
    #[serde(deserialize_with = "lenient_string")]
    pub label: String,
    #[serde(deserialize_with = "lenient_string")]
    pub value: String,
    #[serde(deserialize_with = "lenient_string")]
    pub id: String,
    /// The nearest enclosing container of the value, as for controls.
    #[serde(
        deserialize_with = "lenient_opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub container: Option<String>,
    /// Every enclosing container, nearest first.
    #[serde(
        deserialize_with = "lenient_vec",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub containers: Vec<String>,
}

impl fmt::Debug for TextItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TextItem")
            .field("label", &self.label)
            .field("id", &self.id)
            .field("container", &self.container)
            .finish_non_exhaustive()
    }
}

/// The largest snapshot text read. A console form's snapshot is tens of KiB (values over 4 KiB
/// arrive cut); a page that sends more is built to make the worker work, and is refused.
pub const MAX_SNAPSHOT_BYTES: usize = 1024 * 1024;

impl Snapshot {
    /// Reads a snapshot from JSON text, refusing one over [`MAX_SNAPSHOT_BYTES`].
    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        if text.len() > MAX_SNAPSHOT_BYTES {
            return Err(SnapshotError::TooLarge {
                kib: text.len() / 1024,
            });
        }
        serde_json::from_str(text).map_err(|_| SnapshotError::Unreadable)
    }

    /// Texts whose label, cleaned, has this key (`x-acgw-identity`): for capturing the gateway.
    pub fn texts_labelled<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a TextItem> + 'a {
        let wanted = crate::labels::label_key(key);
        self.texts
            .iter()
            .filter(move |t| crate::labels::label_key(&t.label) == wanted)
    }
}

/// Why a snapshot could not be read at all (individual bad items are dropped, not errors).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("the page snapshot is not an object the helper can read")]
    Unreadable,
    #[error("the page snapshot is too large ({kib} KiB)")]
    TooLarge { kib: usize },
}

impl crate::i18n::Localised for SnapshotError {
    fn message(&self, locale: crate::i18n::Locale) -> String {
        match self {
            SnapshotError::Unreadable => locale
                .pick(
                    "无法读取页面快照：格式不正确。",
                    "The page snapshot could not be read: it is not in the expected shape.",
                )
                .to_string(),
            SnapshotError::TooLarge { kib } => match locale {
                crate::i18n::Locale::ZhCn => {
                    format!("页面快照过大（{kib} KiB，上限 1024 KiB），助手不处理此页。")
                }
                crate::i18n::Locale::En => {
                    format!("The page snapshot is too large ({kib} KiB; the limit is 1024 KiB): the helper leaves this page alone.")
                }
            },
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SnapshotError::Unreadable => "snapshot-unreadable",
            SnapshotError::TooLarge { .. } => "snapshot-too-large",
        }
    }
}

/// A scalar read leniently: strings as they are, numbers and booleans as text, `null` as empty.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Flag(bool),
    Integer(i64),
    Number(f64),
    Nothing(()),
    Junk(IgnoredAny),
}

fn lenient_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Text(text) => text,
        Scalar::Flag(flag) => flag.to_string(),
        Scalar::Integer(n) => n.to_string(),
        Scalar::Number(n) => n.to_string(),
        Scalar::Nothing(()) | Scalar::Junk(_) => String::new(),
    })
}

fn lenient_opt_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let text = lenient_string(deserializer)?;
    Ok((!text.is_empty()).then_some(text))
}

fn read_flag<'de, D: Deserializer<'de>>(deserializer: D, default: bool) -> Result<bool, D::Error> {
    Ok(match Scalar::deserialize(deserializer)? {
        Scalar::Flag(flag) => flag,
        Scalar::Text(text) => match text.trim() {
            "true" => true,
            "false" => false,
            _ => default,
        },
        Scalar::Integer(n) => n != 0,
        _ => default,
    })
}

fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    read_flag(deserializer, false)
}

fn lenient_bool_true<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    read_flag(deserializer, true)
}

/// A list whose unreadable items are dropped; anything that is not a list reads as empty.
fn lenient_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T>(std::marker::PhantomData<T>);

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item<T> {
        Good(T),
        Junk(IgnoredAny),
    }

    impl<'de, T: Deserialize<'de>> de::Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Item<T>>()? {
                if let Item::Good(item) = item {
                    items.push(item);
                }
            }
            Ok(items)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }

        fn visit_str<E: de::Error>(self, _: &str) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
    }

    deserializer.deserialize_any(ListVisitor(std::marker::PhantomData))
}
