//! placeholder
use crate::util::Result;
pub fn demo(_args: &[String]) -> Result { crate::fail!("not yet") }
