//! The enterprises and tenants a mail's values fall into, and the rules that start, name,
//! classify, merge and finish them (the reading order comes from `mail.rs`).

use std::collections::HashMap;

use zeroize::Zeroizing;

use super::environment::Statements;
use super::labels::{Field, Scope};
use super::lines::Line;
use super::problems::is_tenant_id;
use super::table;
use super::values::{read_value, Read};
use super::{CredentialField, Enterprise, Missing, MissingReason, PasteError, Tenant};
use crate::secret::Secret;

/// One value and why it is missing, as a group holds it.
#[derive(Default)]
struct Slot {
    value: Option<Zeroizing<String>>,
    reason: Option<MissingReason>,
}

#[derive(Default)]
struct Group {
    slots: [Slot; 5],
    /// 企业 or 租户, from a heading, a label's own scope or a table's 类型 column.
    scope: Option<Scope>,
}

impl Group {
    fn value(&self, field: CredentialField) -> Option<&str> {
        self.slots[field.index()]
            .value
            .as_deref()
            .map(String::as_str)
    }

    fn has_credential(&self) -> bool {
        [
            CredentialField::ClientId,
            CredentialField::ClientSecret,
            CredentialField::EncryptKey,
        ]
        .iter()
        .any(|f| self.value(*f).is_some())
    }

    fn conflicts(&self, field: CredentialField, read: &Read) -> bool {
        matches!((read, self.value(field)), (Read::Value(new), Some(old)) if new.as_str() != old)
    }

    fn set(&mut self, field: CredentialField, read: Read) {
        let slot = &mut self.slots[field.index()];
        match read {
            Read::Value(v) => {
                slot.value = Some(v);
                slot.reason = None;
            }
            Read::Missing(reason) => {
                if slot.value.is_none() && slot.reason.is_none() {
                    slot.reason = Some(reason);
                }
            }
        }
    }

    fn is_tenant(&self) -> bool {
        let tn = self
            .value(CredentialField::ClientId)
            .is_some_and(is_tenant_id);
        let tax = self.value(CredentialField::TaxId).is_some();
        (tn && self.scope == Some(Scope::Tenant))
            || (!tax && (tn || self.scope == Some(Scope::Tenant)))
    }
}

#[derive(Default)]
pub(crate) struct Builder {
    groups: Vec<Group>,
    current: Option<usize>,
    /// The group `租户ClientID：`-style labels fill, apart from the enterprise being read.
    tenant: Option<usize>,
    section: Option<Scope>,
    paragraph_break: bool,
    pub saw_credential_label: bool,
}

impl Builder {
    pub(crate) fn new_group(&mut self, scope: Option<Scope>) -> usize {
        self.groups.push(Group {
            scope: scope.or(self.section),
            ..Group::default()
        });
        self.groups.len() - 1
    }

    pub(crate) fn close_current(&mut self) {
        self.current = None;
    }

    pub(crate) fn paragraph_break(&mut self) {
        self.paragraph_break = true;
    }

    pub(crate) fn section(&mut self, scope: Option<Scope>) {
        self.section = scope;
        self.current = None;
        if scope == Some(Scope::Tenant) {
            self.tenant = None;
        }
    }

    /// The group a value with this label scope went into.
    pub(crate) fn current_of(&self, scope: Option<Scope>) -> Option<usize> {
        if scope == Some(Scope::Tenant) && self.section != Some(Scope::Tenant) {
            self.tenant
        } else {
            self.current
        }
    }

    pub(crate) fn put(&mut self, field: CredentialField, scope: Option<Scope>, read: Read) {
        // After a blank line, a name, 税号 or ClientID opens the next entry once this one has
        // credentials, even when it repeats a value: a repeated listing is merged (or refused
        // when it differs) later, not mixed into this one.
        let opens = matches!(
            field,
            CredentialField::Name | CredentialField::TaxId | CredentialField::ClientId
        ) && matches!(read, Read::Value(_))
            && self.paragraph_break;
        let tenant_scoped = scope == Some(Scope::Tenant) && self.section != Some(Scope::Tenant);
        let current = if tenant_scoped {
            self.tenant
        } else {
            self.current
        };
        let keep = |g: &Group| !(g.conflicts(field, &read) || opens && g.has_credential());
        let group = match current {
            Some(g) if keep(&self.groups[g]) => g,
            Some(g) if matches!(read, Read::Missing(_)) => g,
            _ => {
                let g = self.new_group(if tenant_scoped {
                    Some(Scope::Tenant)
                } else {
                    scope
                });
                if tenant_scoped {
                    self.tenant = Some(g);
                } else {
                    self.current = Some(g);
                }
                g
            }
        };
        if matches!(read, Read::Value(_)) {
            self.paragraph_break = false;
        }
        self.groups[group].set(field, read);
    }

