//! Every text of the on-demand screens (result, products, consent, sent bundles), in English and
//! Simplified Chinese, from the Fluent message files `www/locales/{en,zh-CN}/flow.ftl` (compiled
//! into string tables by `build.rs`). Kept apart from the first-load app's texts so that none of
//! these strings are in the first download.

use prequal_www::i18n::Lang;

include!(concat!(env!("OUT_DIR"), "/flow_messages.rs"));
