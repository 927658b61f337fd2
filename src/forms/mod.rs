//! Kingdee configuration forms as data: which labels make up each form, where each field's
//! value comes from, and how a page snapshot is recognised as one of them.
//!
//! Adding a form means adding a [`FormSpec`] to `specs.rs`; recognition, planning, the bar and
//! diagnose read only these tables.

pub mod connection;
mod diagnose;
mod headings;
mod limits;
pub mod problems;
mod recognise;
mod specs;
mod validate;

use serde::Serialize;

pub use diagnose::{diagnose, diagnose_holding};
pub use limits::MAX_FORMS;
pub use recognise::{recognise, FieldMatch, RecognisedForm, Recognition};
pub use specs::SPECS;
pub use validate::{validate, ValidationError};

use crate::labels::label_key;
pub use crate::secret::SecretKind;

/// What a field looks like on the page, as the spec expects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    Text,
    Password,
    Textarea,
    /// A dropdown of fixed choices (native or custom), or a radio group of the same choices.
    Select,
    /// A basedata/F7 field: type a code, choose the matching option.
    Lookup,
    Checkbox,
    Radio,
}

/// Values from the activation e-mail (授权邮件 / 出库邮件), held once the user pasted it: the
/// chosen enterprise's, the tenant's, and the environment the mail states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialKind {
    EnterpriseClientId,
    EnterpriseClientSecret,
    EnterpriseEncryptKey,
    TenantClientId,
    TenantClientSecret,
    TenantEncryptKey,
    /// The 发票云 environment address (prod or test) the credentials belong to.
    EnvironmentUrl,
    /// The chosen enterprise's name, exactly as activated (企业名称, 企业工商登记名).
    EnterpriseName,
    /// The chosen enterprise's 税号 (统一社会信用代码), exactly as activated.
    TaxId,
}

/// Whose credentials a value is: the enterprise's (企业级) or the tenant's (租户级, `TN_…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialLevel {
    Enterprise,
    Tenant,
}

impl CredentialKind {
    pub fn is_secret(self) -> bool {
        matches!(
            self,
            CredentialKind::EnterpriseClientSecret
                | CredentialKind::EnterpriseEncryptKey
                | CredentialKind::TenantClientSecret
                | CredentialKind::TenantEncryptKey
        )
    }

    /// The level of an id, secret or key; `None` for the environment and the enterprise's
    /// name and 税号 (they are no credential of either level).
    pub fn level(self) -> Option<CredentialLevel> {
        match self {
            CredentialKind::EnterpriseClientId
            | CredentialKind::EnterpriseClientSecret
            | CredentialKind::EnterpriseEncryptKey => Some(CredentialLevel::Enterprise),
            CredentialKind::TenantClientId
            | CredentialKind::TenantClientSecret
            | CredentialKind::TenantEncryptKey => Some(CredentialLevel::Tenant),
            CredentialKind::EnvironmentUrl
            | CredentialKind::EnterpriseName
            | CredentialKind::TaxId => None,
        }
    }

    /// The key of this value in the worker's fill values (`clientSecret`, `tenantEncryptKey`…),
    /// also the key of its refusal code in `secretRefusals`.
    pub fn value_key(self) -> &'static str {
        match self {
            CredentialKind::EnterpriseClientId => "clientId",
            CredentialKind::EnterpriseClientSecret => "clientSecret",
            CredentialKind::EnterpriseEncryptKey => "encryptKey",
            CredentialKind::TenantClientId => "tenantClientId",
            CredentialKind::TenantClientSecret => "tenantSecret",
            CredentialKind::TenantEncryptKey => "tenantEncryptKey",
            CredentialKind::EnvironmentUrl => "environmentUrl",
            CredentialKind::EnterpriseName => "enterpriseName",
            CredentialKind::TaxId => "taxId",
        }
    }

    pub const ALL: [CredentialKind; 9] = [
        CredentialKind::EnterpriseClientId,
        CredentialKind::EnterpriseClientSecret,
        CredentialKind::EnterpriseEncryptKey,
        CredentialKind::TenantClientId,
        CredentialKind::TenantClientSecret,
        CredentialKind::TenantEncryptKey,
        CredentialKind::EnvironmentUrl,
        CredentialKind::EnterpriseName,
        CredentialKind::TaxId,
    ];

    /// Reads [`CredentialKind::value_key`] back.
    pub fn from_value_key(key: &str) -> Option<CredentialKind> {
        CredentialKind::ALL
            .into_iter()
            .find(|kind| kind.value_key() == key)
    }
}

/// Where a field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
pub enum ValueSource {
    /// The console prefix (`https://host/ierp/`).
    ConsolePrefix,
    /// `accountId` from `getUserLanguage.do` (数据中心 id).
    AccountId,
    /// A fixed text (a select's choice such as `否`, a default such as `eas`).
    Constant {
        value: &'static str,
    },
    /// A basedata entry chosen by its exact code; `name` is how the console shows it.
    Lookup {
        code: &'static str,
        name: &'static str,
    },
    /// A checkbox that should be ticked (or not).
    Checked {
        checked: bool,
    },
    Secret {
        secret: SecretKind,
    },
    Credential {
        credential: CredentialKind,
    },
    /// Only the user knows it (企业名称, EAS用户名 …): the helper never fills it.
    UserInput,
}

