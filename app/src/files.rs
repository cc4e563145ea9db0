//! Files people send: which kinds are taken, told by their content (never by the name or the
//! type the browser claims), how a file's name is kept, and how a stored file is served.

/// The kinds of document taken (an application's; a lab's results are PDFs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Docx,
    Xlsx,
    Odt,
}

/// The largest file taken, in bytes (10 MB).
pub const MAX_FILE: usize = 10 * 1024 * 1024;
/// The most files one application holds.
pub const MAX_FILES: usize = 20;
/// The longest file name kept, in characters.
const MAX_NAME: usize = 120;

impl FileType {
    /// What `bytes` hold, if it is one of the kinds taken: a PDF, or a Word, Excel or
    /// OpenDocument text file (ZIP packages told apart by the parts they contain).
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if infer::archive::is_pdf(bytes) {
            Some(FileType::Pdf)
        } else if infer::doc::is_docx(bytes) {
            Some(FileType::Docx)
        } else if infer::doc::is_xlsx(bytes) {
            Some(FileType::Xlsx)
        } else if infer::odf::is_odt(bytes) {
            Some(FileType::Odt)
        } else {
            None
        }
    }

    /// The extension a file of this kind is named with.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Odt => "odt",
        }
    }

    /// Its media type, as served.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Odt => "application/vnd.oasis.opendocument.text",
        }
    }
}

/// The name a browser sent for a file, made safe to show and keep: its last part, without
/// control characters or quotes, at most 120 characters, trimmed (empty when nothing is left).
pub fn sent_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = crate::text::clean(last)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(MAX_NAME)
        .collect();
    clean.trim().to_string()
}

/// The name a file is kept under: `sent_name`, ending with its kind's extension (added when
/// the name has another one, so a PDF is never saved as "budget.exe").
pub fn kept_name(sent: &str, kind: FileType) -> String {
    let clean = sent_name(sent);
    let extension = kind.extension();
    let has_extension = clean.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case(extension));
    let stem = if has_extension { clean[..clean.len() - extension.len() - 1].trim().to_string() } else { clean };
    let stem: String = stem.chars().take(MAX_NAME - extension.len() - 1).collect();
    let stem = if stem.trim().is_empty() { "tai-lieu".to_string() } else { stem.trim().to_string() };
    format!("{stem}.{extension}")
}

/// A form with one file as a browser posts it (multipart): its text fields and the file.
#[derive(Debug, Default)]
pub struct Posted {
    pub fields: Vec<(String, String)>,
    /// The file's name as the browser gave it.
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Posted {
    /// The text of field `name` (empty when it was not sent).
    pub fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Field `name` as a number (an id), if it is one.
    pub fn id(&self, name: &str) -> Option<i64> {
        self.field(name).trim().parse().ok()
    }
}

/// A problem with the posted file, for the form's file field.
pub fn file_error(message: &str) -> crate::error::AppError {
    crate::error::AppError::Validation(vec![crate::error::FieldError { field: "file".into(), message: message.into() }])
}

/// The routes of a domain that take files: bodies up to the file cap (and its form's fields).
pub fn taking_files(routes: axum::Router<crate::state::AppState>) -> axum::Router<crate::state::AppState> {
    routes.layer(axum::extract::DefaultBodyLimit::max(MAX_FILE + 64 * 1024))
}

/// A file form posted to `path`, as read, and what `attach` made of it (given the state, who
/// sent it, the form and the request's language). Anyone not signed in is sent back (to `anchor` on the
/// page they came from) before anything is read, so nobody signed out makes the server read a
/// file.
pub async fn receive(
    state: &crate::state::AppState,
    headers: &axum::http::HeaderMap,
    multipart: axum::extract::Multipart,
    path: &str,
    anchor: &str,
    attach: impl AsyncFnOnce(
        &crate::state::AppState,
        &crate::accounts::model::User,
        &Posted,
        crate::i18n::Lang,
    ) -> Result<(), crate::error::AppError>,
) -> Result<(Posted, Result<(), crate::error::AppError>), axum::response::Response> {
    let back = |err| crate::forms::kept::come_back(state, headers, path, Err(err), vec![], anchor);
    let user = match crate::accounts::session::user_of(&state.db, &state.site, headers).await {
        Ok(Some(user)) => user,
        Ok(None) => return Err(back(crate::error::AppError::Unauthorized)),
        Err(err) => {
            tracing::warn!("a file sent to {path}: the session could not be read");
            return Err(back(err));
        }
    };
    let lang = crate::i18n::lang_of(headers);
    let (posted, read) = read_form(multipart, lang).await;
    let outcome = match read {
        Ok(()) => attach(state, &user, &posted, lang).await,
        Err(err) => Err(err),
    };
    Ok((posted, outcome))
}

/// Reads a posted form: its text fields, and its one `file` part read whole, refused once it
/// passes `MAX_FILE` (or when a second file comes). What was read before a problem is kept, so
/// that the answer can say where the form came from.
async fn read_form(
    mut multipart: axum::extract::Multipart,
    lang: crate::i18n::Lang,
) -> (Posted, Result<(), crate::error::AppError>) {
    let mut posted = Posted::default();
    let too_large = || {
        file_error(
            lang.pick("Tệp lớn hơn 10 MB; hãy nén hoặc chia nhỏ.", "The file is over 10 MB; compress or split it."),
        )
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return (posted, Ok(())),
            // A body over the route's cap ends here too.
            Err(_) => return (posted, Err(too_large())),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name != "file" {
            let text = field.text().await.unwrap_or_default();
            posted.fields.push((name, text));
            continue;
        }
        if !posted.bytes.is_empty() {
            return (posted, Err(file_error(lang.pick("Chỉ gửi một tệp.", "Send one file."))));
        }
        posted.name = field.file_name().unwrap_or_default().to_string();
        let mut field = field;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if posted.bytes.len() + chunk.len() <= MAX_FILE => {
                    posted.bytes.extend_from_slice(&chunk)
                }
                Ok(None) => break,
                _ => return (posted, Err(too_large())),
            }
        }
    }
}

