//! The words mails use for each value, and finding them in a line.
//!
//! Labels are matched on the folded line (case, full-width and emphasis ignored); an ASCII
//! label also matches with one space, `_`, `-` or `.` between its letters (`Client ID`,
//! `client_id`, `encrypt-key`). At each position the longest label wins, so `企业税号` is one
//! label and `加密密钥` is not `密钥`. A label followed by a separator (`:` `：` `=`) carries a
//! value; a label standing alone may be a table header cell or a value on the next line.

use std::collections::HashMap;

use super::lines::{is_cjk, Line};

/// What a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    TaxId,
    ClientId,
    ClientSecret,
    EncryptKey,
    /// `环境：测试环境`: the mail's own statement of its environment.
    Environment,
    /// `主题：…` of a forwarded mail.
    Subject,
    /// A table's `类型` / `级别` column: 企业 or 租户.
    Level,
}

impl Field {
    /// 税号 and the three credentials: id-like tokens (a name or a statement is prose).
    pub fn is_credential(self) -> bool {
        matches!(
            self,
            Field::TaxId | Field::ClientId | Field::ClientSecret | Field::EncryptKey
        )
    }
}

/// Whose value a label names, when the label says so (`租户ClientID`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Enterprise,
    Tenant,
}

/// Folded spellings; ASCII ones without separators (they are allowed while matching).
const LABELS: &[(&str, Field, Option<Scope>)] = &[
    // Names (企业 / 公司 also take an enumeration: `企业1：`, `公司二：`).
    ("企业名称", Field::Name, None),
    ("公司名称", Field::Name, None),
    ("企业全称", Field::Name, None),
    ("公司全称", Field::Name, None),
    ("纳税人名称", Field::Name, None),
    ("单位名称", Field::Name, None),
    ("客户名称", Field::Name, None),
    ("企业工商登记名", Field::Name, None),
    ("工商登记名", Field::Name, None),
    ("名称", Field::Name, None),
    ("企业", Field::Name, None),
    ("公司", Field::Name, None),
    ("companyname", Field::Name, None),
    ("enterprisename", Field::Name, None),
    ("company", Field::Name, None),
    ("name", Field::Name, None),
    ("租户名称", Field::Name, Some(Scope::Tenant)),
    ("租户名", Field::Name, Some(Scope::Tenant)),
    ("租户", Field::Name, Some(Scope::Tenant)),
    ("tenantname", Field::Name, Some(Scope::Tenant)),
    ("tenant", Field::Name, Some(Scope::Tenant)),
    // 税号
    ("税号", Field::TaxId, None),
    ("企业税号", Field::TaxId, None),
    ("纳税人识别号", Field::TaxId, None),
    ("纳税识别号", Field::TaxId, None),
    ("统一社会信用代码", Field::TaxId, None),
    ("社会信用代码", Field::TaxId, None),
    ("信用代码", Field::TaxId, None),
    ("识别号", Field::TaxId, None),
    ("taxid", Field::TaxId, None),
    ("taxno", Field::TaxId, None),
    ("taxnumber", Field::TaxId, None),
    ("taxpayerid", Field::TaxId, None),
    // ClientID
    ("clientid", Field::ClientId, None),
    ("授权账号", Field::ClientId, None),
    ("授权帐号", Field::ClientId, None),
    ("授权码", Field::ClientId, None),
    ("发票云授权标识", Field::ClientId, None),
    ("授权标识", Field::ClientId, None),
    ("客户id", Field::ClientId, None),
    ("客户端id", Field::ClientId, None),
    // ClientSecret (费报 calls it 客户端标识)
    ("clientsecret", Field::ClientSecret, None),
    ("secret", Field::ClientSecret, None),
    ("授权密钥", Field::ClientSecret, None),
    ("授权秘钥", Field::ClientSecret, None),
    ("客户端标识", Field::ClientSecret, None),
    ("客户端密钥", Field::ClientSecret, None),
    ("密钥", Field::ClientSecret, None),
    ("秘钥", Field::ClientSecret, None),
    // EncryKey (费报 calls it 接入标识)
    ("encrykey", Field::EncryptKey, None),
    ("encryptkey", Field::EncryptKey, None),
    ("encryptionkey", Field::EncryptKey, None),
    ("加密key", Field::EncryptKey, None),
    ("加密密钥", Field::EncryptKey, None),
    ("加密秘钥", Field::EncryptKey, None),
    ("接入标识", Field::EncryptKey, None),
    // The mail's statements about itself.
    ("环境", Field::Environment, None),
    ("授权环境", Field::Environment, None),
    ("所属环境", Field::Environment, None),
    ("环境类型", Field::Environment, None),
    ("开通环境", Field::Environment, None),
    ("部署环境", Field::Environment, None),
    ("使用环境", Field::Environment, None),
    ("订单环境", Field::Environment, None),
    ("发票云环境", Field::Environment, None),
    ("environment", Field::Environment, None),
    ("env", Field::Environment, None),
    ("主题", Field::Subject, None),
    ("邮件主题", Field::Subject, None),
    ("subject", Field::Subject, None),
    ("类型", Field::Level, None),
    ("授权类型", Field::Level, None),
    ("级别", Field::Level, None),
    ("授权级别", Field::Level, None),
    ("授权对象", Field::Level, None),
    ("授权层级", Field::Level, None),
];

