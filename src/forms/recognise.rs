//! Which known forms a page snapshot shows, and which control holds each of their fields.
//!
//! Each control's label candidates are read in rule priority order (`label-for` first,
//! `placeholder` and `title` last); the first one naming a field of a form decides that control's field for
//! that form. Fields and controls are then paired greedily (best association first, each field
//! one control, each control one field), per container first, so two copies of a form in two
//! containers stay two forms. A form counts only when enough of its own fields are found
//! (`FormSpec::min_fields`, with at least one distinctive field); a heading naming the form
//! lowers that bar but never replaces it, so an unrelated form never gets a bar.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::headings::{Headings, Scope};
use super::limits::{MAX_CONTROLS, MAX_FORMS, MAX_LABELS_PER_CONTROL, MAX_TEXTS};
use super::{FieldKind, FieldSpec, FormSpec, Offer, SPECS};
use crate::labels::{label_key, LabelKeys, MatchQuality, MAX_LABEL_CHARS};
use crate::snapshot::{Control, ControlKind, LabelRule, Snapshot};

/// Every form recognised in one snapshot (empty: no bar).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Recognition {
    pub forms: Vec<RecognisedForm>,
}

/// One recognised form instance.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecognisedForm {
    /// The name the bar shows as `data-form` (the spec's name, or the alias a heading shows).
    pub form: String,
    /// The spec's stable id.
    pub spec: &'static str,
    /// The container all found fields share; `None` when they span containers.
    pub container: Option<String>,
    /// 0..1, for ordering only.
    pub score: f64,
    pub heading_matched: bool,
    pub offers: &'static [Offer],
    pub fields: Vec<FieldMatch>,
    /// Ids of the labelled texts (`snapshot.texts[].id`) that recognised the form when none of
    /// its fields is a control: where the form is, for the bar.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<String>,
    #[serde(skip)]
    pub spec_ref: &'static FormSpec,
}

/// One field of a recognised form: where it is, or that it was not found.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldMatch {
    pub field: &'static str,
    pub kind: FieldKind,
    pub secret: bool,
    pub found: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<LabelRule>,
    /// The label text that associated it, cleaned (page text, never a value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Radio fields: every radio of the group (the matched one included), in page order.
    #[serde(skip)]
    pub group: Vec<String>,
}

impl FieldMatch {
    /// A field of the spec that no control on the page answers to.
    fn not_found(f: &FieldSpec) -> Self {
        FieldMatch {
            field: f.label,
            kind: f.kind,
            secret: f.is_secret(),
            found: false,
            control_id: None,
            rule: None,
            label: None,
            group: Vec::new(),
        }
    }
}

impl RecognisedForm {
    /// The match of the field with this DOMAIN.md label.
    pub fn field(&self, label: &str) -> Option<&FieldMatch> {
        self.fields.iter().find(|f| f.field == label)
    }

    /// Ids of every control this form claims.
    fn control_ids(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().flat_map(|f| {
            f.control_id
                .iter()
                .map(String::as_str)
                .chain(f.group.iter().map(String::as_str))
        })
    }
}

/// A control prepared for matching: its labels' keys in priority order.
pub(crate) struct Prepared<'a> {
    pub control: &'a Control,
    pub labels: Vec<(LabelRule, LabelKeys)>,
    pub eligible: bool,
}

/// Reads the controls worth matching, once per snapshot.
pub(crate) fn prepare(snapshot: &Snapshot) -> Vec<Prepared<'_>> {
    let mut seen = HashSet::new();
    snapshot
        .controls
        .iter()
        .take(MAX_CONTROLS)
        .filter(|c| !c.id.is_empty() && seen.insert(c.id.as_str()))
        .map(|control| {
            let mut labels: Vec<_> = control
                .labels
                .iter()
                .filter(|l| !l.text.trim().is_empty() && l.text.chars().count() <= MAX_LABEL_CHARS)
                .take(MAX_LABELS_PER_CONTROL)
                .map(|l| (l.rule, LabelKeys::new(&l.text, l.rule.is_hint())))
                .collect();
            crate::order::sort_by_key(&mut labels, |(rule, _)| rule.priority());
            // A control hidden from view is never filled (a trap, another tab's form, the
            // stale copy of a reopened form); a custom checkbox's hidden native input is
            // reported visible by the collector while its drawn box is shown. A
            // control whose value arrived cut is never filled, compared or restored: it is not
            // the field of any form for us (its row says not-found).
            let eligible = control.visible && !control.truncated;
            Prepared {
                control,
                labels,
                eligible,
            }
        })
        .collect()
}

