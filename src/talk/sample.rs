//! The sample talks shipped with pacer; the 80-slide one is embedded in the binary.
//!
//! `pacer` without a talk rehearses [`LORA_ON_DEVICE`], so a new user sees the timer at once.

use super::Source;

/// The name the embedded talk is reported under (its file in `talks/`).
pub const LORA_ON_DEVICE_NAME: &str = "lora-on-device.toml";

/// The bundled 80-slide, 20-minute talk, as shipped in `talks/lora-on-device.toml`.
pub const LORA_ON_DEVICE: &str = include_str!("../../talks/lora-on-device.toml");

/// The embedded talk as a [`Source`], ready for [`crate::load`].
pub fn lora_on_device() -> Source {
    Source::new(LORA_ON_DEVICE_NAME, LORA_ON_DEVICE)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    #[test]
    fn the_embedded_talk_plans_80_slides_in_20_minutes() {
        let loaded = crate::load(&super::lora_on_device()).expect("the sample talk is valid");
        assert_eq!(loaded.plan.slides.len(), 80);
        assert_eq!(loaded.plan.budget, Duration::from_secs(20 * 60));
        assert_eq!(loaded.plan.slides_total(), loaded.plan.budget);
    }
}