    pub(crate) fn put_into(&mut self, group: usize, field: CredentialField, read: Read) {
        if let Some(g) = self.groups.get_mut(group) {
            if !g.conflicts(field, &read) {
                g.set(field, read);
            }
        }
    }

    pub(crate) fn append(&mut self, group: usize, field: CredentialField, piece: &str) {
        if let Some(value) = self
            .groups
            .get_mut(group)
            .and_then(|g| g.slots[field.index()].value.as_mut())
        {
            value.push_str(piece);
        }
    }

    /// A company name heading starts the next enterprise.
    fn open_with_name(&mut self, name: String) {
        let needs_new = self.current.is_none_or(|g| {
            self.groups[g].has_credential() || self.groups[g].value(CredentialField::Name).is_some()
        });
        if needs_new {
            let g = self.new_group(None);
            self.current = Some(g);
        }
        self.paragraph_break = false;
        if let Some(g) = self.current {
            self.groups[g].set(CredentialField::Name, Read::Value(Zeroizing::new(name)));
        }
    }

    /// The text before a line's first label: `1、深圳某某有限公司（税号：…）` names the enterprise.
    pub(crate) fn lead_text(&mut self, line: &Line, start: usize, end: usize) {
        if end <= start {
            return;
        }
        if let Some(name) = company_name(&line.chars[start..end]) {
            self.open_with_name(name);
        }
    }

    pub(crate) fn row(&mut self, row: table::Row, env: &mut Statements) {
        let level = row
            .iter()
            .find(|(f, _, _)| *f == Field::Level)
            .and_then(|(_, _, cell)| level_scope(&cell.iter().collect::<String>()));
        let g = self.new_group(level);
        for (field, scope, cell) in row {
            match to_credential(field) {
                Some(credential) => {
                    if scope == Some(Scope::Tenant) && credential != CredentialField::Name {
                        // A `租户ClientID` column beside the enterprise's: the tenant's group.
                        self.current = Some(g);
                        self.put(credential, scope, read_value(field, &cell));
                    } else {
                        self.groups[g].set(credential, read_value(field, &cell));
                    }
                }
                None if field == Field::Environment => env.stated(&cell.iter().collect::<String>()),
                None => {}
            }
        }
        self.current = None;
    }

    /// A line with no labelled value: a section heading, a company name heading, or prose.
    pub(crate) fn heading_or_prose(&mut self, line: &Line, start: usize) {
        let folded: String = line.folded[start..].iter().collect();
        let core: String = folded
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '[' | ']' | ':' | ' ' | '(' | ')' | '#' | '=' | '-' | '、' | '.' | '：'
                )
            })
            .collect();
        let short = core.chars().count() <= 30;
        let negated = ["不要", "勿", "不能", "禁止", "注意", "不是", "别"]
            .iter()
            .any(|w| core.contains(w));
        if short && !negated {
            if core.contains("租户") || core.contains("tenant") {
                self.section(Some(Scope::Tenant));
                return;
            }
            let enterprise_words = ["授权", "级", "信息", "列表", "明细", "清单"];
            if (core.contains("企业") && enterprise_words.iter().any(|w| core.contains(w)))
                || core.contains("enterprise")
            {
                self.section(Some(Scope::Enterprise));
                return;
            }
        }
        if let Some(name) = company_name(&line.chars[start..]) {
            self.open_with_name(name);
            // `深圳某某有限公司（91440300MA5XXXXXXX）`: its 税号 in brackets.
            if let Some(tax_id) = bracketed_tax_id(&line.chars[start..]) {
                self.put(
                    CredentialField::TaxId,
                    None,
                    Read::Value(Zeroizing::new(tax_id)),
                );
            }
        }
    }

    pub(crate) fn finish(&self) -> Result<(Vec<Enterprise>, Vec<Tenant>), PasteError> {
        let mut enterprises: Vec<Enterprise> = Vec::new();
        let mut by_tax_id: HashMap<String, usize> = HashMap::new();
        let mut tenants: Vec<Tenant> = Vec::new();
        let mut by_client_id: HashMap<String, usize> = HashMap::new();
        let any_credential = self.groups.iter().any(Group::has_credential);
        if !any_credential {
            let unreadable = self.groups.iter().any(|g| {
                [
                    CredentialField::ClientId,
                    CredentialField::ClientSecret,
                    CredentialField::EncryptKey,
                ]
                .iter()
                .any(|f| g.slots[f.index()].reason.is_some())
            });
            return if unreadable {
                Err(PasteError::CredentialsUnreadable)
            } else {
                Ok((enterprises, tenants))
            };
        }
        for group in &self.groups {
            let readable = group.has_credential() || group.value(CredentialField::TaxId).is_some();
            if !readable {
                continue;
            }
            if group.is_tenant() {
                let tenant = to_tenant(group);
                let key = tenant.client_id.clone().unwrap_or_default();
                match by_client_id.get(&key).filter(|_| !key.is_empty()) {
                    Some(&at) => merge_tenant(&mut tenants[at], tenant)?,
                    None => {
                        by_client_id.insert(key, tenants.len());
                        tenants.push(tenant);
                    }
                }
            } else {
                let enterprise = to_enterprise(group);
                // Without a 税号, the same ClientID listed twice is the same enterprise.
                let tax_id: String = enterprise
                    .tax_id
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let key = match (&enterprise.client_id, tax_id.is_empty()) {
                    (Some(id), true) => format!("id:{id}"),
                    _ => tax_id,
                };
                match by_tax_id.get(&key).filter(|_| !key.is_empty()) {
                    Some(&at) => merge_enterprise(&mut enterprises[at], enterprise)?,
                    None => {
                        by_tax_id.insert(key, enterprises.len());
                        enterprises.push(enterprise);
                    }
                }
            }
        }
        Ok((enterprises, tenants))
    }
}