/// Where each label key points: (spec index, field index, quality).
pub(crate) struct KeyIndex {
    by_key: HashMap<String, Vec<(usize, usize, MatchQuality)>>,
}

impl KeyIndex {
    pub fn new(specs: &[FormSpec]) -> KeyIndex {
        let mut by_key: HashMap<String, Vec<(usize, usize, MatchQuality)>> = HashMap::new();
        for (s, spec) in specs.iter().enumerate() {
            for (f, field) in spec.fields.iter().enumerate() {
                let (key, synonyms) = field.keys();
                by_key
                    .entry(key)
                    .or_default()
                    .push((s, f, MatchQuality::Exact));
                for synonym in synonyms {
                    by_key
                        .entry(synonym)
                        .or_default()
                        .push((s, f, MatchQuality::Synonym));
                }
            }
        }
        KeyIndex { by_key }
    }

    /// Fields this label names, with how well: its own key, then (weaker) its core.
    pub fn lookup(&self, keys: &LabelKeys) -> Vec<(usize, usize, MatchQuality)> {
        let mut hits: Vec<(usize, usize, MatchQuality)> =
            self.by_key.get(&keys.key).cloned().unwrap_or_default();
        if let Some(core) = keys.core.as_ref().and_then(|c| self.by_key.get(c)) {
            for &(s, f, _) in core {
                if !hits.iter().any(|&(hs, hf, _)| hs == s && hf == f) {
                    hits.push((s, f, MatchQuality::Core));
                }
            }
        }
        hits
    }
}

/// Whether a control of this kind can hold a field of that kind.
pub(crate) fn compatible(field: FieldKind, control: ControlKind) -> bool {
    match field {
        FieldKind::Checkbox => control == ControlKind::Checkbox,
        // A yes/no choice may be drawn as a select, a radio group or a checkbox.
        FieldKind::Select | FieldKind::Radio => true,
        FieldKind::Text | FieldKind::Password | FieldKind::Textarea | FieldKind::Lookup => {
            !control.is_checkable()
        }
    }
}

/// A control naming a field of one spec.
#[derive(Debug, Clone)]
struct Candidate {
    field: usize,
    control: usize,
    rule: LabelRule,
    label: String,
    label_key: String,
    score: f64,
}

