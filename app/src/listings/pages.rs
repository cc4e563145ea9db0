//! The record forms (new and edit) and the listing bar on a record's page.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{edit_listing, form_choices, ConfirmListing, ModerateListing, SaveListing, VerifyOrganization};
use super::model::{Choices, FieldChoices, FormValues};
use super::spec::{form, FormField, Input};
use crate::catalog::model::Kind;
use crate::error::AppError;
use crate::experts::{language_name, LANGUAGES};
use crate::forms::{invalid, last_result, typed, FieldMessage, FormStatus};
use crate::i18n::{use_lang, Lang};
use crate::notices::ErrorNotice;
use crate::notices::SignInFirst;

/// The heading of a new record's form.
pub fn new_heading(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Organization => lang.pick("Hồ sơ tổ chức", "Organization profile"),
        Kind::Lab => lang.pick("Thêm phòng thí nghiệm", "Add a lab"),
        Kind::Expert => lang.pick("Hồ sơ chuyên gia", "Expert profile"),
        Kind::Offer => lang.pick("Chào bán công nghệ", "Offer a technology"),
        Kind::Need => lang.pick("Đăng nhu cầu công nghệ", "Post a technology need"),
        Kind::Call => lang.pick("Tạo kêu gọi đề xuất", "Create a call for proposals"),
        Kind::Pilot => lang.pick("Tạo thử nghiệm có kiểm soát", "Create a sandbox pilot"),
    }
}

