//! Every text of the result's screens (result, products, consent, sent bundles), in English and
//! Simplified Chinese, from the Fluent message files `www/locales/{en,zh-CN}/flow.ftl` (compiled
//! into string tables by `build.rs`). Kept apart from the form's texts (`app.ftl`), from which
//! the page's first screen also takes its words.

use prequal_www::i18n::Lang;

include!(concat!(env!("OUT_DIR"), "/flow_messages.rs"));

/// What the result is and is not, for the model that gave it: the US-data caveat for the
/// shipped model, the platform's own records for one trained on its profiles.
pub fn disclaimer(lang: Lang, model: &prequal::assess::Model) -> &'static str {
    if model.scorecard().training.from_profiles {
        t(lang, T::DisclaimerLocal)
    } else {
        t(lang, T::Disclaimer)
    }
}
