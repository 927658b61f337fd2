//! Just enough of the WebAssembly binary format to read a module's functions by name (for the
//! bench's account of where the bytes are) and to check what wasm-opt wrote and repair one
//! known defect: Debian's binaryen 108 writes the export of wasm-bindgen's externref table
//! (`__wbindgen_externrefs`) with the index of the funcref table, so the glue's
//! `table.set(0, undefined)` throws at start-up. Code and tables are right; only the export
//! index is wrong, and the module before wasm-opt says what it should be.

/// A table's element type and where a table export's index byte sits in the file.
#[derive(Debug, PartialEq, Eq)]
struct Layout {
    /// Element types of all tables, imported ones first (the index space order).
    tables: Vec<u8>,
    /// (export name, table index, byte offset of a one-byte index or None).
    table_exports: Vec<(String, u32, Option<usize>)>,
}

fn leb(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut result: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        result |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(result);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

fn skip_limits(bytes: &[u8], at: &mut usize) -> Option<()> {
    let flags = *bytes.get(*at)?;
    *at += 1;
    leb(bytes, at)?;
    if flags & 1 == 1 {
        leb(bytes, at)?;
    }
    Some(())
}

fn name<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let len = leb(bytes, at)? as usize;
    let s = bytes.get(*at..*at + len)?;
    *at += len;
    Some(s)
}

/// Each section of a module: its id and the range of its contents in `bytes`. None when
/// `bytes` is no module or a section runs past the end.
fn sections(bytes: &[u8]) -> Option<Vec<(u8, std::ops::Range<usize>)>> {
    if bytes.get(..4)? != b"\0asm" {
        return None;
    }
    let mut out = Vec::new();
    let mut at = 8;
    while at < bytes.len() {
        let id = bytes[at];
        at += 1;
        let size = leb(bytes, &mut at)? as usize;
        let end = at.checked_add(size).filter(|&end| end <= bytes.len())?;
        out.push((id, at..end));
        at = end;
    }
    Some(out)
}

/// The import section read from `at`: each import's kind (0 function, 1 table, 2 memory,
/// 3 global, 4 tag) and, for a table, its element type.
fn imports(bytes: &[u8], mut at: usize) -> Option<Vec<(u8, Option<u8>)>> {
    let count = leb(bytes, &mut at)?;
    let mut out = Vec::new();
    for _ in 0..count {
        name(bytes, &mut at)?;
        name(bytes, &mut at)?;
        let kind = *bytes.get(at)?;
        at += 1;
        let mut table = None;
        match kind {
            0 => {
                leb(bytes, &mut at)?;
            }
            1 => {
                table = Some(*bytes.get(at)?);
                at += 1;
                skip_limits(bytes, &mut at)?;
            }
            2 => skip_limits(bytes, &mut at)?,
            3 => at += 2,
            4 => {
                at += 1;
                leb(bytes, &mut at)?;
            }
            _ => return None,
        }
        out.push((kind, table));
    }
    Some(out)
}

