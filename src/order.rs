//! One stable sort for the whole crate. `slice::sort_by` is compiled again for every element
//! type and comparator (its quicksort, merge and small-sort parts: several KiB of WASM per call
//! site); this sorts positions once, through a comparator behind `dyn`, and then moves the
//! elements into that order. The lists sorted here are a page's candidates and forms, a few
//! thousand at most, so a plain merge sort is fast enough.

use std::cmp::Ordering;

/// The positions `0..len` in the stable order `cmp` gives them (bottom-up merge sort).
fn sorted_positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, mid);
            for slot in &mut merged[start..end] {
                // Take from the right only when strictly less: equal elements keep their order.
                let from_right = right < end
                    && (left == mid || cmp(order[right], order[left]) == Ordering::Less);
                if from_right {
                    *slot = order[right];
                    right += 1;
                } else {
                    *slot = order[left];
                    left += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Sorts `items` by `cmp`, keeping equal elements in their order (as `slice::sort_by`).
pub(crate) fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by the key `key` gives each (as `slice::sort_by_key`).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order (as `slice::sort`).
pub(crate) fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_equal_elements_in_order() {
        // Pairs sorted by their first part only: the second part shows the order was kept.
        let mut seed: u32 = 7;
        for len in [0, 1, 2, 3, 5, 8, 31, 64, 100, 257] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = items.clone();
            theirs.sort_by_key(|a| a.0);
            assert_eq!(ours, theirs, "length {len}");
        }
    }

    #[test]
    fn sort_by_key_and_sort_follow_their_key_and_natural_order() {
        let mut words = vec!["pear", "fig", "apple", "kiwi", "fig"];
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "fig", "kiwi", "pear"]);
        let mut by_len = vec!["pear", "fig", "apple", "kiwi", "ox"];
        sort_by_key(&mut by_len, |w| w.len());
        assert_eq!(by_len, ["ox", "fig", "pear", "kiwi", "apple"]);
    }
}
