//! The pace chart as SVG.
