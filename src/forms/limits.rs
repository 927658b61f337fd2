//! How much of a snapshot recognition reads: shared by recognition (`recognise.rs`), the
//! headings it names forms by (`headings.rs`) and diagnose, so none of them imports another for
//! a number.

/// Controls read per snapshot; a console form has dozens, a hostile page may send millions.
pub const MAX_CONTROLS: usize = 3000;
/// Label candidates read per control.
pub const MAX_LABELS_PER_CONTROL: usize = 16;
/// Headings read per snapshot.
pub const MAX_HEADINGS: usize = 200;
/// Labelled texts read per snapshot.
pub const MAX_TEXTS: usize = 300;
/// Forms recognised per snapshot. A console shows one or two; a page with a hundred copies of a
/// form makes the worker plan a fill for each on every look.
pub const MAX_FORMS: usize = 8;