/// A stored file as a download: always saved, never shown inside the portal, never cached.
pub fn attachment(
    name: &str,
    media_type: &str,
    content: Vec<u8>,
) -> Result<axum::response::Response, crate::error::AppError> {
    use axum::http::{header, HeaderValue, StatusCode};
    use axum::response::IntoResponse;
    let disposition =
        format!("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii_name(name), crate::text::header_encode(name));
    let mut response = (StatusCode::OK, content).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, media_type.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "private, no-store".to_string()),
    ] {
        headers.insert(name, HeaderValue::from_str(&value).map_err(|_| crate::error::AppError::Internal)?);
    }
    Ok(response)
}

/// `name` for browsers that read only `filename`: letters without marks, others as `_`.
fn ascii_name(name: &str) -> String {
    crate::text::unmarked(name)
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP package (entries stored) whose first entry is `first`, then `_rels/.rels` and
    /// `parts`, as office programs write them.
    fn package(first: &str, first_body: &[u8], parts: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let part: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><part>a part of the package</part>";
        let mut entries = vec![(first, first_body), ("_rels/.rels", part)];
        entries.extend(parts.iter().map(|p| (*p, part)));
        for (name, body) in entries {
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&[0; 4]);
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(body);
        }
        out
    }

    #[test]
    fn kinds_are_told_by_content() {
        assert_eq!(FileType::sniff(b"%PDF-1.7\n%\xe2\xe3"), Some(FileType::Pdf));
        let docx = package("[Content_Types].xml", b"<Types/>", &["word/document.xml", "word/styles.xml"]);
        assert_eq!(FileType::sniff(&docx), Some(FileType::Docx));
        let xlsx = package("[Content_Types].xml", b"<Types/>", &["xl/workbook.xml", "xl/styles.xml"]);
        assert_eq!(FileType::sniff(&xlsx), Some(FileType::Xlsx));
        let odt = package("mimetype", b"application/vnd.oasis.opendocument.text", &["content.xml"]);
        assert_eq!(FileType::sniff(&odt), Some(FileType::Odt));
        assert_eq!(FileType::sniff(b"MZ\x90\x00 an executable"), None);
        assert_eq!(FileType::sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(FileType::sniff(&package("a.txt", b"x", &["b.txt", "c.txt"])), None, "a ZIP of something else");
        assert_eq!(FileType::sniff(b""), None);
    }

    #[test]
    fn names_keep_their_last_part_and_the_right_extension() {
        assert_eq!(kept_name("Thuyết minh đề tài.pdf", FileType::Pdf), "Thuyết minh đề tài.pdf");
        assert_eq!(kept_name("C:\\Users\\lan\\Dự toán.XLSX", FileType::Xlsx), "Dự toán.xlsx");
        assert_eq!(kept_name("../../etc/passwd", FileType::Pdf), "passwd.pdf");
        assert_eq!(kept_name("budget.exe", FileType::Pdf), "budget.exe.pdf");
        assert_eq!(kept_name("a\"b;\r\nc.odt", FileType::Odt), "abc.odt");
        assert_eq!(kept_name("", FileType::Docx), "tai-lieu.docx");
        assert_eq!(kept_name(&"x".repeat(500), FileType::Pdf).chars().count(), 120);
    }
}