/// For one spec: each eligible control's first label (by rule priority) naming one of its
/// fields; when that label names two fields, the better match wins.
fn candidates(
    spec_index: usize,
    spec: &FormSpec,
    prepared: &[Prepared<'_>],
    index: &KeyIndex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (c, p) in prepared.iter().enumerate().filter(|(_, p)| p.eligible) {
        for (rule, keys) in &p.labels {
            let best = index
                .lookup(keys)
                .into_iter()
                .filter(|&(s, f, _)| {
                    s == spec_index && compatible(spec.fields[f].kind, p.control.kind)
                })
                .max_by_key(|&(_, f, q)| (q, std::cmp::Reverse(f)));
            if let Some((_, field, quality)) = best {
                out.push(Candidate {
                    field,
                    control: c,
                    rule: *rule,
                    label: keys.clean.clone(),
                    label_key: keys.key.clone(),
                    score: rule.weight() * quality.weight(),
                });
                break;
            }
        }
    }
    out
}

/// Pairs fields and controls greedily: candidates from `preferred` containers first, then by
/// association strength, then page order.
fn assign(
    spec: &FormSpec,
    cands: &[&Candidate],
    prepared: &[Prepared<'_>],
    preferred: Option<&Option<String>>,
) -> Vec<Option<(Candidate, Vec<usize>)>> {
    let mut order: Vec<&Candidate> = cands.to_vec();
    crate::order::sort_by(&mut order, |a, b| {
        let pref =
            |c: &Candidate| preferred.is_some_and(|p| prepared[c.control].control.container == *p);
        pref(b)
            .cmp(&pref(a))
            .then(b.score.total_cmp(&a.score))
            .then(a.control.cmp(&b.control))
    });
    let mut fields: Vec<Option<(Candidate, Vec<usize>)>> = vec![None; spec.fields.len()];
    let mut used = HashSet::new();
    for cand in &order {
        if fields[cand.field].is_some() || used.contains(&cand.control) {
            continue;
        }
        let control = prepared[cand.control].control;
        let mut group = vec![cand.control];
        if control.kind == ControlKind::Radio {
            // The rest of the radio group: same field, same `name` (or, without one, the same
            // container and the same group label).
            for other in &order {
                let o = prepared[other.control].control;
                if other.control != cand.control
                    && other.field == cand.field
                    && o.kind == ControlKind::Radio
                    && !used.contains(&other.control)
                    && match (&control.name, &o.name) {
                        (Some(a), Some(b)) => a == b,
                        (None, None) => {
                            control.container == o.container && other.label_key == cand.label_key
                        }
                        _ => false,
                    }
                {
                    group.push(other.control);
                }
            }
            crate::order::sort(&mut group);
        }
        used.extend(group.iter().copied());
        fields[cand.field] = Some(((*cand).clone(), group));
    }
    fields
}

/// Builds a form instance from an assignment if it meets the spec's bar.
fn evaluate(
    spec: &'static FormSpec,
    assignment: &[Option<(Candidate, Vec<usize>)>],
    prepared: &[Prepared<'_>],
    headings: &Headings,
    scope: Option<&Option<String>>,
) -> Option<RecognisedForm> {
    let found = assignment.iter().flatten().count();
    let distinctive = assignment
        .iter()
        .zip(spec.fields)
        .any(|(a, f)| a.is_some() && f.distinctive);
    if found == 0 || !distinctive {
        return None;
    }
    let scope = match scope {
        Some(container) => Scope::One(container),
        None => {
            let mut containers: Vec<&Option<String>> = assignment
                .iter()
                .flatten()
                .map(|(c, _)| &prepared[c.control].control.container)
                .collect();
            crate::order::sort(&mut containers);
            containers.dedup();
            Scope::Union(containers)
        }
    };
    if headings
        .own_naming(&scope, spec.excluding.iter().copied())
        .is_some()
    {
        return None;
    }
    let heading = if spec.requires_heading && headings.has_own_title(&scope) {
        // The title is this form's only evidence: a dialog with a title of its own is named by
        // that title, not by the same words elsewhere on the page.
        headings.own_naming(&scope, spec.heading_words())
    } else {
        // The form's own title first: a menu or another pane may name the same form by its
        // other product's name (发票云授权配置 in the menu beside 发票服务授权配置's own title).
        headings
            .own_naming(&scope, spec.heading_words())
            .or_else(|| headings.naming(&scope, spec.heading_words()))
    };
    let heading_matched = heading.is_some();
    if spec.requires_heading && !heading_matched {
        return None;
    }
    let needed = if heading_matched {
        spec.min_fields_with_heading
    } else {
        spec.min_fields
    };
    if found < needed.max(1) {
        return None;
    }
    let form = match heading {
        Some(word) if spec.aliases.contains(&word) => word.to_string(),
        _ => spec.name.to_string(),
    };
    let containers: HashSet<&Option<String>> = assignment
        .iter()
        .flatten()
        .map(|(c, _)| &prepared[c.control].control.container)
        .collect();
    let container = if containers.len() == 1 {
        containers.into_iter().next().cloned().flatten()
    } else {
        None
    };
    let total: f64 = assignment.iter().flatten().map(|(c, _)| c.score).sum();
    let score = ((total / spec.fields.len() as f64) * 0.9
        + if heading_matched { 0.1 } else { 0.0 })
    .min(1.0);
    let fields = spec
        .fields
        .iter()
        .zip(assignment)
        .map(|(f, a)| match a {
            Some((cand, group)) => FieldMatch {
                field: f.label,
                kind: f.kind,
                secret: f.is_secret(),
                found: true,
                control_id: Some(prepared[cand.control].control.id.clone()),
                rule: Some(cand.rule),
                label: Some(cand.label.clone()),
                group: if group.len() > 1
                    || prepared[cand.control].control.kind == ControlKind::Radio
                {
                    group
                        .iter()
                        .map(|&g| prepared[g].control.id.clone())
                        .collect()
                } else {
                    Vec::new()
                },
            },
            None => FieldMatch::not_found(f),
        })
        .collect();
    Some(RecognisedForm {
        form,
        spec: spec.id,
        container,
        score,
        heading_matched,
        offers: spec.offers,
        fields,
        texts: Vec::new(),
        spec_ref: spec,
    })
}

/// A form none of whose fields is drawn as a control, recognised by a text it always shows
/// (`FormSpec::shown_texts`) under a heading that names it: the form's fields are all
/// `not-found`, its other offers (记住网关) still apply.
fn by_shown_text(
    spec: &'static FormSpec,
    snapshot: &Snapshot,
    headings: &Headings,
) -> Option<RecognisedForm> {
    let keys: Vec<String> = spec.shown_texts.iter().map(|t| label_key(t)).collect();
    let text = snapshot.texts.iter().take(MAX_TEXTS).find(|t| {
        t.label.chars().count() <= MAX_LABEL_CHARS
            && !t.id.is_empty()
            && keys.contains(&label_key(&t.label))
    })?;
    let containers = vec![&text.container];
    let scope = Scope::Union(containers);
    if headings
        .own_naming(&scope, spec.excluding.iter().copied())
        .is_some()
    {
        return None;
    }
    let heading = headings.naming(&scope, spec.heading_words())?;
    let form = if spec.aliases.contains(&heading) {
        heading
    } else {
        spec.name
    };
    let fields = spec.fields.iter().map(FieldMatch::not_found).collect();
    Some(RecognisedForm {
        form: form.to_string(),
        spec: spec.id,
        container: text.container.clone(),
        score: 0.1,
        heading_matched: true,
        offers: spec.offers,
        fields,
        texts: vec![text.id.clone()],
        spec_ref: spec,
    })
}

/// Every instance of one spec on the page.
fn instances(
    spec_index: usize,
    spec: &'static FormSpec,
    prepared: &[Prepared<'_>],
    index: &KeyIndex,
    headings: &Headings,
) -> Vec<RecognisedForm> {
    let cands = candidates(spec_index, spec, prepared, index);
    if cands.is_empty() {
        return Vec::new();
    }
    // The candidates grouped by container, in container order (a sort, not a BTreeMap: one
    // sort routine serves the whole crate).
    let container_of = |c: &Candidate| &prepared[c.control].control.container;
    let mut sorted: Vec<&Candidate> = cands.iter().collect();
    crate::order::sort_by(&mut sorted, |a, b| container_of(a).cmp(container_of(b)));
    let mut by_container: Vec<(&Option<String>, Vec<&Candidate>)> = Vec::new();
    for cand in sorted {
        let container = container_of(cand);
        match by_container.last_mut() {
            Some((last, group)) if *last == container => group.push(cand),
            _ => by_container.push((container, vec![cand])),
        }
    }
    let passing: Vec<RecognisedForm> = by_container
        .iter()
        .filter(|(container, _)| container.is_some())
        .filter_map(|(container, cs)| {
            let assignment = assign(spec, cs, prepared, Some(container));
            evaluate(spec, &assignment, prepared, headings, Some(container))
        })
        .collect();
    if passing.len() >= 2 {
        // The same form twice, in two containers: each is its own form.
        return passing;
    }
    // One form, perhaps spread over containers: prefer the container that passed alone, or
    // the one holding the most of its fields, and complete it from the others.
    let preferred: &Option<String> = match passing.first() {
        Some(form) => by_container
            .iter()
            .map(|(c, _)| *c)
            .find(|c| **c == form.container)
            .unwrap_or(&None),
        None => by_container
            .iter()
            .max_by_key(|(_, cs)| cs.iter().map(|c| c.field).collect::<HashSet<_>>().len())
            .map(|(c, _)| *c)
            .unwrap_or(&None),
    };
    let all: Vec<&Candidate> = cands.iter().collect();
    let assignment = assign(spec, &all, prepared, Some(preferred));
    match evaluate(spec, &assignment, prepared, headings, None) {
        Some(form) => vec![form],
        None => passing,
    }
}

/// Recognises the known forms ([`SPECS`]) in a snapshot.
pub fn recognise(snapshot: &Snapshot) -> Recognition {
    recognise_with(snapshot, SPECS)
}

/// Recognises the forms of `specs` in a snapshot. When two recognised forms claim the same
/// control (a page is one form, not two), the one with more fields found wins.
pub fn recognise_with(snapshot: &Snapshot, specs: &'static [FormSpec]) -> Recognition {
    let prepared = prepare(snapshot);
    let index = KeyIndex::new(specs);
    let headings = Headings::new(snapshot);
    let mut all: Vec<(usize, usize, RecognisedForm)> = Vec::new();
    for (s, spec) in specs.iter().enumerate() {
        let mut any = false;
        for form in instances(s, spec, &prepared, &index, &headings) {
            let found = form.fields.iter().filter(|f| f.found).count();
            all.push((s, found, form));
            any = true;
        }
        if !any && !spec.shown_texts.is_empty() {
            all.extend(by_shown_text(spec, snapshot, &headings).map(|form| (s, 0, form)));
        }
    }
    crate::order::sort_by(&mut all, |(sa, fa, a), (sb, fb, b)| {
        fb.cmp(fa)
            .then(b.score.total_cmp(&a.score))
            .then(sa.cmp(sb))
    });
    let mut claimed: HashSet<String> = HashSet::new();
    let mut forms = Vec::new();
    for (_, _, form) in all {
        if forms.len() >= MAX_FORMS {
            break;
        }
        if form.control_ids().any(|id| claimed.contains(id)) {
            continue;
        }
        claimed.extend(form.control_ids().map(str::to_string));
        forms.push(form);
    }
    // Page order: the form whose first found control comes first.
    let position: HashMap<&str, usize> = prepared
        .iter()
        .enumerate()
        .map(|(i, p)| (p.control.id.as_str(), i))
        .collect();
    crate::order::sort_by_key(&mut forms, |f| {
        f.control_ids()
            .filter_map(|id| position.get(id))
            .min()
            .copied()
            .unwrap_or(usize::MAX)
    });
    Recognition { forms }
}

impl Recognition {
    /// The recognised instance of the form with this name (or alias, or spec id), in this
    /// container when one is given.
    pub fn find(&self, name: &str, container: Option<&str>) -> Option<&RecognisedForm> {
        let spec = FormSpec::find(name)?;
        let same: Vec<&RecognisedForm> = self.forms.iter().filter(|f| f.spec == spec.id).collect();
        let exact = container.and_then(|c| {
            same.iter()
                .copied()
                .find(|f| f.container.as_deref() == Some(c))
        });
        // The page may have re-rendered with new container ids: one instance is unambiguous.
        exact.or_else(|| {
            if container.is_none() || same.len() == 1 {
                same.first().copied()
            } else {
                None
            }
        })
    }
}
