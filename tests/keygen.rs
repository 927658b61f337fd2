//! The generated AccessToken key: 32 letters and digits, unbiased, from the injected source.
#![cfg(not(target_arch = "wasm32"))]

use fapiao_helper::keygen::{
    generate_access_token_key, try_generate_access_token_key, ALPHABET, KEY_LENGTH,
};
use proptest::prelude::*;

/// A reproducible byte stream (xorshift), standing in for `crypto.getRandomValues` in tests.
fn xorshift(seed: u64) -> impl FnMut(&mut [u8]) {
    let mut state = seed | 1;
    move |buffer: &mut [u8]| {
        for byte in buffer.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *byte = (state >> 24) as u8;
        }
    }
}

#[test]
fn a_key_is_32_letters_and_digits() {
    let key = generate_access_token_key(&mut xorshift(7));
    assert_eq!(key.expose().len(), 32);
    assert_eq!(KEY_LENGTH, 32);
    assert!(
        key.expose().chars().all(|c| c.is_ascii_alphanumeric()),
        "{}",
        key.expose()
    );
}

#[test]
fn the_alphabet_is_exactly_a_to_z_both_cases_and_digits() {
    let mut expected: Vec<u8> = (b'A'..=b'Z')
        .chain(b'a'..=b'z')
        .chain(b'0'..=b'9')
        .collect();
    let mut alphabet = ALPHABET.to_vec();
    expected.sort_unstable();
    alphabet.sort_unstable();
    assert_eq!(alphabet, expected);
}

#[test]
fn the_key_comes_from_the_injected_source() {
    let a = generate_access_token_key(&mut xorshift(1));
    let b = generate_access_token_key(&mut xorshift(1));
    let c = generate_access_token_key(&mut xorshift(2));
    assert_eq!(a.expose(), b.expose());
    assert_ne!(a.expose(), c.expose());
}

#[test]
fn bytes_from_248_up_are_rejected_not_folded() {
    // 248..=255 would map to 'A'..'H' a fifth time under plain modulo; they must be skipped.
    let mut calls = 0;
    let mut source = |buffer: &mut [u8]| {
        calls += 1;
        for (i, byte) in buffer.iter_mut().enumerate() {
            *byte = if i % 2 == 0 { 248 + (i % 8) as u8 } else { 61 };
        }
    };
    let key = generate_access_token_key(&mut source);
    assert_eq!(key.expose(), "9".repeat(32));
    assert_eq!(calls, 1);
}

#[test]
fn a_source_of_mostly_rejected_bytes_is_called_again_until_the_key_is_complete() {
    let mut calls = 0u32;
    let mut source = |buffer: &mut [u8]| {
        calls += 1;
        buffer.fill(255);
        buffer[0] = 0; // one usable byte per call → 'A'
    };
    let key = generate_access_token_key(&mut source);
    assert_eq!(key.expose(), "A".repeat(32));
    assert_eq!(calls, 32);
}

#[test]
fn a_failing_source_makes_no_key() {
    let mut source = |_: &mut [u8]| Err("no crypto");
    assert_eq!(
        try_generate_access_token_key(&mut source).map(|k| k.expose().to_owned()),
        Err("no crypto")
    );
}

#[test]
fn every_accepted_byte_maps_to_its_character() {
    let mut next = 0u8;
    let mut source = |buffer: &mut [u8]| {
        for byte in buffer.iter_mut() {
            *byte = next;
            next = next.wrapping_add(1);
        }
    };
    let key = generate_access_token_key(&mut source);
    assert_eq!(
        key.expose(),
        std::str::from_utf8(&ALPHABET[..32]).expect("ascii")
    );
}

#[test]
fn characters_are_roughly_uniform_over_many_keys() {
    let mut source = xorshift(0x5eed);
    let mut counts = [0u32; 62];
    let keys = 4_000;
    for _ in 0..keys {
        let key = generate_access_token_key(&mut source);
        for c in key.expose().bytes() {
            let index = ALPHABET.iter().position(|&a| a == c).expect("in alphabet");
            counts[index] += 1;
        }
    }
    let expected = f64::from(keys * 32) / 62.0; // ≈ 2065
                                                // Chi-square with 61 degrees of freedom: 99.9th percentile ≈ 100.9.
    let chi_square: f64 = counts
        .iter()
        .map(|&n| (f64::from(n) - expected).powi(2) / expected)
        .sum();
    assert!(
        chi_square < 101.0,
        "chi-square {chi_square:.1}, counts {counts:?}"
    );
    // Modulo bias would give 'A'..'H' 5/4 of the others' share; far outside this bound.
    for (i, &n) in counts.iter().enumerate() {
        assert!(
            (f64::from(n) - expected).abs() < expected * 0.12,
            "{} appears {n} times",
            ALPHABET[i] as char
        );
    }
}

proptest! {
    #[test]
    fn any_byte_stream_gives_32_alphabet_characters(bytes in proptest::collection::vec(0u8..248, 1..64)) {
        let mut at = 0usize;
        let mut source = |buffer: &mut [u8]| {
            for byte in buffer.iter_mut() {
                *byte = bytes[at % bytes.len()];
                at += 1;
            }
        };
        let key = generate_access_token_key(&mut source);
        prop_assert_eq!(key.expose().len(), 32);
        prop_assert!(key.expose().bytes().all(|c| ALPHABET.contains(&c)));
    }

    #[test]
    fn any_seed_gives_a_key_that_differs_from_its_neighbours(seed in any::<u64>()) {
        let a = generate_access_token_key(&mut xorshift(seed));
        let b = generate_access_token_key(&mut xorshift(seed.wrapping_add(2)));
        prop_assert_eq!(a.expose().len(), 32);
        prop_assert!(a.expose().bytes().all(|c| c.is_ascii_alphanumeric()));
        prop_assert_ne!(a.expose(), b.expose());
    }
}