/// The label table as char vectors, built once per read.
pub(crate) struct Vocabulary {
    labels: Vec<(Vec<char>, Field, Option<Scope>)>,
    /// Label indices by first character: most positions of a line start no label at all.
    by_first: HashMap<char, Vec<usize>>,
}

/// A label found in a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub field: Field,
    pub scope: Option<Scope>,
    /// Char index where the label starts.
    pub start: usize,
    /// Char index just past the label (and its parenthesised alias, if any).
    pub end: usize,
    /// Just past the separator, when there is one.
    pub value_start: Option<usize>,
}

impl Vocabulary {
    pub fn new() -> Vocabulary {
        let labels: Vec<(Vec<char>, Field, Option<Scope>)> = LABELS
            .iter()
            .map(|(text, field, scope)| (text.chars().collect(), *field, *scope))
            .collect();
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, (label, _, _)) in labels.iter().enumerate() {
            if let Some(first) = label.first() {
                by_first.entry(*first).or_default().push(i);
            }
        }
        Vocabulary { labels, by_first }
    }

    /// The longest label starting at `pos` and where it ends (before any separator).
    pub fn label_at(&self, folded: &[char], pos: usize) -> Option<(Field, Option<Scope>, usize)> {
        let first = *folded.get(pos)?;
        if first.is_ascii_alphanumeric() && pos > 0 && folded[pos - 1].is_ascii_alphanumeric() {
            return None;
        }
        let mut best: Option<(Field, Option<Scope>, usize)> = None;
        let candidates = self.by_first.get(&first)?;
        for (label, field, scope) in candidates.iter().filter_map(|&i| self.labels.get(i)) {
            let Some(end) = match_label(folded, pos, label) else {
                continue;
            };
            if best.is_none_or(|(_, _, e)| end > e) {
                best = Some((*field, *scope, end));
            }
        }
        best
    }

    /// Every label in `line`, in order. A label counts only at a word boundary:
    /// an ASCII label not inside a longer ASCII word.
    pub fn hits(&self, line: &Line) -> Vec<Hit> {
        let f = &line.folded;
        let mut hits = Vec::new();
        let mut i = 0;
        while i < f.len() {
            let Some((field, scope, label_end)) = self.label_at(f, i) else {
                i += 1;
                continue;
            };
            if is_generic(&f[i..label_end])
                && i > 0
                && (is_cjk(f[i - 1]) || f[i - 1].is_ascii_alphanumeric())
            {
                i += 1;
                continue;
            }
            let mut end = label_end;
            // `企业1：`, `公司二：` — an enumerated name label.
            if field == Field::Name {
                while end < f.len()
                    && (f[end].is_ascii_digit() || "一二三四五六七八九十".contains(f[end]))
                {
                    end += 1;
                }
            }
            if end < f.len()
                && f[end].is_ascii_alphanumeric()
                && f[label_end - 1].is_ascii_alphanumeric()
            {
                i += 1;
                continue;
            }
            // `Tax No.:` — an abbreviation's dot before the separator.
            if f.get(end) == Some(&'.') && f[end - 1].is_ascii_alphabetic() {
                end += 1;
            }
            let mut scope = scope.or_else(|| scope_before(f, i));
            let mut j = skip_spaces(f, end);
            // A parenthesised alias or note: `ClientID（授权账号）：`, `授权码(租户)：`.
            if matches!(f.get(j), Some('(' | '[')) {
                if let Some(close) =
                    (j + 1..f.len().min(j + 24)).find(|&k| matches!(f[k], ')' | ']'))
                {
                    let inner: String = f[j + 1..close].iter().collect();
                    if inner.contains("租户") || inner.contains("tenant") {
                        scope = Some(Scope::Tenant);
                    }
                    end = close + 1;
                    j = skip_spaces(f, end);
                }
            }
            let value_start = match f.get(j) {
                Some(':' | '=') => Some(j + 1),
                _ => None,
            };
            hits.push(Hit {
                field,
                scope,
                start: i,
                end,
                value_start,
            });
            i = value_start.unwrap_or(end).max(i + 1);
        }
        hits
    }

    /// Whether the whole of `cell` (folded, trimmed of spaces, `*` and colons) is one label.
    pub fn whole_label(&self, cell: &[char]) -> Option<(Field, Option<Scope>)> {
        let cell: Vec<char> = trim_cell(cell);
        if cell.is_empty() {
            return None;
        }
        let (field, scope, end) = self.label_at(&cell, 0)?;
        let rest = skip_spaces(&cell, end);
        if rest == cell.len() {
            return Some((field, scope));
        }
        // `ClientID（授权账号）`, `授权码(租户)`
        if matches!(cell.get(rest), Some('(' | '[')) && matches!(cell.last(), Some(')' | ']')) {
            let inner: String = cell[rest + 1..cell.len() - 1].iter().collect();
            let scope = if inner.contains("租户") || inner.contains("tenant") {
                Some(Scope::Tenant)
            } else {
                scope
            };
            return Some((field, scope));
        }
        // `租户ClientID`, `企业ClientSecret`
        for (prefix, scope) in SCOPE_PREFIXES {
            let n = prefix.chars().count();
            if cell.len() > n && prefix.chars().eq(cell[..n].iter().copied()) {
                let (field, _, end) = self.label_at(&cell, n)?;
                if skip_spaces(&cell, end) == cell.len() {
                    return Some((field, Some(*scope)));
                }
            }
        }
        None
    }
}

