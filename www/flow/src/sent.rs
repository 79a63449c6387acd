//! The receipt after sending, and the page listing the bundles sent from this browser, where
//! the merchant revokes one: the core prepares the revocation, the merchant's key signs it and
//! it goes to the same inbox.

use prequal::consent;
use prequal_www::i18n::{fill, Lang};
use yew::prelude::*;

use crate::format::{self, label};
use crate::host::{now, save_sent_bundles, sent_bundles, Host, SentBundle};
use crate::text::{t, T};

/// Properties of [`Receipt`].
#[derive(Properties, PartialEq)]
pub struct ReceiptProps {
    /// Language.
    pub lang: Lang,
    /// What the inbox acknowledged.
    pub sent: SentBundle,
    /// Back to the products, to apply to another lender with the same profile.
    pub on_products: Callback<MouseEvent>,
    /// To the list of sent bundles.
    pub on_sent_list: Callback<MouseEvent>,
}

/// After sending: what the inbox acknowledged, what happens next in plain words, the way to
/// another lender, the draft this device still keeps, and the technical details behind a
/// disclosure.
#[component]
pub fn Receipt(props: &ReceiptProps) -> Html {
    let (lang, s) = (props.lang, &props.sent);
    // The draft the merchant chose to keep holds the credit code and the figures: offered for
    // deletion now that the bank has what it needs.
    let draft_kept = use_state(|| prequal_www::bridge::load_draft().is_some());
    let deleted = use_state(|| false);
    let on_delete = {
        let (draft_kept, deleted) = (draft_kept.clone(), deleted.clone());
        Callback::from(move |_| {
            prequal_www::bridge::delete_draft();
            draft_kept.set(false);
            deleted.set(true);
        })
    };
    let institution = label(lang, &s.institution_name).to_owned();
    let row =
        |term: T, value: String| html! { <div><dt>{ t(lang, term) }</dt><dd>{ value }</dd></div> };
    html! {
        <>
        <p class="valid" role="status">{ fill(t(lang, T::ReceiptDone), &[&institution]) }</p>
        <dl class="receipt facts">
            { row(T::ReceiptInstitution, institution.clone()) }
            { row(T::ReceiptAt, format::local_time(lang, &s.received_at)) }
            { row(T::SentExpires, format::local_date(&s.expires_at)) }
            { row(T::ReceiptBundle, s.bundle_id.clone()) }
        </dl>
        <h3>{ t(lang, T::NextSteps) }</h3>
        <ol class="next-steps">
            <li>{ fill(t(lang, T::NextBank), &[&institution]) }</li>
            <li>{ fill(t(lang, T::NextRevoke), &[&format::local_date(&s.expires_at)]) }</li>
            <li>{ t(lang, T::NextKeepId) }</li>
        </ol>
        <div class="actions">
            <button type="button" class="primary" id="apply-again" onclick={props.on_products.clone()}>{ t(lang, T::ApplyAgain) }</button>
            <button type="button" id="open-sent" onclick={props.on_sent_list.clone()}>{ t(lang, T::SentLink) }</button>
        </div>
        if *draft_kept {
            <div class="draft-offer">
                <p>{ t(lang, T::DraftStillKept) }</p>
                <button type="button" id="delete-draft-after-send" onclick={on_delete}>{ t(lang, T::DeleteDraftNow) }</button>
            </div>
        } else if *deleted {
            <p class="hint" role="status">{ t(lang, T::DraftDeleted) }</p>
        }
        <details class="technical">
            <summary>{ t(lang, T::TechnicalDetails) }</summary>
            <dl class="facts">
                { row(T::ReceiptBundle, s.bundle_id.clone()) }
                { row(T::ReceiptSha, s.envelope_sha256.clone()) }
                { row(T::ReceiptAt, s.received_at.clone()) }
                if let Some(recomputed) = s.score_recomputed {
                    { row(T::ReceiptRecomputed, t(lang, if recomputed { T::Yes } else { T::No }).to_owned()) }
                }
            </dl>
        </details>
        </>
    }
}

