//! The result's two pictures, drawn as SVG in `html!`: the grade gauge and the factor chart.
//! Each is an `<svg role="img">` with a `<title>` and `<desc>` saying in words what it shows,
//! and the factor chart's numbers are repeated in a table for screen readers and for print.

use std::rc::Rc;

use prequal::assess::Assessment;
use prequal::catalog::Grade;
use prequal::profile::MerchantProfile;
use yew::prelude::*;

use prequal_www::i18n::{self, Lang};

use crate::format::escape;
use crate::text::{t, T};

/// Properties of both charts.
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// What to draw.
    pub assessment: Rc<Assessment>,
    /// Language of the words.
    pub lang: Lang,
    /// The merchant's profile, for their own values (in yuan, people, names).
    #[prop_or_default]
    pub profile: Option<Rc<MerchantProfile>>,
}

/// Markup this module wrote itself (every piece of text in it passed through [`escape`]).
/// Built as a string, not as `html!` nodes: a chart is static once drawn, and the string costs
/// a fraction of the code size of a tree of virtual elements.
pub fn markup(svg: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(svg))
}

/// The grade scale A–G with the merchant's grade marked.
#[component]
pub fn GradeGauge(props: &ChartProps) -> Html {
    use std::fmt::Write;
    let (a, lang) = (&props.assessment, props.lang);
    // The core's grades, best first; a grade outside them (never from the shipped model)
    // marks no band rather than a wrong one.
    let position = Some(a.grade as usize);
    let description = i18n::fill(
        t(lang, T::GaugeDescription),
        &[
            a.grade.name(),
            &prequal_text::probability(crate::format::text_lang(lang), a.probability_of_default),
        ],
    );
    let band = 40;
    // The scale's two ends are labelled on screen, not only for screen readers.
    let mut svg = format!(
        r#"<svg class="gauge" role="img" viewBox="0 0 280 80" aria-labelledby="gauge-title gauge-desc"><title id="gauge-title">{}</title><desc id="gauge-desc">{}</desc><text class="scale" x="0" y="76">{}</text><text class="scale" x="280" y="76" text-anchor="end">{}</text>"#,
        escape(t(lang, T::GaugeTitle)),
        escape(&description),
        escape(t(lang, T::GaugeSafest)),
        escape(t(lang, T::GaugeRiskiest)),
    );
    for (i, grade) in Grade::ALL.iter().enumerate() {
        let x = i * band;
        let current = if Some(i) == position { " current" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="band{current}"><rect x="{x}" y="8" width="{band}" height="28"/><text x="{}" y="27" text-anchor="middle">{}</text></g>"#,
            x + band / 2,
            grade.name()
        );
    }
    if let Some(position) = position {
        let _ = write!(
            svg,
            r#"<path class="marker" d="M{} 40 l-7 12 h14 z"/>"#,
            position * band + band / 2
        );
    }
    svg.push_str("</svg>");
    markup(svg)
}

/// One characteristic's part in the score, in words and in points (for the bars).
struct Factor {
    label: String,
    value: String,
    effect: String,
    change: String,
    points: i32,
    lowest: i32,
    highest: i32,
}

fn factors(assessment: &Assessment, lang: Lang, profile: Option<&MerchantProfile>) -> Vec<Factor> {
    let words = crate::format::text_lang(lang);
    let widest = assessment
        .contributions
        .iter()
        .map(|c| c.max_points - c.points)
        .max()
        .unwrap_or(1);
    assessment
        .contributions
        .iter()
        .map(|c| {
            let lowest = c.min_points;
            let value = profile
                .map(|p| prequal_text::factor_value(words, &c.feature, p))
                .unwrap_or_default();
            Factor {
                label: prequal_text::factor_name(words, c),
                value,
                effect: prequal_text::factor_effect(words, c, widest),
                change: prequal_text::factor_changeable(words, c),
                points: c.points,
                lowest,
                highest: c.max_points.max(c.points),
            }
        })
        .collect()
}

/// For each characteristic: the points it gained above its worst bin (right, up) and the
/// points it lost below its best bin (left, down); then the same as a table.
#[component]
pub fn FactorChart(props: &ChartProps) -> Html {
    use std::fmt::Write;
    let lang = props.lang;
    let factors = factors(&props.assessment, lang, props.profile.as_deref());
    let widest = factors
        .iter()
        .map(|f| f.highest - f.lowest)
        .max()
        .unwrap_or(1)
        .max(1);
    let (row, half, middle) = (30, 120, 300);
    let scale = |points: i32| points * half / widest;
    let height = factors.len() as i32 * row + 8;
    let summary: String = factors
        .iter()
        .map(|f| {
            i18n::fill(
                t(lang, T::FactorSentence),
                &[&f.label, &f.value, &f.effect, &f.change],
            ) + " "
        })
        .collect();
    let title = escape(t(lang, T::FactorsTitle));
    let mut html = format!(
        r#"<figure class="factors"><svg role="img" viewBox="0 0 {} {height}" aria-labelledby="factors-title factors-desc"><title id="factors-title">{title}</title><desc id="factors-desc">{}</desc><line class="axis" x1="{middle}" x2="{middle}" y1="0" y2="{height}"/>"#,
        middle + half + 8,
        escape(summary.trim_end())
    );
    for (i, f) in factors.iter().enumerate() {
        let y = i as i32 * row + 6;
        let (gained, lost) = (scale(f.points - f.lowest), scale(f.highest - f.points));
        let _ = write!(
            html,
            r#"<g><text x="0" y="{}">{}</text><rect class="lost" x="{}" y="{y}" width="{lost}" height="20"/><rect class="gained" x="{middle}" y="{y}" width="{gained}" height="20"/></g>"#,
            y + 15,
            escape(&f.label),
            middle - lost
        );
    }
    let _ = write!(
        html,
        r#"</svg><figcaption>{}</figcaption><table class="factor-table"><caption class="visually-hidden">{title}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(t(lang, T::FactorsCaption)),
        escape(t(lang, T::FactorColumn)),
        escape(t(lang, T::YourValueColumn)),
        escape(t(lang, T::PointsColumn)),
        escape(t(lang, T::RangeColumn)),
    );
    for f in &factors {
        let _ = write!(
            html,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            escape(&f.label),
            escape(&f.value),
            escape(&f.effect),
            escape(&f.change),
        );
    }
    html.push_str("</tbody></table></figure>");
    markup(html)
}
