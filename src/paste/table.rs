//! Credentials pasted from an HTML table: a header row of labels, then one row per enterprise
//! (or tenant), cells separated by tabs (what browsers copy), by `|` (Markdown), or by runs of
//! spaces (a plain-text mail's aligned columns). Aligned columns are read by where their header
//! cells start, as a person reads them in a monospace view (CJK two columns wide): an empty
//! cell is then an empty value, not a shift of the cells after it.

use super::labels::{trim_cell, Field, Scope, Vocabulary};
use super::lines::{is_wide, Line};
use super::values::{read_value, Read};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Separator {
    Tab,
    Pipe,
    Spaces,
}

/// A table's header: which label each column has (`None` for 序号, 备注, …).
/// One column's label, `None` for a column of no interest.
type Column = Option<(Field, Option<Scope>)>;

pub(crate) struct Header {
    separator: Separator,
    columns: Vec<Column>,
    /// Display column where each header cell starts (space-aligned headers only).
    starts: Vec<usize>,
}

/// One data row: the cells of known columns, in column order.
pub(crate) type Row = Vec<(Field, Option<Scope>, Vec<char>)>;

/// Reads `line` as a header row: at least two columns naming a 税号 or credential, and no more
/// unknown columns than known ones (so prose that mentions two labels is not a header).
pub(crate) fn header(line: &Line, vocab: &Vocabulary) -> Option<Header> {
    let separator = separator_of(line);
    let (columns, starts): (Vec<Column>, Vec<usize>) = match separator {
        Separator::Tab | Separator::Pipe => cells(line, separator)
            .iter()
            .map(|(s, e)| (vocab.whole_label(&line.folded[*s..*e]), 0))
            .unzip(),
        Separator::Spaces => {
            let at = display_columns(line);
            space_columns(line, vocab)?
                .into_iter()
                .map(|(column, start)| (column, at[start]))
                .unzip()
        }
    };
    let known: Vec<Field> = columns.iter().flatten().map(|(f, _)| *f).collect();
    let credentials = known.iter().filter(|f| f.is_credential()).count();
    let unknown = columns.len() - known.len();
    // The same field twice is fine only when scopes differ (企业ClientID, 租户ClientID).
    let mut counts = [0usize; 8];
    for field in &known {
        counts[*field as usize] += 1;
    }
    let distinct = counts.iter().all(|&n| n <= 2);
    (credentials >= 2 && unknown <= known.len() && distinct).then_some(Header {
        separator,
        columns,
        starts,
    })
}

/// Reads `line` as a data row of `header`, or `None` when it does not fit (the table ended).
pub(crate) fn row(line: &Line, header: &Header) -> Option<Row> {
    let n = header.columns.len();
    let aligned = match header.separator {
        Separator::Spaces => aligned_cells(line, &header.starts),
        _ => None,
    };
    let mut spans: Vec<(usize, usize)> = match (aligned, header.separator) {
        (Some(spans), _) => spans,
        (None, Separator::Tab | Separator::Pipe) => cells(line, header.separator),
        (None, Separator::Spaces) => words(line),
    };
    if header.separator == Separator::Tab {
        while spans.len() > n
            && spans
                .last()
                .is_some_and(|(s, e)| line.chars[*s..*e].iter().all(|c| c.is_whitespace()))
        {
            spans.pop();
        }
    }
    if spans.len() > n && header.separator == Separator::Spaces {
        // Not aligned under the header: a name with spaces in it (`Acme Trading Co., Ltd`)
        // takes the extra words.
        let name_col = header
            .columns
            .iter()
            .position(|c| matches!(c, Some((Field::Name, _))))?;
        let extra = spans.len() - n;
        let merged = (spans[name_col].0, spans[name_col + extra].1);
        spans.splice(name_col..=name_col + extra, [merged]);
    }
    if spans.len() != n {
        return None;
    }
    let row: Row = header
        .columns
        .iter()
        .zip(&spans)
        .filter_map(|(col, (s, e))| {
            col.map(|(field, scope)| (field, scope, line.chars[*s..*e].to_vec()))
        })
        .collect();
    let readable = row.iter().any(|(field, _, cell)| {
        field.is_credential() && matches!(read_value(*field, cell), Read::Value(_))
    });
    readable.then_some(row)
}

/// `|---|:---:|`: a Markdown table's rule row, skipped.
pub(crate) fn is_rule(line: &Line) -> bool {
    let mut dashes = 0;
    for c in &line.folded {
        match c {
            '-' => dashes += 1,
            '|' | ':' | ' ' | '\t' | '+' | '=' => {}
            _ => return false,
        }
    }
    dashes >= 3
}

fn separator_of(line: &Line) -> Separator {
    if line.folded.contains(&'\t') {
        Separator::Tab
    } else if line.folded.iter().filter(|c| **c == '|').count() >= 2 {
        Separator::Pipe
    } else {
        Separator::Spaces
    }
}

/// Cell spans split on tabs or pipes (Markdown's outer pipes dropped).
fn cells(line: &Line, separator: Separator) -> Vec<(usize, usize)> {
    let split = if separator == Separator::Tab {
        '\t'
    } else {
        '|'
    };
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in line.folded.iter().enumerate() {
        if *c == split {
            spans.push((start, i));
            start = i + 1;
        }
    }
    spans.push((start, line.folded.len()));
    if separator == Separator::Pipe {
        let blank = |(s, e): &(usize, usize)| line.folded[*s..*e].iter().all(|c| c.is_whitespace());
        if spans.first().is_some_and(blank) {
            spans.remove(0);
        }
        if spans.last().is_some_and(blank) {
            spans.pop();
        }
    }
    spans
}

