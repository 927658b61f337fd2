//! placeholder
use crate::util::Result;
pub fn bench() -> Result { crate::fail!("not yet") }
