//! Which record a tab draws from, and what the popup shows of it: ids whole, secrets masked to
//! their last four, the enterprises with the chosen one, the environment, and the values a
//! browser cannot fill (EAS client) ready to copy.

use serde::Serialize;

use super::manual::{manual_value, manual_values, ManualValue};
use super::pasted::{Environment, PasteProblem};
use super::{CredentialScope, CredentialsError, HeldCredentials, ValueKey};
use crate::console::is_insecure_origin;
use crate::i18n::Locale;
use crate::secret::Secret;

/// Which record counts for a requester, by index into the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordChoice {
    /// Pasted for this console (or, origin-wide, on a page of its origin that is no console).
    Own(usize),
    /// Pasted for another console, which the user allowed for this one in the popup.
    Allowed(usize),
    /// Only another console's: shown as such, released to no fill until confirmed.
    Other(usize),
    None,
}

/// Picks the record for `requester`: its own (an exact scope before an origin-wide one), else
/// one allowed for it, else the newest other. `with_expired` lets an expired own record count
/// (so a fill can say "expired" rather than "none").
pub fn pick_record(
    records: &[&HeldCredentials],
    requester: &CredentialScope,
    now_ms: u64,
    with_expired: bool,
) -> RecordChoice {
    let live = |r: &HeldCredentials| with_expired || !r.is_expired(now_ms);
    let position =
        |test: &dyn Fn(&HeldCredentials) -> bool| records.iter().position(|r| live(r) && test(r));
    if let Some(i) = position(&|r| r.scope() == *requester) {
        return RecordChoice::Own(i);
    }
    if let Some(i) = position(&|r| r.scope().serves(requester)) {
        return RecordChoice::Own(i);
    }
    if let Some(i) = position(&|r| r.allowed_scopes.iter().any(|s| s == requester.key())) {
        return RecordChoice::Allowed(i);
    }
    newest(records, now_ms)
}

fn newest(records: &[&HeldCredentials], now_ms: u64) -> RecordChoice {
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_expired(now_ms))
        .max_by_key(|(_, r)| r.created_at)
        .map_or(RecordChoice::None, |(i, _)| RecordChoice::Other(i))
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseView {
    pub name: String,
    pub tax_id: String,
    pub selected: bool,
    /// Why values of this enterprise could not be read (the parser's localised sentences).
    pub missing: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialView {
    /// The value key (`clientId`, `clientSecret`, …).
    pub id: &'static str,
    pub held: bool,
    pub secret: bool,
    /// Whole for an id, masked (`••••` + last four) for a secret; empty when not held.
    pub text: String,
}

/// Everything the popup shows of the pasted credentials for one tab; never a secret whole.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsView {
    pub held: bool,
    /// The storage key of the record shown (for 复制 and the cross-console confirm).
    pub key: Option<String>,
    /// The record's console (prefix, or origin for a page that is no console).
    pub scope: Option<String>,
    pub tab_scope: Option<String>,
    pub same_scope: bool,
    pub allowed: bool,
    /// Another console's record: the popup offers to allow it for this tab's console.
    pub confirmable: bool,
    /// The tab's console is on plain http off this machine and has not been confirmed.
    pub insecure_confirmable: bool,
    pub created_at: Option<u64>,
    pub expires_at: Option<u64>,
    pub environment: Environment,
    pub environment_url: Option<String>,
    pub enterprises: Vec<EnterpriseView>,
    pub selected: Option<String>,
    pub credentials: Vec<CredentialView>,
    pub manual: Vec<ManualValue>,
    pub problems: Vec<PasteProblem>,
    /// Why values of the tenant could not be read.
    pub tenant_missing: Vec<String>,
    /// Storage keys of records that expired: the worker removes them.
    pub expired: Vec<String>,
    /// When the next record still held expires: the worker's alarm for removing it.
    pub next_expiry: Option<u64>,
}

const SHOWN: [ValueKey; 6] = [
    ValueKey::ClientId,
    ValueKey::ClientSecret,
    ValueKey::EncryptKey,
    ValueKey::TenantClientId,
    ValueKey::TenantSecret,
    ValueKey::TenantEncryptKey,
];

/// A held value of `record` by key, for display or copy (the enterprise ones only when chosen).
pub(crate) fn held_text(record: &HeldCredentials, key: ValueKey) -> Option<HeldText<'_>> {
    let enterprise = record.selected_enterprise();
    let tenant = record.tenant();
    match key {
        ValueKey::ClientId => enterprise?.client_id.as_deref().map(HeldText::Plain),
        ValueKey::ClientSecret => enterprise?.client_secret.as_ref().map(HeldText::Secret),
        ValueKey::EncryptKey => enterprise?.encrypt_key.as_ref().map(HeldText::Secret),
        ValueKey::TenantClientId => tenant?.client_id.as_deref().map(HeldText::Plain),
        ValueKey::TenantSecret => tenant?.client_secret.as_ref().map(HeldText::Secret),
        ValueKey::TenantEncryptKey => tenant?.encrypt_key.as_ref().map(HeldText::Secret),
        ValueKey::EnterpriseName => enterprise
            .map(|e| e.name.as_str())
            .filter(|n| !n.is_empty())
            .map(HeldText::Plain),
        ValueKey::TaxId => enterprise
            .map(|e| e.tax_id.as_str())
            .filter(|t| !t.is_empty())
            .map(HeldText::Plain),
        ValueKey::EnvironmentUrl => record.environment_url.as_deref().map(HeldText::Plain),
        ValueKey::Environment => Some(HeldText::Plain(record.environment.code())),
    }
}

