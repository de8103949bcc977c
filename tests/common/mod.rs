//! Helpers shared by the integration tests that drive the real binary.

pub mod output;