/// `/{kinds}/new`.
#[component]
pub fn NewListingPage(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let viewer = crate::accounts::pages::use_viewer();
    let choices = Resource::new(|| (), move |_| form_choices(kind));
    view! {
        <Title text=new_heading(kind, lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (viewer.await, choices.await) {
                    (Ok(crate::accounts::model::Viewer { user: Some(user), .. }), _)
                        if !super::rules::may_create(&user, kind) =>
                    {
                        let why = super::rules::cannot_create(&user, kind);
                        view! { <CannotCreate kind why/> }.into_any()
                    }
                    (Ok(crate::accounts::model::Viewer { user: Some(user), .. }), Ok(choices)) => {
                        let values = defaults(kind, user.organization, &choices);
                        view! {
                            <section class="form-page wide">
                                <h1>{new_heading(kind, lang)}</h1>
                                <RecordForm kind id=String::new() values choices draft=true/>
                            </section>
                        }.into_any()
                    }
                    (Ok(crate::accounts::model::Viewer { user: None, .. }), _) | (_, Err(AppError::Unauthorized)) => {
                        view! { <SignInFirst/> }.into_any()
                    }
                    (Err(err), _) | (_, Err(err)) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Instead of a form nobody could send: why this person cannot create a `kind`, and the way
/// forward (most often: their organization's profile first).
#[component]
fn CannotCreate(kind: Kind, why: Option<super::rules::CannotCreate>) -> impl IntoView {
    use super::rules::CannotCreate as Why;
    let lang = use_lang();
    let what = kind.label(lang).to_lowercase();
    let body = match why {
        Some(Why::NoOrganization) => view! {
            <p>{lang.pick(
                format!("Để đăng {what}, trước hết hãy tạo hồ sơ tổ chức của bạn: nhu cầu và công nghệ được đăng nhân danh tổ chức."),
                format!("To post a {what}, first create your organization's profile: needs and technologies are posted on an organization's behalf."),
            )}</p>
            <p><a class="button" href="/organizations/new">{lang.pick("Tạo hồ sơ tổ chức", "Create your organization's profile")}</a></p>
            <p class="hint">
                {lang.pick("Đã tạo bản nháp? Hãy đăng nó ở trang ", "Already drafted it? Publish it from ")}
                <a href="/mine">{lang.pick("Hồ sơ của tôi", "My listings")}</a>"."
            </p>
        }
        .into_any(),
        Some(Why::HasOrganization(organization)) => view! {
            <p>
                {lang.pick("Bạn đã thuộc một tổ chức: ", "You already belong to an organization: ")}
                <a href=format!("/organizations/{organization}")>{lang.pick("xem hồ sơ tổ chức", "see its profile")}</a>"."
            </p>
        }
        .into_any(),
        _ => view! {
            <p>{lang.pick(
                "Tài khoản của bạn không đăng được loại hồ sơ này: nhu cầu do thành viên của một tổ chức đăng; phòng thí nghiệm và hồ sơ chuyên gia do nhà nghiên cứu đăng; kêu gọi và thử nghiệm do Sở KH&CN đăng.",
                "Your account cannot post this kind of listing: needs are posted by members of an organization; labs and expert profiles by researchers; calls and pilots by the Department of Science and Technology.",
            )}</p>
            <p><a href="/account">{lang.pick("Xem tài khoản của bạn", "See your account")}</a></p>
        }
        .into_any(),
    };
    view! {
        <section class="form-page">
            <h1>{new_heading(kind, lang)}</h1>
            {body}
        </section>
    }
}

/// A new record's form starts with the person's organization where the record names one, and
/// with their lab or expert profile where it is the only one they may name.
fn defaults(kind: Kind, organization: Option<String>, choices: &Choices) -> FormValues {
    let mut values = FormValues::default();
    let field = match kind {
        Kind::Need | Kind::Lab | Kind::Expert => Some("organization"),
        Kind::Offer => Some("owner_org"),
        _ => None,
    };
    if let (Some(field), Some(org)) = (field, organization) {
        values.text.insert(field.into(), org);
    }
    for (name, field) in &choices.fields {
        if let [(id, _)] = field.options.as_slice() {
            if field.closed {
                values.text.insert(name.clone(), id.clone());
            }
        }
    }
    values
}

/// `/{kinds}/:id/edit`.
#[component]
pub fn EditListingPage(kind: Kind) -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, move |id| edit_listing(kind, id));
    let choices = Resource::new(|| (), move |_| form_choices(kind));
    view! {
        <Title text=lang.pick("Sửa hồ sơ", "Edit listing")/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match (data.await, choices.await) {
                    (Ok(editing), Ok(choices)) => view! {
                        <section class="form-page wide">
                            <h1>{lang.pick("Sửa: ", "Edit: ")}{kind.label(lang)}</h1>
                            <RecordForm kind id=id() values=editing.values choices draft=editing.draft/>
                        </section>
                    }.into_any(),
                    (Err(AppError::Unauthorized), _) => view! { <SignInFirst/> }.into_any(),
                    (Err(err), _) | (_, Err(err)) => view! { <ErrorNotice error=err/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A record's form; the server checks every field and says what is wrong next to it, and a
/// refused form comes back with what was typed.
#[component]
fn RecordForm(kind: Kind, id: String, values: FormValues, choices: Choices, draft: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveListing>::new();
    let result = last_result(action);
    let typed = typed::<SaveListing>();
    let values = if typed.is_empty() { values } else { FormValues::from_pairs(&typed.0) };
    let fields = form(kind)
        .iter()
        .map(|field| view! { <FormInput field=*field values=values.clone() choices=choices.clone() result/> })
        .collect_view();
    let draft_button = draft.then(|| view! { <button type="submit" name="save" value="draft" class="button-link" formnovalidate=true>{lang.pick("Lưu nháp", "Save draft")}</button> });
    view! {
        <FormStatus result/>
        <ActionForm action attr:class="stack-form record-form">
            <input type="hidden" name="kind" value=kind.code()/>
            <input type="hidden" name="id" value=id/>
            {fields}
            <div class="form-actions">
                <button type="submit" name="save" value="publish">{lang.pick("Đăng công khai", "Publish")}</button>
                {draft_button}
            </div>
        </ActionForm>
    }
}

/// One field of a record form.
#[component]
fn FormInput(
    field: FormField,
    values: FormValues,
    choices: Choices,
    result: Signal<Option<Result<(), AppError>>>,
) -> impl IntoView {
    let lang = use_lang();
    let name = field.name;
    let text = values.text.get(name).cloned().unwrap_or_default();
    let input_name = format!("text[{name}]");
    let label = if field.required { format!("{} *", field.label(lang)) } else { field.label(lang).to_string() };
    let described = format!("{name}-error");
    let control = match field.input {
        Input::Line => view! { <input id=name name=input_name value=text maxlength="300" required=field.required aria-invalid=invalid(result, name) aria-describedby=described/> }.into_any(),
        Input::Ref(_) => {
            let field_choices = choices.fields.get(name).cloned().unwrap_or_default();
            reference_control(name, input_name, text, field_choices, field.required, lang)
        }
        Input::Number => view! { <input id=name name=input_name value=text inputmode="numeric" required=field.required aria-invalid=invalid(result, name) aria-describedby=described/> }.into_any(),
        Input::Date => view! { <input id=name name=input_name value=text type="date" required=field.required aria-invalid=invalid(result, name) aria-describedby=described/> }.into_any(),
        Input::Area | Input::Lines => view! { <textarea id=name name=input_name rows="5" required=field.required aria-invalid=invalid(result, name) aria-describedby=described>{text}</textarea> }.into_any(),
        Input::Trl => {
            let options = (1..=9u8).map(|n| {
                let selected = text == n.to_string();
                view! { <option value=n.to_string() selected=selected>{crate::catalog::model::trl_text(n, lang)}</option> }
            }).collect_view();
            view! { <select id=name name=input_name required=field.required><option value="">"—"</option>{options}</select> }.into_any()
        }
        Input::Choice(facet) => {
            let options = facet.codes().into_iter().map(|code| {
                let selected = text == code;
                view! { <option value=code selected=selected>{facet.value_label(code, lang)}</option> }
            }).collect_view();
            view! { <select id=name name=input_name required=field.required><option value="">"—"</option>{options}</select> }.into_any()
        }
        Input::Rows => return view! { <super::rows_form::RowsField field values result/> }.into_any(),
        Input::Checks(_) | Input::Languages => {
            let chosen = values.list.get(name).cloned().unwrap_or_default();
            // Each box's code and name; a language not in the usual list stays, by its code.
            let boxes: Vec<(String, String)> = match field.input {
                Input::Checks(facet) => {
                    facet.codes().into_iter().map(|c| (c.to_string(), facet.value_label(c, lang).to_string())).collect()
                }
                _ => LANGUAGES
                    .iter()
                    .map(|c| c.to_string())
                    .chain(chosen.iter().filter(|c| !LANGUAGES.contains(&c.as_str())).cloned())
                    .map(|c| (c.clone(), language_name(&c, lang)))
                    .collect(),
            };
            let boxes = boxes.into_iter().map(|(code, text)| {
                let checked = chosen.contains(&code);
                view! { <label class="check"><input type="checkbox" name=format!("list[{name}][]") value=code checked=checked/>" "{text}</label> }
            }).collect_view();
            return view! {
                <fieldset class="check-field" id=name aria-describedby=described>
                    <legend>{label}</legend>
                    <div class="check-grid">{boxes}</div>
                    <FieldMessage result field=name/>
                </fieldset>
            }.into_any();
        }
    };
    view! {
        <div class="form-field">
            <label for=name>{label}</label>
            {control}
            <FieldMessage result field=name/>
        </div>
    }
    .into_any()
}

/// A reference field: the person's own records to pick from (`closed`), or a box to type a
/// name into with the names it may take as suggestions (a `datalist`: no script needed).
fn reference_control(
    name: &'static str,
    input_name: String,
    value: String,
    choices: FieldChoices,
    required: bool,
    lang: Lang,
) -> AnyView {
    let described = format!("{name}-error");
    if choices.closed {
        let options = choices
            .options
            .into_iter()
            .map(|(id, label)| {
                let selected = id == value;
                view! { <option value=id selected=selected>{label}</option> }
            })
            .collect_view();
        return view! {
            <select id=name name=input_name required=required aria-describedby=described><option value="">"—"</option>{options}</select>
        }
        .into_any();
    }
    // An id (a stored record, or a default) shows as its name.
    let shown = choices.options.iter().find(|(id, _)| *id == value).map(|(_, label)| label.clone()).unwrap_or(value);
    let list = format!("{name}-choices");
    let options = choices.options.into_iter().map(|(_, label)| view! { <option value=label></option> }).collect_view();
    view! {
        <input id=name name=input_name value=shown list=list.clone() autocomplete="off" maxlength="300" required=required aria-describedby=described/>
        <datalist id=list>{options}</datalist>
        <p class="hint">{lang.pick("Gõ vài chữ của tên rồi chọn trong danh sách.", "Type part of the name and choose from the list.")}</p>
    }
    .into_any()
}

/// On a record's page: when it was confirmed, whether it is verified, and the owner's and
/// officers' actions. Each posts and comes back to the page, which shows its effect (hiding
/// goes to the list instead: the record is gone from it), or why it was refused.
#[component]
pub fn ListingBar(kind: Kind, id: String, meta: super::model::ListingMeta) -> impl IntoView {
    let lang = use_lang();
    let confirm = ServerAction::<ConfirmListing>::new();
    let verify = ServerAction::<VerifyOrganization>::new();
    let moderate = ServerAction::<ModerateListing>::new();
    let refused = [last_result(confirm), last_result(verify), last_result(moderate)];
    // What is not public has nothing current to confirm.
    let confirmed = meta.confirmed_at.as_ref().filter(|_| !meta.preview).map(|at| view! {
        <span class="confirmed">{format!("{}{}", lang.pick("Xác nhận lần cuối: ", "Last confirmed: "), lang.day(at))}</span>
    });
    let verified = meta
        .verified
        .then(|| view! { <span class="badge badge-positive">{lang.pick("Đã xác minh", "Verified")}</span> });
    let edit = meta.editable.then(|| {
        let id = id.clone();
        view! {
            <a class="button-link" href=format!("{}/{}/edit", kind.path(), id)>{lang.pick("Sửa", "Edit")}</a>
            // Confirming does not publish: not offered on a preview.
            {(!meta.preview).then(|| view! {
                <ActionForm action=confirm attr:class="inline-form">
                    <input type="hidden" name="kind" value=kind.code()/>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button-link">{lang.pick("Xác nhận còn hiệu lực", "Confirm it is current")}</button>
                </ActionForm>
            })}
        }
    });
    let verify_id = id.clone();
    let verify_form = (meta.can_verify && !meta.preview).then(move || {
        view! {
            <ActionForm action=verify attr:class="inline-form">
                <input type="hidden" name="id" value=verify_id/>
                <button type="submit">{lang.pick("Xác minh tổ chức", "Verify organization")}</button>
            </ActionForm>
        }
    });
    let hide_form = (meta.can_moderate && !meta.preview).then(|| {
        view! {
            <ActionForm action=moderate attr:class="reason-form">
                <input type="hidden" name="kind" value=kind.code()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="hidden" value="true"/>
                <label for="hide-reason">{lang.pick("Lý do ẩn", "Reason to hide")}</label>
                <input id="hide-reason" name="reason" required maxlength="500"/>
                <button type="submit" class="button-link">{lang.pick("Ẩn khỏi cổng", "Hide from the portal")}</button>
            </ActionForm>
        }
    });
    let status = refused.map(|result| view! { <FormStatus result/> });
    view! { {status}<div class="listing-bar">{verified}{confirmed}{edit}{verify_form}{hide_form}</div> }
}