fn missing_of(group: &Group, fields: &[CredentialField]) -> Vec<Missing> {
    fields
        .iter()
        .filter(|f| group.value(**f).is_none())
        .map(|f| Missing {
            field: *f,
            reason: group.slots[f.index()]
                .reason
                .unwrap_or(MissingReason::NotFound),
        })
        .collect()
}

fn secret_of(group: &Group, field: CredentialField) -> Option<Secret> {
    group.value(field).map(|v| Secret::new(v.to_owned()))
}

fn to_enterprise(group: &Group) -> Enterprise {
    Enterprise {
        name: group
            .value(CredentialField::Name)
            .unwrap_or_default()
            .to_owned(),
        tax_id: group
            .value(CredentialField::TaxId)
            .unwrap_or_default()
            .to_owned(),
        client_id: group.value(CredentialField::ClientId).map(str::to_owned),
        client_secret: secret_of(group, CredentialField::ClientSecret),
        encrypt_key: secret_of(group, CredentialField::EncryptKey),
        missing: missing_of(group, &CredentialField::ALL),
    }
}

fn to_tenant(group: &Group) -> Tenant {
    Tenant {
        name: group.value(CredentialField::Name).map(str::to_owned),
        client_id: group.value(CredentialField::ClientId).map(str::to_owned),
        client_secret: secret_of(group, CredentialField::ClientSecret),
        encrypt_key: secret_of(group, CredentialField::EncryptKey),
        missing: missing_of(group, &CredentialField::ALL[2..]),
    }
}

/// The same 税号 listed twice (a summary table and the detail blocks): one enterprise, unless
/// a value differs, which makes the whole paste untrustworthy.
fn merge_enterprise(into: &mut Enterprise, other: Enterprise) -> Result<(), PasteError> {
    let conflict = || PasteError::ConflictingTaxId {
        tax_id: into.tax_id.clone(),
    };
    if !into.name.is_empty() && !other.name.is_empty() && into.name != other.name {
        return Err(conflict());
    }
    if differs(into.client_id.as_deref(), other.client_id.as_deref())
        || differs_secret(&into.client_secret, &other.client_secret)
        || differs_secret(&into.encrypt_key, &other.encrypt_key)
    {
        return Err(conflict());
    }
    if into.name.is_empty() {
        into.name = other.name;
    }
    into.client_id = into.client_id.take().or(other.client_id);
    into.client_secret = into.client_secret.take().or(other.client_secret);
    into.encrypt_key = into.encrypt_key.take().or(other.encrypt_key);
    into.missing
        .retain(|m| other.missing.iter().any(|o| o.field == m.field));
    Ok(())
}

