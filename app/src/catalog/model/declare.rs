//! How a kind declares its record (`record!`): what every kind stores alike, written once.

/// Declares a kind's record: its `id`, then its two texts in the records format's three
/// languages (as written, in English, in Vietnamese: `title`, `title_en`, `title_vi`), with
/// any fields the format puts `between` them, then the kind's own fields. The struct, its
/// serde form (absent translations are left out) and its OpenAPI schema come from here, so
/// the kinds declare only what is theirs.
macro_rules! record {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            texts($title:ident, $title_en:ident, $title_vi:ident),
            $(between { $($(#[$between_attr:meta])* pub $between:ident: $between_ty:ty,)* })?
            texts($text:ident, $text_en:ident, $text_vi:ident),
            $($(#[$field_attr:meta])* pub $field:ident: $field_ty:ty,)*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        pub struct $name {
            pub id: String,
            pub $title: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub $title_en: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub $title_vi: Option<String>,
            $($($(#[$between_attr])* pub $between: $between_ty,)*)?
            pub $text: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub $text_en: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub $text_vi: Option<String>,
            $($(#[$field_attr])* pub $field: $field_ty,)*
        }
    };
}
pub(crate) use record;