/// Properties of [`SentList`].
#[derive(Properties, PartialEq)]
pub struct SentProps {
    /// Language.
    pub lang: Lang,
    /// The page's services.
    pub host: Host,
}

/// The bundles sent from this browser, each revocable until it expires.
#[component]
pub fn SentList(props: &SentProps) -> Html {
    let lang = props.lang;
    let list = use_state(sent_bundles);
    let problem = use_state(|| None::<String>);
    if list.is_empty() {
        return html! { <p class="hint">{ t(lang, T::SentNone) }</p> };
    }
    let revoke = |sent: &SentBundle| {
        let (list, problem, host, bundle_id, signed_for) = (
            list.clone(),
            problem.clone(),
            props.host.clone(),
            sent.bundle_id.clone(),
            sent.signed_for.clone().unwrap_or_default(),
        );
        Callback::from(move |_| {
            let (list, problem, host, bundle_id, signed_for) = (
                list.clone(),
                problem.clone(),
                host.clone(),
                bundle_id.clone(),
                signed_for.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match revoke_bundle(&host, &bundle_id, &signed_for).await {
                    Ok(at) => {
                        let mut next = sent_bundles();
                        for entry in next.iter_mut().filter(|e| e.bundle_id == bundle_id) {
                            entry.revoked_at = Some(at);
                        }
                        save_sent_bundles(&next);
                        problem.set(None);
                        list.set(next);
                    }
                    Err(e) => problem.set(Some(fill(t(lang, T::RevokeFailed), &[&e]))),
                }
            });
        })
    };
    html! {
        <>
        if let Some(p) = &*problem { <p class="error" role="alert">{ p }</p> }
        <table class="sent">
            <thead><tr>
                <th scope="col">{ t(lang, T::ReceiptBundle) }</th>
                <th scope="col">{ t(lang, T::ReceiptInstitution) }</th>
                <th scope="col">{ t(lang, T::ReceiptAt) }</th>
                <th scope="col">{ t(lang, T::SentExpires) }</th>
                <th scope="col">{ t(lang, T::SentStatus) }</th>
            </tr></thead>
            <tbody>
                { for list.iter().map(|s| {
                    let products = s.products.iter().map(|p| label(lang, p)).collect::<Vec<_>>().join(", ");
                    html! {
                        <tr data-bundle={s.bundle_id.clone()}>
                            <th scope="row"><code>{ &s.bundle_id[..s.bundle_id.len().min(12)] }</code></th>
                            <td data-label={t(lang, T::ReceiptInstitution)}>{ label(lang, &s.institution_name) }<br/><span class="hint">{ products }</span></td>
                            <td data-label={t(lang, T::ReceiptAt)}>{ format::local_time(lang, &s.received_at) }</td>
                            <td data-label={t(lang, T::SentExpires)}>{ format::local_date(&s.expires_at) }</td>
                            <td data-label={t(lang, T::SentStatus)}>{ match s.revoked_at {
                                Some(at) => html! { <>{ t(lang, T::StatusRevoked) }{ " " }{ format::date(at) }</> },
                                None => html! {
                                    <>
                                    { t(lang, T::StatusActive) }{ " " }
                                    <button type="button" class="small revoke" onclick={revoke(s)}
                                        aria-label={format!("{} {}", t(lang, T::Revoke), s.bundle_id)}>{ t(lang, T::Revoke) }</button>
                                    </>
                                },
                            } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </>
    }
}

/// Signs a revocation with the key that signed the bundle (`signed_for`'s; empty: the shared key
/// of earlier versions) and sends it: the time it was made.
async fn revoke_bundle(host: &Host, bundle_id: &str, signed_for: &str) -> Result<i64, String> {
    let signer = host.merchant_key(signed_for).await?;
    let at = now();
    let envelope = signer
        .finish(consent::prepare_revocation(bundle_id, at, signer.public))
        .await?;
    match host.send("revocations", &envelope).await? {
        (200, _) => Ok(at),
        (status, body) => Err(serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
            .unwrap_or_else(|| format!("HTTP {status}"))),
    }
}
