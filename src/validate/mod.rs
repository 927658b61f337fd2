//! Value checks shared by the paste reader and the bar's problems: pure functions over text,
//! each with its own error type whose messages say what is wrong and how to fix it.

pub mod tax_id;
