//! A ZIP writer that gives the same bytes for the same files: entries sorted by name, one fixed
//! timestamp (1980-01-01 00:00, the format's epoch), fixed permissions (0644), no extra fields.
//! Entries are stored, not deflated: the stores recompress the package themselves, and a stored
//! archive keeps this std-only and obviously deterministic.

use std::fmt;

/// The MS-DOS date of 1980-01-01 (day 1, month 1, year 0); the time is 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// "Made by" Unix (3) so the external attributes carry a mode; format version 2.0.
const MADE_BY: u16 = (3 << 8) | 20;
const NEEDED: u16 = 20;
/// A regular file, rw-r--r--, in the high half of the external attributes.
const FILE_MODE: u32 = 0o100_644 << 16;
/// Bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// The same name twice: a store would keep one of them, silently.
    Duplicate(String),
    /// An absolute name, a `..` or `\` in it, or an empty one.
    BadName(String),
    /// Past what a ZIP without the ZIP64 extension holds (65 535 entries, 4 GiB).
    TooLarge,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::Duplicate(name) => write!(f, "zip: `{name}` twice"),
            ZipError::BadName(name) => write!(
                f,
                "zip: `{name}` is not a relative path with `/` separators"
            ),
            ZipError::TooLarge => f.write_str("zip: more than 65535 entries or 4 GiB"),
        }
    }
}

/// CRC-32 (IEEE 802.3, reflected, as ZIP uses it).
pub fn crc32(bytes: &[u8]) -> u32 {
    const fn table() -> [u32; 256] {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    }
    const TABLE: [u32; 256] = table();
    let mut crc = !0u32;
    for &b in bytes {
        crc = TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn u16_of(n: usize) -> Result<u16, ZipError> {
    u16::try_from(n).map_err(|_| ZipError::TooLarge)
}

fn u32_of(n: usize) -> Result<u32, ZipError> {
    u32::try_from(n).map_err(|_| ZipError::TooLarge)
}

/// The archive of `files` (name, contents); the order they come in does not matter.
pub fn write(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ZipError> {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    for pair in sorted.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(ZipError::Duplicate(pair[0].0.clone()));
        }
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in &sorted {
        if !valid_name(name) {
            return Err(ZipError::BadName(name.clone()));
        }
        let flags = if name.is_ascii() { 0 } else { UTF8_NAME };
        let crc = crc32(data);
        let size = u32_of(data.len())?;
        let name_len = u16_of(name.len())?;
        let offset = u32_of(out.len())?;

        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [NEEDED, flags, 0 /* stored */, DOS_TIME, DOS_DATE] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [MADE_BY, NEEDED, flags, 0, DOS_TIME, DOS_DATE] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        // name length, extra, comment, disk number, internal attributes
        for v in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&FILE_MODE.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let count = u16_of(sorted.len())?;
    let central_offset = u32_of(out.len())?;
    let central_size = u32_of(central.len())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // no comment
    u32_of(out.len())?;
    Ok(out)
}

/// Reads back what [`write`] wrote (stored entries through the central directory): for tests
/// and for checking a package's contents.
pub fn read(archive: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let u16_at = |at: usize| {
        archive
            .get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32_at = |at: usize| {
        archive
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let end = archive.len().checked_sub(22)?;
    if u32_at(end)? != 0x0605_4b50 {
        return None;
    }
    let count = usize::from(u16_at(end + 10)?);
    let mut at = usize::try_from(u32_at(end + 16)?).ok()?;
    let mut files = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(at)? != 0x0201_4b50 || u16_at(at + 10)? != 0 {
            return None;
        }
        let crc = u32_at(at + 16)?;
        let size = usize::try_from(u32_at(at + 20)?).ok()?;
        let name_len = usize::from(u16_at(at + 28)?);
        let extra_len = usize::from(u16_at(at + 30)?);
        let comment_len = usize::from(u16_at(at + 32)?);
        let local = usize::try_from(u32_at(at + 42)?).ok()?;
        let name = String::from_utf8(archive.get(at + 46..at + 46 + name_len)?.to_vec()).ok()?;
        if u32_at(local)? != 0x0403_4b50 {
            return None;
        }
        let data_at =
            local + 30 + usize::from(u16_at(local + 26)?) + usize::from(u16_at(local + 28)?);
        let data = archive.get(data_at..data_at + size)?.to_vec();
        if crc32(&data) != crc {
            return None;
        }
        files.push((name, data));
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(String, Vec<u8>)> {
        vec![
            ("manifest.json".to_owned(), b"{}\n".to_vec()),
            (
                "_locales/zh_CN/messages.json".to_owned(),
                "{\"a\": \"发票\"}".as_bytes().to_vec(),
            ),
            (
                "icons/icon-16.png".to_owned(),
                vec![0x89, b'P', b'N', b'G', 0, 255],
            ),
            ("empty.txt".to_owned(), Vec::new()),
        ]
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn the_same_files_in_any_order_give_the_same_bytes() {
        let mut reversed = files();
        reversed.reverse();
        assert_eq!(write(&files()), write(&reversed));
    }

    #[test]
    fn what_is_written_reads_back_sorted_by_name() {
        let archive = write(&files()).expect("an archive");
        let back = read(&archive).expect("readable");
        let mut expected = files();
        expected.sort();
        assert_eq!(back, expected);
    }

    #[test]
    fn entries_have_the_fixed_time_and_mode() {
        let archive = write(&files()[..1]).expect("an archive");
        // Local header: time at 10, date at 12.
        assert_eq!(&archive[10..14], &[0, 0, 0x21, 0]);
        let central = archive
            .windows(4)
            .position(|w| w == [0x50, 0x4b, 0x01, 0x02])
            .expect("a central header");
        assert_eq!(
            &archive[central + 38..central + 42],
            &FILE_MODE.to_le_bytes()
        );
    }

    #[test]
    fn duplicates_and_unsafe_names_are_refused() {
        let twice = vec![("a".to_owned(), vec![1]), ("a".to_owned(), vec![2])];
        assert_eq!(write(&twice), Err(ZipError::Duplicate("a".to_owned())));
        for bad in ["/etc/passwd", "../up", "a//b", "a\\b", "", "./a"] {
            assert_eq!(
                write(&[(bad.to_owned(), vec![])]),
                Err(ZipError::BadName(bad.to_owned())),
                "{bad}"
            );
        }
    }

    #[test]
    fn unzip_accepts_the_archive_when_it_is_installed() {
        let Some(unzip) = crate::util::which("unzip") else {
            return;
        };
        let dir = std::env::temp_dir().join(format!("xtask-zip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let path = dir.join("t.zip");
        std::fs::write(&path, write(&files()).expect("an archive")).expect("temporary directory");
        let out = std::process::Command::new(unzip)
            .arg("-t")
            .arg(&path)
            .output()
            .expect("unzip runs");
        std::fs::remove_dir_all(&dir).expect("temporary directory");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
