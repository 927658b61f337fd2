//! The shipped WASM's size gate: `cargo xtask build` prints the module's raw and `gzip -9` sizes
//! with the limit, and fails when the gzip size passes [`MAX_GZIP_BYTES`], so what the module
//! has been cut to cannot grow back unnoticed. Raise the limit only with a reason in the commit.

use std::path::Path;

use crate::util::{self, Failure, Result};

/// The most `gzip -9` of `fapiao_helper_bg.wasm` may weigh: the size reached (322.3 KiB) plus
/// about 5%, room for a small feature; a bigger one cuts elsewhere first or says why here.
pub const MAX_GZIP_BYTES: u64 = 340 * 1024;

/// The line the build prints, or why the module is refused.
pub fn verdict(raw: u64, gzip: u64, limit: u64) -> Result<String> {
    let line = format!(
        "WASM size: {} raw, {} gzip -9 (limit {} gzip)",
        util::human_size(raw),
        util::human_size(gzip),
        util::human_size(limit)
    );
    if gzip > limit {
        return Err(Failure(format!(
            "{line}: the shipped WASM is {} over the size limit; find what grew with \
             `twiggy top` on a build with names (wasm-opt -g) and cut it, or raise \
             MAX_GZIP_BYTES in xtask/src/size_gate.rs with the reason",
            util::human_size(gzip - limit)
        )));
    }
    Ok(line)
}

/// Measures `wasm` and applies [`verdict`] with [`MAX_GZIP_BYTES`]. A module that cannot be
/// measured fails too: an unchecked size is how it would creep back.
pub fn check(wasm: &Path) -> Result {
    let raw = std::fs::metadata(wasm)
        .map_err(|e| Failure(format!("cannot read {}: {e}", wasm.display())))?
        .len();
    let Some(gzip) = util::gzip_size(wasm) else {
        crate::fail!(
            "cannot measure the gzip size of {} (is gzip installed?)",
            wasm.display()
        );
    };
    println!("{}", verdict(raw, gzip, MAX_GZIP_BYTES)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_at_or_under_the_limit_passes_and_the_line_names_all_three_sizes() {
        let line = verdict(300_000, 100 * 1024, 100 * 1024).expect("at the limit passes");
        assert!(line.contains("293.0 KiB (300000 B) raw"), "{line}");
        assert!(line.contains("100.0 KiB (102400 B) gzip -9"));
        assert!(line.contains("(limit 100.0 KiB (102400 B) gzip)"));
        assert!(verdict(300_000, 1, 100 * 1024).is_ok());
    }

    #[test]
    fn a_module_one_byte_over_the_limit_fails_and_says_by_how_much() {
        let Err(Failure(message)) = verdict(300_000, 100 * 1024 + 1, 100 * 1024) else {
            panic!("over the limit must fail");
        };
        assert!(
            message.contains("0.0 KiB (1 B) over the size limit"),
            "{message}"
        );
        assert!(message.contains("MAX_GZIP_BYTES"), "{message}");
    }

    #[test]
    fn the_limit_is_the_one_the_build_checks() {
        assert!(verdict(0, MAX_GZIP_BYTES, MAX_GZIP_BYTES).is_ok());
        assert!(verdict(0, MAX_GZIP_BYTES + 1, MAX_GZIP_BYTES).is_err());
    }
}
