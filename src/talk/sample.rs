//! The sample talks shipped with pacer; the 80-slide one is embedded in the binary.