fn merge_tenant(into: &mut Tenant, other: Tenant) -> Result<(), PasteError> {
    if differs_secret(&into.client_secret, &other.client_secret)
        || differs_secret(&into.encrypt_key, &other.encrypt_key)
    {
        return Err(PasteError::ConflictingTenant {
            client_id: into.client_id.clone().unwrap_or_default(),
        });
    }
    into.name = into.name.take().or(other.name);
    into.client_secret = into.client_secret.take().or(other.client_secret);
    into.encrypt_key = into.encrypt_key.take().or(other.encrypt_key);
    into.missing
        .retain(|m| other.missing.iter().any(|o| o.field == m.field));
    Ok(())
}

fn differs(a: Option<&str>, b: Option<&str>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a != b)
}

fn differs_secret(a: &Option<Secret>, b: &Option<Secret>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if !a.same_value(b.expose()))
}

const COMPANY_SUFFIXES: &[&str] = &[
    "有限公司",
    "公司",
    "集团",
    "厂",
    "研究院",
    "研究所",
    "事务所",
    "合作社",
    "商行",
    "中心",
    "医院",
    "学校",
    "大学",
    "银行",
    "协会",
    "合伙企业",
    "co.,ltd",
    "co., ltd",
    "co.,ltd.",
    "co., ltd.",
    "ltd",
    "ltd.",
    "limited",
    "inc",
    "inc.",
];
const GREETINGS: &[&str] = &[
    "尊敬的",
    "亲爱的",
    "致",
    "您好",
    "dear",
    "hi",
    "hello",
    "发件人",
    "收件人",
    "from",
    "to",
    // Prose that ends in a company's name: `本邮件由金蝶软件（中国）有限公司发送` is no heading.
    "本",
    "以下",
    "如下",
    "感谢",
    "欢迎",
    "贵",
    "您",
    "请",
    "由",
    "来自",
    "发自",
    "此致",
];
/// Words no company heading holds.
const PROSE_WORDS: &[&str] = &["邮件", "授权", "发送", "提供", "开通", "交付"];

/// A heading that is just a company's name (`1、深圳某某科技有限公司`, `深圳某某有限公司（9144…）`).
fn company_name(chars: &[char]) -> Option<String> {
    // A heading is short; checking only short lines also keeps a hostile line linear.
    if chars.len() > 120 {
        return None;
    }
    let text: String = chars.iter().collect();
    // Drop a bracketed tail (`（税号：…）`, `(91440300…)`) and trailing punctuation.
    let cut = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '（' | '('))
        .map(|(i, _)| i)
        .find(|&i| {
            text[i..]
                .chars()
                .skip(1)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count()
                >= 15
                || text[i..].contains("税号")
        })
        .unwrap_or(text.len());
    let name = text[..cut]
        .trim()
        .trim_end_matches([':', '：', ',', '，', '。', ';', '；', '(', '（'])
        .trim();
    let lower = name.to_lowercase();
    let count = name.chars().count();
    let is_company = COMPANY_SUFFIXES.iter().any(|s| lower.ends_with(s));
    let greeting = GREETINGS.iter().any(|g| lower.starts_with(g))
        || PROSE_WORDS.iter().any(|w| name.contains(w));
    let sentence = name.contains(['，', ',', '。', '：', ':']) && !lower.contains("co.");
    (is_company && !greeting && !sentence && (2..=60).contains(&count)).then(|| name.to_owned())
}

/// An 18-character code in brackets after a company name.
fn bracketed_tax_id(chars: &[char]) -> Option<String> {
    let text: String = chars.iter().collect();
    let open = text.find(['（', '('])?;
    let inner: String = text[open..]
        .chars()
        .skip(1)
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (15..=20).contains(&inner.len()).then_some(inner)
}

pub(crate) fn to_credential(field: Field) -> Option<CredentialField> {
    Some(match field {
        Field::Name => CredentialField::Name,
        Field::TaxId => CredentialField::TaxId,
        Field::ClientId => CredentialField::ClientId,
        Field::ClientSecret => CredentialField::ClientSecret,
        Field::EncryptKey => CredentialField::EncryptKey,
        Field::Environment | Field::Subject | Field::Level => return None,
    })
}

pub(crate) fn level_scope(text: &str) -> Option<Scope> {
    let lower = text.to_lowercase();
    if lower.contains("租户") || lower.contains("tenant") {
        Some(Scope::Tenant)
    } else if lower.contains("企业") || lower.contains("enterprise") || lower.contains("税号") {
        Some(Scope::Enterprise)
    } else {
        None
    }
}