fn layout(bytes: &[u8]) -> Option<Layout> {
    let mut out = Layout {
        tables: vec![],
        table_exports: vec![],
    };
    for (id, range) in sections(bytes)? {
        let mut p = range.start;
        match id {
            2 => out.tables.extend(
                imports(bytes, p)?
                    .into_iter()
                    .filter_map(|(_, table)| table),
            ),
            4 => {
                let count = leb(bytes, &mut p)?;
                for _ in 0..count {
                    out.tables.push(*bytes.get(p)?);
                    p += 1;
                    skip_limits(bytes, &mut p)?;
                }
            }
            7 => {
                let count = leb(bytes, &mut p)?;
                for _ in 0..count {
                    let n = String::from_utf8_lossy(name(bytes, &mut p)?).into_owned();
                    let kind = *bytes.get(p)?;
                    p += 1;
                    let start = p;
                    let index = leb(bytes, &mut p)?;
                    if kind == 1 {
                        out.table_exports
                            .push((n, index, (p == start + 1).then_some(start)));
                    }
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// A module's contents as the size breakdown reads them: each defined function's body with its
/// name from the `name` section (empty where it has none), and the data section's bytes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Contents<'a> {
    pub functions: Vec<(String, &'a [u8])>,
    pub data: &'a [u8],
}

/// Reads `bytes` into [`Contents`]; None when it is not a module this reader understands.
pub fn contents(bytes: &[u8]) -> Option<Contents<'_>> {
    let mut imported_functions = 0u32;
    let mut bodies = Vec::new();
    let mut names = std::collections::HashMap::new();
    let mut data: &[u8] = &[];
    for (id, range) in sections(bytes)? {
        let section = &bytes[range];
        let mut p = 0;
        match id {
            2 => {
                imported_functions = imports(section, 0)?
                    .iter()
                    .filter(|(kind, _)| *kind == 0)
                    .count() as u32;
            }
            10 => {
                let count = leb(section, &mut p)?;
                for _ in 0..count {
                    bodies.push(name(section, &mut p)?);
                }
            }
            11 => data = section,
            0 if name(section, &mut p)? == b"name" => {
                while p < section.len() {
                    let kind = section[p];
                    p += 1;
                    let len = leb(section, &mut p)? as usize;
                    let sub_end = p.checked_add(len)?;
                    if kind == 1 {
                        let mut q = p;
                        for _ in 0..leb(section, &mut q)? {
                            let index = leb(section, &mut q)?;
                            let text = String::from_utf8_lossy(name(section, &mut q)?).into_owned();
                            names.insert(index, text);
                        }
                    }
                    p = sub_end;
                }
            }
            _ => {}
        }
    }
    let functions = (0u32..)
        .zip(bodies)
        .map(|(i, body)| {
            let index = imported_functions + i;
            (names.remove(&index).unwrap_or_default(), body)
        })
        .collect();
    Some(Contents { functions, data })
}

/// Rewrites `optimised` so each table export points at the same table as in `original`.
/// Returns how many exports it repaired, or None when the two modules' tables differ (then
/// nothing can be said, and the caller falls back to the module wasm-opt did not touch).
pub fn repair_table_exports(original: &[u8], optimised: &mut [u8]) -> Option<usize> {
    let before = layout(original)?;
    let after = layout(optimised)?;
    if before.tables != after.tables {
        return None;
    }
    let mut repaired = 0;
    for (export, index, offset) in &after.table_exports {
        let (_, want, _) = before.table_exports.iter().find(|(n, _, _)| n == export)?;
        if want == index {
            continue;
        }
        let (Some(offset), true) = (offset, *want < 0x80) else {
            return None;
        };
        optimised[*offset] = *want as u8;
        repaired += 1;
    }
    Some(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a funcref and an externref table, exporting the externref one as `t`.
    fn module(export_index: u8) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[4, 7, 2, 0x70, 0, 1, 0x6f, 0, 2]);
        m.extend_from_slice(&[7, 5, 1, 1, b't', 1, export_index]);
        m
    }

    /// One imported function, two defined ones (bodies `[0, 0x0b]` and `[0, 1, 0x0b]`), a data
    /// section, and a name section naming the second defined function `f`.
    fn named_module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[2, 7, 1, 1, b'm', 1, b'i', 0, 0]);
        m.extend_from_slice(&[10, 8, 2, 2, 0, 0x0b, 3, 0, 1, 0x0b]);
        m.extend_from_slice(&[11, 3, 0xaa, 0xbb, 0xcc]);
        m.extend_from_slice(&[0, 11, 4, b'n', b'a', b'm', b'e', 1, 4, 1, 2, 1, b'f']);
        m
    }

    #[test]
    fn contents_pair_each_defined_function_with_its_name_past_the_imports() {
        let m = named_module();
        let c = contents(&m).expect("a valid module");
        assert_eq!(
            c.functions,
            vec![
                (String::new(), &[0u8, 0x0b][..]),
                ("f".to_owned(), &[0u8, 1, 0x0b][..])
            ]
        );
        assert_eq!(c.data, &[0xaa, 0xbb, 0xcc]);
        assert_eq!(contents(b"not wasm"), None);
        assert_eq!(
            contents(&m[..m.len() - 3]),
            None,
            "a cut-off section is refused"
        );
    }

    #[test]
    fn a_table_export_moved_to_the_wrong_table_is_put_back() {
        let mut broken = module(0);
        assert_eq!(repair_table_exports(&module(1), &mut broken), Some(1));
        assert_eq!(broken, module(1));
    }

    #[test]
    fn a_correct_module_is_left_alone() {
        let mut fine = module(1);
        assert_eq!(repair_table_exports(&module(1), &mut fine), Some(0));
        assert_eq!(fine, module(1));
    }

    #[test]
    fn modules_with_different_tables_are_not_guessed_at() {
        let mut other = module(0);
        other[14] = 0x70; // both tables funcref now
        assert_eq!(repair_table_exports(&module(1), &mut other), None);
        assert_eq!(repair_table_exports(b"not wasm", &mut module(0)), None);
    }
}