/// Short words that are labels only standing on their own (`公司：`), never at the end of a
/// longer phrase (`深圳某某有限公司：`, `测试环境：`).
const GENERIC: &[&str] = &[
    "名称",
    "企业",
    "公司",
    "租户",
    "租户名",
    "name",
    "company",
    "tenant",
    "环境",
    "类型",
    "级别",
    "密钥",
    "秘钥",
    "secret",
    "识别号",
    "信用代码",
    "env",
];

fn is_generic(label: &[char]) -> bool {
    GENERIC.iter().any(|g| g.chars().eq(label.iter().copied()))
}

const SCOPE_PREFIXES: &[(&str, Scope)] = &[
    ("租户级别", Scope::Tenant),
    ("租户级", Scope::Tenant),
    ("租户的", Scope::Tenant),
    ("租户", Scope::Tenant),
    ("tenant", Scope::Tenant),
    ("企业级别", Scope::Enterprise),
    ("企业级", Scope::Enterprise),
    ("企业的", Scope::Enterprise),
    ("企业", Scope::Enterprise),
];

/// `租户ClientID`: the words just before a label that say whose value it is.
fn scope_before(f: &[char], pos: usize) -> Option<Scope> {
    let mut end = pos;
    while end > 0 && f[end - 1] == ' ' {
        end -= 1;
    }
    let before = &f[..end];
    SCOPE_PREFIXES.iter().find_map(|(prefix, scope)| {
        let n = prefix.chars().count();
        let ends = before.len() >= n
            && prefix
                .chars()
                .eq(before[before.len() - n..].iter().copied());
        ends.then_some(*scope)
    })
}

fn match_label(folded: &[char], pos: usize, label: &[char]) -> Option<usize> {
    let mut i = pos;
    for (k, &lc) in label.iter().enumerate() {
        if k > 0 && lc.is_ascii_alphanumeric() && label[k - 1].is_ascii_alphanumeric() {
            if let Some(&c) = folded.get(i) {
                if c != lc && matches!(c, ' ' | '_' | '-' | '.') {
                    i += 1;
                }
            }
        }
        if folded.get(i) != Some(&lc) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

pub(crate) fn skip_spaces(f: &[char], mut i: usize) -> usize {
    while i < f.len() && f[i] == ' ' {
        i += 1;
    }
    i
}

/// A table cell as label matching sees it: no surrounding spaces, colons or emphasis.
pub(crate) fn trim_cell(cell: &[char]) -> Vec<char> {
    let is_trim = |c: &char| c.is_whitespace() || matches!(c, ':' | '*' | '|');
    let start = cell.iter().position(|c| !is_trim(c)).unwrap_or(cell.len());
    let end = cell
        .iter()
        .rposition(|c| !is_trim(c))
        .map_or(start, |e| e + 1);
    cell[start..end.max(start)].to_vec()
}
