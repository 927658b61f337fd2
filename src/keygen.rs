//! The AccessToken认证 key the bar's 生成密钥 fills in: 32 characters from A–Z a–z 0–9
//! (DESIGN.md contract), so that no console rule or URL encoding mangles it.
//!
//! Randomness is injected: the worker passes `crypto.getRandomValues`, tests a deterministic
//! source. Bytes are mapped without modulo bias by rejection sampling: a byte is used only if
//! it is below the largest multiple of 62 that fits in a byte (248), then taken modulo 62.

use zeroize::Zeroizing;

use crate::secret::Secret;

/// Length of a generated key.
pub const KEY_LENGTH: usize = 32;
/// The key alphabet: 62 ASCII letters and digits.
pub const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Bytes at or above this are rejected: 248 = 4 × 62, so every kept byte maps to each
/// character exactly four ways.
const ACCEPT_BELOW: u8 = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
/// Random bytes drawn per call of the source; 32 needed on average ≈ 33, so one call suffices
/// almost always.
const BATCH: usize = 64;

/// A fresh 32-character key, filling `random` buffers until enough bytes are accepted.
///
/// `random` must fill the whole slice with uniformly random bytes (a CSPRNG). A source that
/// returns only rejected bytes would loop forever; `crypto.getRandomValues` cannot.
pub fn generate_access_token_key(random: &mut impl FnMut(&mut [u8])) -> Secret {
    let infallible = try_generate_access_token_key(&mut |buffer: &mut [u8]| {
        random(buffer);
        Ok::<(), std::convert::Infallible>(())
    });
    match infallible {
        Ok(key) => key,
        Err(never) => match never {},
    }
}

/// [`generate_access_token_key`] with a source that can fail (`crypto.getRandomValues` throws
/// when there is no crypto object): the first failure is returned and no key is made from
/// anything but the source's bytes.
pub fn try_generate_access_token_key<E>(
    random: &mut impl FnMut(&mut [u8]) -> Result<(), E>,
) -> Result<Secret, E> {
    // Zeroizing too, so a key half made when the source fails is wiped as well.
    let mut key = Zeroizing::new(String::with_capacity(KEY_LENGTH));
    let mut batch = Zeroizing::new([0u8; BATCH]);
    while key.len() < KEY_LENGTH {
        random(batch.as_mut_slice())?;
        for &byte in batch.iter() {
            if key.len() == KEY_LENGTH {
                break;
            }
            if byte < ACCEPT_BELOW {
                key.push(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
            }
        }
    }
    // The buffer moves into the Secret; `key` is left empty.
    Ok(Secret::new(std::mem::take(&mut *key)))
}
