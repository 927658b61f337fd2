//! Which headings (dialog titles, tab titles, the document title) speak for a form: they add
//! evidence to fields already found, and only for the container they sit in. A heading belongs
//! to its container: the same words in two containers are two headings (a dialog's title often
//! repeats a row of the page that opened it).

use std::collections::{HashMap, HashSet};

use super::limits::{MAX_CONTROLS, MAX_HEADINGS, MAX_TEXTS};
use crate::labels::{heading_names, label_key, MAX_LABEL_CHARS};
use crate::snapshot::Snapshot;

/// Which containers a form instance lives in, for deciding which headings speak for it.
pub(crate) enum Scope<'a> {
    /// One container's fields, recognised on their own.
    One(&'a Option<String>),
    /// A form completed across containers: the containers its fields were found in.
    Union(Vec<&'a Option<String>>),
}

/// Headings (and the title) and the containers they sit in. A heading speaks for a form when it
/// has no container, sits in the form's container, or in one enclosing it (when the collector
/// sends `controls[].containers`). Without any such ancestry in the snapshot, a form completed
/// across containers hears every heading: a dialog's title must still reach the `<form>`
/// nested in the dialog.
pub(crate) struct Headings {
    items: Vec<(Option<String>, String)>,
    enclosing: HashMap<String, HashSet<String>>,
}

impl Headings {
    pub(crate) fn new(snapshot: &Snapshot) -> Headings {
        let mut enclosing: HashMap<String, HashSet<String>> = HashMap::new();
        let controls = snapshot
            .controls
            .iter()
            .take(MAX_CONTROLS)
            .map(|c| (&c.container, &c.containers));
        let texts = snapshot
            .texts
            .iter()
            .take(MAX_TEXTS)
            .map(|t| (&t.container, &t.containers));
        for (container, containers) in controls.chain(texts) {
            let mut path = container.iter().chain(containers.iter().take(16));
            if let Some(nearest) = path.next() {
                let outer = enclosing.entry(nearest.clone()).or_default();
                outer.extend(path.filter(|c| *c != nearest).cloned());
            }
        }
        enclosing.retain(|_, outer| !outer.is_empty());
        let mut items = Vec::new();
        if !snapshot.title.trim().is_empty()
            && snapshot.title.chars().count() <= 4 * MAX_LABEL_CHARS
        {
            items.push((None, label_key(&snapshot.title)));
        }
        for heading in snapshot.headings.iter().take(MAX_HEADINGS) {
            if heading.text.chars().count() <= 4 * MAX_LABEL_CHARS {
                items.push((heading.container.clone(), label_key(&heading.text)));
            }
        }
        Headings { items, enclosing }
    }

    /// Whether a heading in `heading` speaks for a form in `container`.
    fn covers(&self, container: &Option<String>, heading: &str) -> bool {
        container.as_deref().is_some_and(|c| {
            c == heading
                || self
                    .enclosing
                    .get(c)
                    .is_some_and(|outer| outer.contains(heading))
        })
    }

    /// Whether a heading in `heading` is the form's own: in one of its containers (or one
    /// enclosing them), or outside any container when the form itself sits (partly) outside any.
    /// Text elsewhere on the page (a row titled 摘要认证 beside the AccessToken认证 dialog) is not.
    fn own(&self, heading: &Option<String>, scope: &Scope<'_>) -> bool {
        let containers: &[&Option<String>] = match scope {
            Scope::One(container) => std::slice::from_ref(container),
            Scope::Union(containers) => containers,
        };
        match heading {
            None => containers.iter().any(|c| c.is_none()),
            Some(heading) => containers.iter().any(|c| self.covers(c, heading)),
        }
    }

    /// Whether the form's own containers carry a heading of their own (a dialog's title).
    pub(crate) fn has_own_title(&self, scope: &Scope<'_>) -> bool {
        self.items
            .iter()
            .any(|(c, _)| c.is_some() && self.own(c, scope))
    }

    /// The first of `words` one of the form's own headings names. What rules a form out must be
    /// the form's own title, never any text on the page.
    pub(crate) fn own_naming<'a>(
        &self,
        scope: &Scope<'_>,
        words: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        let keys: Vec<&str> = self
            .items
            .iter()
            .filter(|(c, _)| self.own(c, scope))
            .map(|(_, key)| key.as_str())
            .collect();
        first_named(&keys, words)
    }

    fn relevant<'a>(&'a self, scope: &'a Scope<'a>) -> impl Iterator<Item = &'a str> + 'a {
        self.items
            .iter()
            .filter(move |(c, _)| match (c, scope) {
                (None, _) => true,
                (Some(heading), Scope::One(container)) => self.covers(container, heading),
                (Some(heading), Scope::Union(containers)) => {
                    self.enclosing.is_empty() || containers.iter().any(|c| self.covers(c, heading))
                }
            })
            .map(|(_, key)| key.as_str())
    }

    /// The first of `words` some relevant heading names.
    pub(crate) fn naming<'a>(
        &self,
        scope: &Scope<'_>,
        words: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        let keys: Vec<&str> = self.relevant(scope).collect();
        first_named(&keys, words)
    }
}

fn first_named<'a>(keys: &[&str], words: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    words.into_iter().find(|word| {
        let word_key = label_key(word);
        keys.iter().any(|h| heading_names(h, &word_key))
    })
}