/// Whitespace-separated word spans.
fn words(line: &Line) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in line.chars.iter().enumerate() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, line.chars.len()));
    }
    spans
}

/// The display column (CJK two wide) where each char of `line` starts, and its end after them.
fn display_columns(line: &Line) -> Vec<usize> {
    let mut at = Vec::with_capacity(line.chars.len() + 1);
    let mut col = 0;
    for &c in &line.chars {
        at.push(col);
        col += if is_wide(c) { 2 } else { 1 };
    }
    at.push(col);
    at
}

/// How far a cell may start from its header cell and still be under it.
const ALIGN_SLACK: usize = 2;

/// A row's cells by the header's columns, when the row is aligned under the header: each
/// word goes to the column it overlaps most, and each cell's first word starts where its
/// header cell does (give or take [`ALIGN_SLACK`]). A column no word falls under is an empty
/// cell. `None` when some cell is not under its header (the row is not aligned).
fn aligned_cells(line: &Line, starts: &[usize]) -> Option<Vec<(usize, usize)>> {
    let at = display_columns(line);
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; starts.len()];
    for (s, e) in words(line) {
        let (from, to) = (at[s], at[e]);
        let overlap = |k: usize| {
            let end = starts.get(k + 1).copied().unwrap_or(usize::MAX);
            to.min(end).saturating_sub(from.max(starts[k]))
        };
        // The first column of the largest overlap (`max_by_key` would take the last).
        let k = (0..starts.len()).fold(
            0,
            |best, k| {
                if overlap(k) > overlap(best) {
                    k
                } else {
                    best
                }
            },
        );
        spans[k] = match spans[k] {
            Some((first, _)) => Some((first, e)),
            None if from.abs_diff(starts[k]) <= ALIGN_SLACK => Some((s, e)),
            None => return None,
        };
    }
    Some(spans.into_iter().map(|s| s.unwrap_or((0, 0))).collect())
}

/// A space-aligned header: labels may hold spaces themselves (`Client ID`), so labels are
/// matched first and any other word is an unknown column of at most six characters. Each
/// column comes with the char index where it starts.
fn space_columns(line: &Line, vocab: &Vocabulary) -> Option<Vec<(Column, usize)>> {
    let f = &line.folded;
    let mut columns = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if f[i].is_whitespace() {
            i += 1;
            continue;
        }
        let word_end = (i..f.len())
            .find(|&k| f[k].is_whitespace())
            .unwrap_or(f.len());
        match vocab.label_at(f, i) {
            Some((field, scope, end))
                if end >= word_end || f.get(end).is_none_or(|c| c.is_whitespace()) =>
            {
                let mut end = end.max(word_end);
                // `Client Secret（授权密钥）`: the alias belongs to the column's label.
                if matches!(f.get(end), Some('(' | '[')) {
                    let close =
                        (end + 1..f.len().min(end + 24)).find(|&k| matches!(f[k], ')' | ']'));
                    if let Some(close) = close {
                        end = close + 1;
                    }
                }
                let cell = trim_cell(&f[i..end]);
                let scope = vocab.whole_label(&cell).map_or(scope, |(_, s)| s);
                columns.push((Some((field, scope)), i));
                i = end;
            }
            _ => {
                // `租户ClientID` as one word: a scoped label.
                let scoped = vocab.whole_label(&f[i..word_end]);
                if scoped.is_none() && (word_end - i > 6 || f[i..word_end].contains(&':')) {
                    return None;
                }
                columns.push((scoped, i));
                i = word_end;
            }
        }
    }
    Some(columns)
}

/// A table copied one cell per line (some webmail turns `<td>`s into lines): a run of at least
/// three label-only lines, then the rows' cells in the same order, a line each. Reads rows
/// while every chunk fits (no label among the cells, each 税号 or credential plausible); gives
/// the rows and the index of the first line after them, or `None` if not such a table.
pub(crate) fn vertical(lines: &[Line], at: usize, vocab: &Vocabulary) -> Option<(Vec<Row>, usize)> {
    let non_blank = |from: usize| (from..lines.len()).find(|&k| !lines[k].is_blank());
    let whole_label = |k: usize| {
        let line = &lines[k];
        vocab.whole_label(&line.folded[line.content_start()..])
    };
    let mut columns: Vec<(Field, Option<Scope>)> = Vec::new();
    let mut next = non_blank(at);
    while let Some(k) = next {
        let Some(column) = whole_label(k) else { break };
        if columns.iter().any(|(f, s)| (*f, *s) == column) {
            return None;
        }
        columns.push(column);
        next = non_blank(k + 1);
    }
    let credentials = columns.iter().filter(|(f, _)| f.is_credential()).count();
    if columns.len() < 3 || credentials < 2 {
        return None;
    }
    let mut rows = Vec::new();
    let mut end = next?;
    'rows: loop {
        let mut row: Row = Vec::with_capacity(columns.len());
        let mut k = end;
        for (field, scope) in &columns {
            let Some(line_at) = non_blank(k) else {
                break 'rows;
            };
            let line = &lines[line_at];
            let cell = line.chars[line.content_start()..].to_vec();
            let fits = whole_label(line_at).is_none()
                && (!field.is_credential() || super::values::plausible(*field, &cell));
            if !fits {
                break 'rows;
            }
            row.push((*field, *scope, cell));
            k = line_at + 1;
        }
        rows.push(row);
        end = k;
    }
    (!rows.is_empty()).then_some((rows, end))
}
