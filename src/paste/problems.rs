//! Mistakes found in what was pasted, for the popup and the standalone page to show before
//! anything is filled: a 税号 failing GB 32100-2015, a `TN_` (tenant) ClientID listed for an
//! enterprise, and spaces inside an id or key.

use super::{CredentialField, Enterprise, Tenant};
use crate::i18n::{Locale, Localised};
use crate::validate::tax_id::{check_tax_id, TaxIdError};

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    TaxId(TaxIdError),
    TenantCredential,
    Whitespace,
}

/// One problem and whose value it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The enterprise's 税号 as pasted, when the problem is an enterprise's.
    pub tax_id: Option<String>,
    /// The value's name in the JS shape (`clientId`, `appSecret`, …).
    pub field: Option<&'static str>,
    /// The enterprise's name (or none for a tenant / token sample), for the message.
    owner: Option<String>,
}

impl Problem {
    /// `tax-id`, `tenant-credential` or `whitespace`: the contract's `data-problem` codes.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ProblemKind::TaxId(_) => "tax-id",
            ProblemKind::TenantCredential => "tenant-credential",
            ProblemKind::Whitespace => "whitespace",
        }
    }

    pub fn message(&self, locale: Locale) -> String {
        let owner = match (&self.owner, locale) {
            (Some(name), Locale::ZhCn) if !name.is_empty() => format!("企业“{name}”"),
            (Some(name), Locale::En) if !name.is_empty() => format!("enterprise “{name}”"),
            (_, Locale::ZhCn) => self
                .tax_id
                .as_ref()
                .map_or("租户".to_owned(), |t| format!("税号 {t} 的企业")),
            (_, Locale::En) => self.tax_id.as_ref().map_or("the tenant".to_owned(), |t| {
                format!("the enterprise with 税号 {t}")
            }),
        };
        let field = self.field.unwrap_or_default();
        match (&self.kind, locale) {
            (ProblemKind::TaxId(e), Locale::ZhCn) => format!("{owner}：{}", e.message(locale)),
            (ProblemKind::TaxId(e), Locale::En) => format!("For {owner}: {}", e.message(locale)),
            (ProblemKind::TenantCredential, Locale::ZhCn) => format!(
                "{owner}的 ClientID 以 TN_ 开头，是租户级授权：发票云授权配置等企业表单要填该企业自己的 ClientID（不以 TN_ 开头），TN_ 开头的只填到“维护租户授权信息”。请在授权邮件的企业授权部分找到这个税号的三个值"
            ),
            (ProblemKind::TenantCredential, Locale::En) => format!(
                "The ClientID of {owner} starts with TN_, so it is a tenant credential: enterprise forms such as 发票云授权配置 need the enterprise's own ClientID (not TN_…); TN_ ones go only to 维护租户授权信息. Find this 税号's three values in the e-mail's enterprise section"
            ),
            (ProblemKind::Whitespace, Locale::ZhCn) => format!(
                "{owner}的 {field} 中间有空格：通常是复制时带进来的（换行或表格），发票云会拒绝它。请对照原邮件删去空格"
            ),
            (ProblemKind::Whitespace, Locale::En) => format!(
                "The {field} of {owner} has spaces inside, usually picked up while copying (a line break or a table): 发票云 will refuse it. Remove them, checking against the original e-mail"
            ),
        }
    }
}

fn has_inner_space(value: &str) -> bool {
    value.trim().contains(char::is_whitespace)
}

pub(crate) fn of_enterprise(e: &Enterprise) -> Vec<Problem> {
    let owner = Some(e.name.clone());
    let tax_id = (!e.tax_id.is_empty()).then(|| e.tax_id.clone());
    let problem = |kind, field: Option<CredentialField>| Problem {
        kind,
        tax_id: tax_id.clone(),
        field: field.map(CredentialField::as_str),
        owner: owner.clone(),
    };
    let mut found = Vec::new();
    if let Some(tax_id) = &tax_id {
        if has_inner_space(tax_id) {
            found.push(problem(
                ProblemKind::Whitespace,
                Some(CredentialField::TaxId),
            ));
        }
        // Spaces are their own problem; the code itself is checked without them.
        let compact: String = tax_id.chars().filter(|c| !c.is_whitespace()).collect();
        if let Err(error) = check_tax_id(&compact) {
            found.push(problem(
                ProblemKind::TaxId(error),
                Some(CredentialField::TaxId),
            ));
        }
    }
    if e.client_id.as_deref().is_some_and(is_tenant_id) {
        found.push(problem(
            ProblemKind::TenantCredential,
            Some(CredentialField::ClientId),
        ));
    }
    let values = [
        (CredentialField::ClientId, e.client_id.as_deref()),
        (
            CredentialField::ClientSecret,
            e.client_secret.as_ref().map(|s| s.expose()),
        ),
        (
            CredentialField::EncryptKey,
            e.encrypt_key.as_ref().map(|s| s.expose()),
        ),
    ];
    for (field, value) in values {
        if value.is_some_and(has_inner_space) {
            found.push(problem(ProblemKind::Whitespace, Some(field)));
        }
    }
    found
}

pub(crate) fn of_tenant(t: &Tenant) -> Vec<Problem> {
    let values = [
        (CredentialField::ClientId, t.client_id.as_deref()),
        (
            CredentialField::ClientSecret,
            t.client_secret.as_ref().map(|s| s.expose()),
        ),
        (
            CredentialField::EncryptKey,
            t.encrypt_key.as_ref().map(|s| s.expose()),
        ),
    ];
    values
        .into_iter()
        .filter(|(_, value)| value.is_some_and(has_inner_space))
        .map(|(field, _)| whitespace(field.as_str()))
        .collect()
}

/// A whitespace problem in a value that belongs to no enterprise (a tenant's, a token sample's).
pub(crate) fn whitespace(field: &'static str) -> Problem {
    Problem {
        kind: ProblemKind::Whitespace,
        tax_id: None,
        field: Some(field),
        owner: None,
    }
}

pub(crate) fn whitespace_in(value: &str) -> bool {
    has_inner_space(value)
}

/// Tenant-level ClientIDs start with `TN_` (any case: a retyped one is still a tenant's).
pub(crate) fn is_tenant_id(client_id: &str) -> bool {
    client_id
        .get(..3)
        .is_some_and(|p| p.eq_ignore_ascii_case("TN_"))
}