/// A check on a value before it is filled (the helper's own values are checked too: a stale
/// profile must not put garbage into a customer's console).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validation {
    None,
    /// `http(s)://…`, no spaces.
    HttpUrl,
    /// An `http(s)://…/` prefix ending in `/`.
    UrlPrefix,
    /// ASCII digits only.
    Digits,
    /// 1–64 ASCII letters, digits, `_` or `-` (数据中心 id, as `user_language` accepts it).
    Identifier,
    /// ASCII letters and digits (系统编码, 业务系统编码).
    AsciiAlnum,
    /// Anything without whitespace inside (IDs, secrets, codes).
    NoSpaces,
    /// `ip:port` or `host:port`.
    HostPort,
    /// An enterprise ClientID: never a tenant one (`TN_…`).
    EnterpriseClientId,
    /// A tenant ClientID: starts with `TN_`.
    TenantClientId,
}

/// Buttons the bar offers on a form besides 填充 and 撤销.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Offer {
    Fill,
    Undo,
    GenerateKey,
    /// Remember the key the user typed into the form's key field (记住此密钥).
    RememberKey,
    RememberGateway,
}

/// One field of a form.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The label as DOMAIN.md writes it: the bar's `data-field`.
    pub label: &'static str,
    /// Other spellings consoles use for the same field (zh and en).
    pub synonyms: &'static [&'static str],
    pub kind: FieldKind,
    pub source: ValueSource,
    pub validation: Validation,
    /// A label unlikely on any other form: a form needs at least one to be recognised.
    pub distinctive: bool,
}

impl FieldSpec {
    /// Whether the value is a secret: masked in the bar, never in an outcome or a log.
    pub fn is_secret(&self) -> bool {
        match self.source {
            ValueSource::Secret { .. } => true,
            ValueSource::Credential { credential } => credential.is_secret(),
            _ => self.kind == FieldKind::Password,
        }
    }

    /// Comparison keys of the label and of its synonyms.
    pub fn keys(&self) -> (String, Vec<String>) {
        (
            label_key(self.label),
            self.synonyms.iter().map(|s| label_key(s)).collect(),
        )
    }
}

/// One Kingdee form.
#[derive(Debug, Clone, Copy)]
pub struct FormSpec {
    /// Stable id (kebab-case) used between the worker and the content script.
    pub id: &'static str,
    /// The name as DOMAIN.md writes it: the bar's `data-form`.
    pub name: &'static str,
    /// Other names the console gives the same form (星空旗舰版 vs 星瀚); when a heading shows
    /// one of them, the bar uses it.
    pub aliases: &'static [&'static str],
    /// Other heading words that identify the form (menu paths, list titles).
    pub identifying: &'static [&'static str],
    /// Heading words that rule the form out in that container (摘要认证 vs AccessToken认证).
    pub excluding: &'static [&'static str],
    /// Fields found (with at least one distinctive) to recognise the form without a heading.
    pub min_fields: usize,
    /// Fields found when a heading names the form.
    pub min_fields_with_heading: usize,
    /// A form too small to be told apart by its fields alone (a one-field dialog).
    pub requires_heading: bool,
    /// Labels of values the form shows as text, never in a control (`x-acgw-identity` in
    /// 认证凭证). Under a heading naming the form, a text with one of these labels recognises
    /// it even when none of its fields is drawn as a control (a detail page in view mode).
    pub shown_texts: &'static [&'static str],
    pub offers: &'static [Offer],
    /// Whose credentials the form takes, if any: 维护租户授权信息 the tenant's only, every other
    /// form the enterprise's only. The plan never fills a credential of the other level, whatever
    /// a field's source says (a test keeps the sources in step with this).
    pub credentials: Option<CredentialLevel>,
    pub fields: &'static [FieldSpec],
}

impl FormSpec {
    /// The spec with this id, or whose name or alias is this name.
    pub fn find(name_or_id: &str) -> Option<&'static FormSpec> {
        let wanted = name_or_id.trim();
        SPECS
            .iter()
            .find(|s| s.id == wanted || s.name == wanted || s.aliases.contains(&wanted))
    }

    /// The field with this DOMAIN.md label.
    pub fn field(&self, label: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.label == label)
    }

    /// Every spec's [`FormSpec::shown_texts`]: the only text labels the collector needs to send
    /// for recognition (their values are never needed for it).
    pub fn shown_text_labels() -> Vec<&'static str> {
        let mut labels: Vec<&'static str> = SPECS
            .iter()
            .flat_map(|s| s.shown_texts.iter().copied())
            .collect();
        crate::order::sort(&mut labels);
        labels.dedup();
        labels
    }

    /// The pasted values this form's fields take, in field order (what the worker may release
    /// for a fill of it; every other value stays in the worker).
    pub fn credentials_taken(&self) -> Vec<CredentialKind> {
        self.fields
            .iter()
            .filter_map(|f| match f.source {
                ValueSource::Credential { credential } => Some(credential),
                _ => None,
            })
            .collect()
    }

    /// All names a heading may show: name, aliases, identifying words.
    pub fn heading_words(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name)
            .chain(self.aliases.iter().copied())
            .chain(self.identifying.iter().copied())
    }
}
