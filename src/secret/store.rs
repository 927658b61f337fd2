//! The worker's secret store, read as decisions: which held record counts for a console, what
//! the popup says of it (own console, allowed, confirmable), what its confirms write, and which
//! record a fill receives or why not. The store is `chrome.storage.session`; these functions see
//! each record's key and metadata only, never its value (the worker reads the value of the key
//! they name).

use serde::Serialize;

use super::policy::{self, ReleaseRequest};
use super::{SecretKind, SecretMeta, SecretScope};
use crate::i18n::Localised;

/// One stored record as the worker read it: its storage key and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSecret {
    pub key: String,
    pub meta: SecretMeta,
}

/// The record of `kind` a console may be considered for: its own, else the first (in storage
/// order) from another console the user allowed for it in the popup, else the newest of any
/// other console (the release policy then refuses it as another console's, and the row and the
/// popup say so). Without a console (`None`) only the newest counts.
pub fn choose<'a>(
    records: &'a [StoredSecret],
    kind: SecretKind,
    console_prefix: Option<&str>,
) -> Option<&'a StoredSecret> {
    let of_kind = || {
        records
            .iter()
            .filter(move |record| record.meta.kind == kind)
    };
    if let Some(prefix) = console_prefix {
        if let Some(own) = of_kind().find(|record| record.meta.prefix == prefix) {
            return Some(own);
        }
        if let Some(allowed) = of_kind().find(|record| is_allowed(&record.meta, prefix)) {
            return Some(allowed);
        }
    }
    // The first of the newest: an earlier record wins a tie.
    of_kind().fold(None, |best, record| match best {
        Some(held) if held.meta.created_at >= record.meta.created_at => Some(held),
        _ => Some(record),
    })
}

fn is_allowed(meta: &SecretMeta, prefix: &str) -> bool {
    meta.allowed_prefixes
        .iter()
        .any(|allowed| allowed == prefix)
}

/// The console prefix a tab's address gives a secret (`None`: not a web page).
pub fn console_prefix(tab_url: Option<&str>) -> Option<String> {
    tab_url
        .and_then(|url| SecretScope::of_page(url).ok())
        .map(|scope| scope.prefix)
}

/// What the popup shows of one kind: held or not and, when held, its mask, console, lifetime and
/// which confirms it offers. Never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindStatus<'a> {
    pub kind: SecretKind,
    pub held: bool,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub record: Option<HeldStatus<'a>>,
}

/// [`KindStatus`] of a held secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldStatus<'a> {
    pub masked: &'a str,
    pub prefix: &'a str,
    pub created_at: u64,
    pub expires_at: u64,
    /// The secret was captured on the tab's own console.
    pub same_console: bool,
    /// The user allowed the tab's console to receive it.
    pub allowed: bool,
    /// Another console's secret the tab's console may be allowed to receive: only a web page
    /// tab can be.
    pub confirmable: bool,
    /// The tab's console is on plain http off this machine and not yet confirmed for it.
    pub insecure_confirmable: bool,
}

/// The popup's view of the held secrets for a tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoreStatus<'a> {
    /// The tab's console prefix (`null`: no web page).
    pub tab_prefix: Option<String>,
    /// The tab's console is on plain http off this machine (the popup warns).
    pub insecure_console: bool,
    pub secrets: Vec<KindStatus<'a>>,
}

/// Whether the clipboard countdown of a 复制 (clearing at `clear_at`) still runs at `now_ms`:
/// the popup shows it only then.
pub fn clipboard_running(clear_at: Option<f64>, now_ms: f64) -> bool {
    clear_at.is_some_and(|at| at > now_ms)
}

/// What the popup shows for the tab at `tab_url` (`None`: its address is unknown).
pub fn status<'a>(records: &'a [StoredSecret], tab_url: Option<&str>) -> StoreStatus<'a> {
    let tab_prefix = console_prefix(tab_url);
    let insecure_grant = tab_url.and_then(policy::insecure_console_grant);
    let secrets = SecretKind::ALL
        .into_iter()
        .map(|kind| {
            let record = choose(records, kind, tab_prefix.as_deref()).map(|record| {
                let meta = &record.meta;
                let same_console = tab_prefix.as_deref() == Some(meta.prefix.as_str());
                let allowed = tab_prefix
                    .as_deref()
                    .is_some_and(|tab| is_allowed(meta, tab));
                HeldStatus {
                    masked: &meta.masked,
                    prefix: &meta.prefix,
                    created_at: meta.created_at,
                    expires_at: meta.expires_at,
                    same_console,
                    allowed,
                    confirmable: !same_console && !allowed && tab_prefix.is_some(),
                    insecure_confirmable: insecure_grant
                        .as_ref()
                        .is_some_and(|grant| !meta.insecure_allowed.contains(grant)),
                }
            });
            KindStatus {
                kind,
                held: record.is_some(),
                record,
            }
        })
        .collect();
    StoreStatus {
        tab_prefix,
        insecure_console: insecure_grant.is_some(),
        secrets,
    }
}

/// Which confirm the popup asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// The tab's console may receive a secret captured on another console.
    CrossConsole,
    /// The tab's console on plain http may receive its secrets (after the popup's warning).
    Insecure,
}

