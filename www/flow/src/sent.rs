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
}

/// The inbox's receipt.
#[component]
pub fn Receipt(props: &ReceiptProps) -> Html {
    let (lang, s) = (props.lang, &props.sent);
    let row =
        |term: T, value: String| html! { <div><dt>{ t(lang, term) }</dt><dd>{ value }</dd></div> };
    html! {
        <dl class="receipt facts">
            { row(T::ReceiptBundle, s.bundle_id.clone()) }
            { row(T::ReceiptInstitution, label(lang, &s.institution_name).to_owned()) }
            { row(T::ReceiptAt, s.received_at.clone()) }
            { row(T::SentExpires, s.expires_at.clone()) }
            { row(T::ReceiptSha, s.envelope_sha256.clone()) }
            if let Some(recomputed) = s.score_recomputed {
                { row(T::ReceiptRecomputed, t(lang, if recomputed { T::Yes } else { T::No }).to_owned()) }
            }
        </dl>
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
                            <td>{ label(lang, &s.institution_name) }<br/><span class="hint">{ products }</span></td>
                            <td>{ &s.received_at }</td>
                            <td>{ &s.expires_at }</td>
                            <td>{ match s.revoked_at {
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
