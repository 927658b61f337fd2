//! A 授权邮件 / 出库邮件 → environment, enterprises and tenants.
//!
//! One pass over the lines. Each line is a table header (then its rows), labelled values
//! (`ClientID：…`, several per line), a label whose value is on the next line, a line
//! continuing a hard-wrapped value, a section heading (`租户授权信息`), a company name heading
//! (`1、深圳某某有限公司`), or prose. Values go into groups (`groups.rs`), one per enterprise or
//! tenant: a value whose slot the current group already holds (with a different value) starts
//! the next group, and so does a name, 税号 or ClientID after a blank line once the group has
//! credentials.
//! A group is a tenant when its ClientID starts with `TN_` and it has no 税号, or it stands
//! under a 租户 heading; otherwise an enterprise (a `TN_` ClientID there is a problem).

use super::environment::Statements;
use super::groups::{level_scope, to_credential, Builder};
use super::labels::{skip_spaces, Field, Hit, Scope, Vocabulary};
use super::lines;
use super::problems;
use super::table;
use super::values::{is_token_char, plausible, read_value, Read};
use super::{CredentialField, MissingReason, Paste, PasteError, PasteKind};

/// A line this wide or wider was probably wrapped by the mail client (72–78 columns).
const WRAP_WIDTH: usize = 60;

pub(crate) fn read(text: &str) -> Result<Paste, PasteError> {
    let vocab = Vocabulary::new();
    let lines = lines::split(text);
    let mut env = Statements::default();
    let mut b = Builder::default();
    let mut saw_first = false;
    // A label whose value is expected on the next line.
    let mut pending: Option<(Field, Option<Scope>)> = None;
    // The last token value read and the width of its line, for wrapped values.
    let mut last_token: Option<(usize, CredentialField, usize)> = None;
    // Groups of a transposed table (labels down the first column, one enterprise per column).
    let mut transposed: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        i += 1;
        if line.is_blank() {
            b.paragraph_break();
            last_token = None;
            continue;
        }
        if !saw_first {
            saw_first = true;
            env.subject_line(&line.text(0, line.chars.len()));
        }
        env.prose(line);

        if let Some(header) = table::header(line, &vocab) {
            let mut rows = 0;
            let mut j = i;
            while j < lines.len() {
                if lines[j].is_blank() || table::is_rule(&lines[j]) {
                    j += 1;
                    continue;
                }
                let Some(row) = table::row(&lines[j], &header) else {
                    break;
                };
                env.prose(&lines[j]);
                b.row(row, &mut env);
                rows += 1;
                j += 1;
            }
            if rows > 0 {
                b.saw_credential_label = true;
                i = j;
                pending = None;
                last_token = None;
                continue;
            }
        }

        if let Some((rows, next)) = table::vertical(&lines, i - 1, &vocab) {
            for row in rows {
                b.row(row, &mut env);
            }
            b.saw_credential_label = true;
            i = next;
            pending = None;
            last_token = None;
            continue;
        }

        let hits = vocab.hits(line);
        let with_value: Vec<&Hit> = hits.iter().filter(|h| h.value_start.is_some()).collect();
        let start = line.content_start();

        if !with_value.is_empty() {
            pending = None;
            last_token = None;
            transposed.clear();
            if let Some(first) = with_value.first() {
                b.lead_text(line, start, first.start);
            }
            for (k, hit) in with_value.iter().enumerate() {
                let end = with_value
                    .get(k + 1)
                    .map_or(line.chars.len(), |next| next.start);
                let value_start = hit.value_start.unwrap_or(hit.end);
                let raw = &line.chars[value_start.min(end)..end];
                let is_last = k + 1 == with_value.len();
                match put_labelled(&mut b, &mut env, hit, raw) {
                    Some(Err(MissingReason::Empty)) if is_last => {
                        pending = Some((hit.field, hit.scope))
                    }
                    Some(Ok(())) if is_last => {
                        last_token = to_credential(hit.field)
                            .filter(|f| *f != CredentialField::Name)
                            .and_then(|f| b.current_of(hit.scope).map(|g| (g, f, line.width)));
                    }
                    _ => {}
                }
            }
            continue;
        }

        let content: Vec<char> = line.chars[start..].to_vec();
        let bare_token = !content.is_empty() && content.iter().all(|c| is_token_char(*c));

        // The rest of a hard-wrapped value: a bare token right after a long line.
        if let Some((group, field, width)) = last_token {
            if bare_token && width >= WRAP_WIDTH {
                let piece: String = content.iter().collect();
                b.append(group, field, &piece);
                last_token = Some((group, field, line.width));
                continue;
            }
        }
        last_token = None;

        // `ClientID` alone on a line, its value on this one.
        if let Some((field, scope)) = pending.take() {
            if hits.iter().all(|h| h.start != start) && plausible(field, &content) {
                let read = read_value(field, &content);
                if let Some(credential) = to_credential(field) {
                    b.put(credential, scope, read);
                    if credential != CredentialField::Name {
                        last_token = b.current_of(scope).map(|g| (g, credential, line.width));
                    }
                } else {
                    env.stated(&content.iter().collect::<String>());
                }
                continue;
            }
        }

        // A label that starts the line and is followed by whitespace (not `租户级授权信息`).
        let label_first = hits.first().filter(|h| {
            h.start == start && line.folded.get(h.end).is_none_or(|c| c.is_whitespace())
        });
        if let Some(hit) = label_first {
            let after = skip_spaces(&line.folded, hit.end);
            if after >= line.chars.len() {
                // A label alone: its value follows on the next line.
                if to_credential(hit.field).is_some() || hit.field == Field::Environment {
                    pending = Some((hit.field, hit.scope));
                }
                continue;
            }
            // `ClientID<TAB>abc` or `ClientID    abc`, or a transposed table's row.
            let cells = split_cells(&line.chars[hit.end..]);
            if let Some(field) = to_credential(hit.field) {
                if cells.len() == 1 && plausible(hit.field, &cells[0]) {
                    b.put(field, hit.scope, read_value(hit.field, &cells[0]));
                    transposed.clear();
                    continue;
                }
                if cells.len() >= 2 && cells.iter().all(|c| plausible(hit.field, c)) {
                    if transposed.len() != cells.len() {
                        transposed = (0..cells.len()).map(|_| b.new_group(None)).collect();
                        b.saw_credential_label = true;
                    }
                    for (group, cell) in transposed.iter().zip(&cells) {
                        b.put_into(*group, field, read_value(hit.field, cell));
                    }
                    b.close_current();
                    continue;
                }
            }
        }
        transposed.clear();
        b.heading_or_prose(line, start);
    }

    let (environment, environment_url) = env.decide();
    let looked_like_mail = b.saw_credential_label
        || environment != super::Environment::Unknown
        || mentions_mail_words(text);
    let (enterprises, tenants) = b.finish()?;
    if enterprises.is_empty() && tenants.is_empty() {
        return Err(if looked_like_mail {
            PasteError::NoCredentials
        } else {
            PasteError::UnknownShape
        });
    }
    let mut paste = Paste::of_kind(PasteKind::Mail);
    paste.environment = environment;
    paste.environment_url = environment_url;
    paste.problems = enterprises
        .iter()
        .flat_map(problems::of_enterprise)
        .chain(tenants.iter().flat_map(problems::of_tenant))
        .collect();
    paste.enterprises = enterprises;
    paste.tenants = tenants;
    Ok(paste)
}