/// What a confirm writes: the record's key and its new list (`allowedPrefixes` for
/// [`Confirm::CrossConsole`], `insecureAllowed` for [`Confirm::Insecure`]), each grant once.
pub fn confirm(
    records: &[StoredSecret],
    kinds: &[SecretKind],
    tab_url: &str,
    which: Confirm,
) -> Vec<(String, Vec<String>)> {
    let tab_prefix = console_prefix(Some(tab_url));
    let insecure_grant = match which {
        Confirm::Insecure => match policy::insecure_console_grant(tab_url) {
            Some(grant) => Some(grant),
            None => return Vec::new(),
        },
        Confirm::CrossConsole => None,
    };
    let mut updates: Vec<(String, Vec<String>)> = Vec::new();
    for &kind in kinds {
        let Some(record) = choose(records, kind, tab_prefix.as_deref()) else {
            continue;
        };
        let (held, grant) = match &insecure_grant {
            Some(grant) => (&record.meta.insecure_allowed, grant.clone()),
            None => match policy::cross_console_grant(&record.meta, tab_url) {
                Some(grant) => (&record.meta.allowed_prefixes, grant),
                None => continue,
            },
        };
        let mut list: Vec<String> = Vec::with_capacity(held.len() + 1);
        for prefix in held.iter().chain(std::iter::once(&grant)) {
            if !list.contains(prefix) {
                list.push(prefix.clone());
            }
        }
        match updates.iter_mut().find(|(key, _)| *key == record.key) {
            Some(update) => update.1 = list,
            None => updates.push((record.key.clone(), list)),
        }
    }
    updates
}

/// Where the requesting document acts, as the core placed it (`placeSender`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    /// The page it acts for and that page's console prefix.
    Console { page_url: &'a str, prefix: &'a str },
    /// It acts for no console; the code a fill row shows for a secret withheld from it.
    Refused { secret_refusal: Option<&'a str> },
}

/// A fill's request for the secrets of `form`, from a trusted click (or the worker's own
/// prediction of one, whose values never leave the worker).
#[derive(Debug, Clone, Copy)]
pub struct FillRequest<'a> {
    pub form: &'a str,
    pub frame_origin: &'a str,
    pub place: Place<'a>,
    pub now_ms: u64,
}

/// For each secret `form` takes: the storage key of the record the fill receives, or the code
/// of why it receives none (never a value). `expired_here(kind, prefix)` says whether the
/// console's own secret of that kind expired and nothing replaced it since, so the row says
/// "expired" rather than "another console's".
pub fn release_for_fill<'a>(
    records: &'a [StoredSecret],
    expired_here: &dyn Fn(SecretKind, &str) -> bool,
    request: &FillRequest<'_>,
) -> Vec<(SecretKind, Result<&'a str, String>)> {
    let mut out = Vec::new();
    for (kind, _field) in SecretKind::targets_of(request.form) {
        let (page_url, prefix) = match request.place {
            Place::Console { page_url, prefix } => (page_url, prefix),
            Place::Refused { secret_refusal } => {
                // Only a secret that exists is said to be withheld.
                if let (Some(_), Some(code)) = (choose(records, kind, None), secret_refusal) {
                    out.push((kind, Err(code.to_owned())));
                }
                continue;
            }
        };
        let record = choose(records, kind, Some(prefix));
        let decision = policy::may_release(
            kind,
            record.map(|record| &record.meta),
            &ReleaseRequest {
                form: request.form,
                frame_origin: request.frame_origin,
                top_url: page_url,
                trusted_click: true,
                now_ms: request.now_ms,
            },
        );
        match (decision, record) {
            (Ok(_), Some(record)) => out.push((kind, Ok(record.key.as_str()))),
            (decision, record) => {
                let own_console = record.is_some_and(|record| {
                    record.meta.prefix == prefix || is_allowed(&record.meta, prefix)
                });
                if !own_console && expired_here(kind, prefix) {
                    out.push((kind, Err("secret-expired".to_owned())));
                } else if let Err(refusal) = decision {
                    out.push((kind, Err(refusal.code().to_owned())));
                }
            }
        }
    }
    out
}

/// What the sweep knows of one stored record: never its value, only whether it has one.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordFacts {
    #[serde(default)]
    pub kind: serde_json::Value,
    #[serde(default)]
    pub prefix: serde_json::Value,
    #[serde(default)]
    pub expires_at: serde_json::Value,
    /// The record holds a value (a string).
    #[serde(default)]
    pub held: bool,
}

/// That a console's secret of `kind` expired: kept (without value) so its fill rows say
/// "expired" rather than "none yet".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpiryNote {
    pub kind: String,
    pub prefix: String,
    pub expired_at: f64,
}

/// The store swept at a moment: the records to remove, the expiry notes to write, and when
/// the next live record expires (for the alarm that sweeps again).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Swept {
    pub expired: Vec<String>,
    pub notes: Vec<ExpiryNote>,
    pub next_expiry: Option<f64>,
}

/// Sweeps the records (`None`: one that is not a record at all) at `now_ms`: a record lives
/// while it holds a value and its expiry is still ahead; every other one goes, and one that
/// names its kind and console and reached its expiry leaves a note.
pub fn sweep(records: &[(String, Option<RecordFacts>)], now_ms: f64) -> Swept {
    let mut swept = Swept::default();
    for (key, facts) in records {
        let expires_at = facts.as_ref().and_then(|f| f.expires_at.as_f64());
        let live =
            facts.as_ref().is_some_and(|f| f.held) && expires_at.is_some_and(|at| at > now_ms);
        if live {
            if let Some(at) = expires_at {
                swept.next_expiry = Some(swept.next_expiry.map_or(at, |next| next.min(at)));
            }
            continue;
        }
        swept.expired.push(key.clone());
        let Some(facts) = facts else { continue };
        if let (Some(kind), Some(prefix), Some(at)) =
            (facts.kind.as_str(), facts.prefix.as_str(), expires_at)
        {
            if at <= now_ms {
                swept.notes.push(ExpiryNote {
                    kind: kind.to_owned(),
                    prefix: prefix.to_owned(),
                    expired_at: at,
                });
            }
        }
    }
    swept
}
