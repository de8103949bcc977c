//! A mistyped command: placeholder