fn mentions_mail_words(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "发票云",
        "piaozone",
        "授权",
        "金蝶",
        "kingdee",
        "税号",
        "clientid",
        "client id",
        "encrykey",
        "出库",
        "激活",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// One `label：value`; for a credential, whether it read as a value or why not (the value
/// itself moves into its group: no copy of a secret is left behind).
fn put_labelled(
    b: &mut Builder,
    env: &mut Statements,
    hit: &Hit,
    raw: &[char],
) -> Option<Result<(), MissingReason>> {
    match hit.field {
        Field::Environment | Field::Subject => {
            env.stated(&raw.iter().collect::<String>());
            None
        }
        Field::Level => {
            b.section(level_scope(&raw.iter().collect::<String>()));
            None
        }
        field => {
            let credential = to_credential(field)?;
            let read = read_value(field, raw);
            if field.is_credential() {
                b.saw_credential_label = true;
            }
            let outcome = match &read {
                Read::Value(_) => Ok(()),
                Read::Missing(reason) => Err(*reason),
            };
            b.put(credential, hit.scope, read);
            Some(outcome)
        }
    }
}

/// What follows a label without separator: cells split on tabs or runs of 2+ spaces; one cell
/// when neither is there.
fn split_cells(chars: &[char]) -> Vec<Vec<char>> {
    let mut cells = Vec::new();
    let mut current = Vec::new();
    let mut spaces = 0;
    for &c in chars {
        if c == '\t' || (c == ' ' && spaces >= 1) {
            if !current.is_empty() {
                cells.push(std::mem::take(&mut current));
            }
            spaces = if c == ' ' { spaces + 1 } else { 2 };
            continue;
        }
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces == 1 && !current.is_empty() {
            current.push(' ');
        }
        spaces = 0;
        current.push(c);
    }
    if !current.is_empty() {
        cells.push(current);
    }
    cells
}