pub(crate) enum HeldText<'a> {
    Plain(&'a str),
    Secret(&'a Secret),
}

impl HeldText<'_> {
    pub(crate) fn shown(&self) -> String {
        match self {
            HeldText::Plain(text) => (*text).to_owned(),
            HeldText::Secret(secret) => secret.masked(),
        }
    }

    pub(crate) fn whole(&self) -> &str {
        match self {
            HeldText::Plain(text) => text,
            HeldText::Secret(secret) => secret.expose(),
        }
    }
}

/// What the popup of the tab at `tab_url` shows; `account_id` is the tab console's 数据中心 id
/// (for the EAS values), when known.
pub fn view(
    records: &[(String, HeldCredentials)],
    tab_url: Option<&str>,
    account_id: Option<&str>,
    now_ms: u64,
    locale: Locale,
) -> CredentialsView {
    let expired: Vec<String> = records
        .iter()
        .filter(|(_, r)| r.is_expired(now_ms))
        .map(|(k, _)| k.clone())
        .collect();
    let next_expiry = records
        .iter()
        .filter(|(_, r)| !r.is_expired(now_ms))
        .map(|(_, r)| r.expires_at)
        .min();
    let tab_scope = tab_url.and_then(|url| CredentialScope::of_page(url).ok());
    let held: Vec<&HeldCredentials> = records.iter().map(|(_, r)| r).collect();
    let choice = match &tab_scope {
        Some(scope) => pick_record(&held, scope, now_ms, false),
        None => newest(&held, now_ms),
    };
    let (index, same_scope, allowed) = match choice {
        RecordChoice::Own(i) => (Some(i), true, false),
        RecordChoice::Allowed(i) => (Some(i), false, true),
        RecordChoice::Other(i) => (Some(i), false, false),
        RecordChoice::None => (None, false, false),
    };
    let record = index.map(|i| &records[i]);
    let insecure = tab_scope
        .as_ref()
        .is_some_and(|s| is_insecure_origin(&s.origin));
    CredentialsView {
        held: record.is_some(),
        key: record.map(|(k, _)| k.clone()),
        scope: record.map(|(_, r)| r.scope().key().to_owned()),
        tab_scope: tab_scope.as_ref().map(|s| s.key().to_owned()),
        same_scope,
        allowed,
        confirmable: record.is_some() && !same_scope && !allowed && tab_scope.is_some(),
        insecure_confirmable: match (record, &tab_scope) {
            (Some((_, r)), Some(scope)) => {
                insecure && !r.insecure_allowed.iter().any(|s| s == scope.key())
            }
            _ => false,
        },
        created_at: record.map(|(_, r)| r.created_at),
        expires_at: record.map(|(_, r)| r.expires_at),
        environment: record.map_or(Environment::Unknown, |(_, r)| r.environment),
        environment_url: record.and_then(|(_, r)| r.environment_url.clone()),
        enterprises: record
            .map(|(_, r)| {
                r.enterprises
                    .iter()
                    .map(|e| EnterpriseView {
                        name: e.name.clone(),
                        tax_id: e.tax_id.clone(),
                        selected: r.selected.as_deref() == Some(e.tax_id.as_str()),
                        missing: e
                            .missing_reasons
                            .iter()
                            .map(|m| m.message.clone())
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        selected: record.and_then(|(_, r)| r.selected_enterprise().map(|e| e.tax_id.clone())),
        credentials: SHOWN
            .iter()
            .map(|&key| {
                let text = record.and_then(|(_, r)| held_text(r, key));
                CredentialView {
                    id: key.code(),
                    held: text.is_some(),
                    secret: key.is_secret(),
                    text: text.map(|t| t.shown()).unwrap_or_default(),
                }
            })
            .collect(),
        manual: manual_values(record.map(|(_, r)| r), account_id, locale),
        problems: record.map(|(_, r)| r.problems.clone()).unwrap_or_default(),
        tenant_missing: record
            .and_then(|(_, r)| r.tenant())
            .map(|t| {
                t.missing_reasons
                    .iter()
                    .map(|m| m.message.clone())
                    .collect()
            })
            .unwrap_or_default(),
        expired,
        next_expiry,
    }
}

/// The whole value behind one of the popup's 复制 buttons (`clientSecret`, `manual:<id>` …), for
/// the record shown for the tab at `tab_url`; only ever sent to the offscreen clipboard.
pub fn credential_for_copy(
    records: &[(String, HeldCredentials)],
    tab_url: Option<&str>,
    account_id: Option<&str>,
    id: &str,
    now_ms: u64,
) -> Result<String, CredentialsError> {
    let shown = view(records, tab_url, account_id, now_ms, Locale::ZhCn);
    let record = shown
        .key
        .as_deref()
        .and_then(|key| records.iter().find(|(k, _)| k == key))
        .map(|(_, r)| r);
    if let Some(manual_id) = id.strip_prefix("manual:") {
        return manual_value(record, account_id, manual_id).ok_or(CredentialsError::NothingHeld);
    }
    let key = ValueKey::from_code(id).ok_or(CredentialsError::UnknownValue)?;
    let record = record.ok_or(CredentialsError::NothingHeld)?;
    held_text(record, key)
        .map(|t| t.whole().to_owned())
        .ok_or(CredentialsError::NothingHeld)
}
