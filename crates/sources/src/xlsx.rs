//! A lean reader for the worksheets of an xlsx file: the zip entries are inflated once and
//! the sheet XML is scanned with `memchr` for `<row>` and `<c>` elements, keeping cells as
//! small values that point into the shared-string table instead of allocating a `String` per
//! cell. BLS, NCES and Census workbooks are plain tables (values, shared strings, a few
//! inline strings), which this covers; anything it does not understand makes it step aside
//! for calamine, which reads the full format.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use memchr::memmem;

/// Why the fast path cannot read a workbook (the caller falls back to calamine).
#[derive(Debug)]
pub struct Unsupported(pub String);

fn unsupported(what: impl Into<String>) -> Unsupported {
    Unsupported(what.into())
}

/// All shared strings of a workbook, in one buffer.
#[derive(Debug, Default)]
pub struct SharedStrings {
    text: String,
    spans: Vec<(u32, u32)>,
}

impl SharedStrings {
    pub fn get(&self, i: u32) -> Option<&str> {
        self.spans.get(i as usize).map(|&(a, b)| &self.text[a as usize..b as usize])
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Parses `xl/sharedStrings.xml`: each `<si>` is the concatenation of its `<t>` texts,
    /// phonetic runs (`<rPh>`) left out.
    pub fn parse(xml: &[u8]) -> Result<SharedStrings, Unsupported> {
        let mut out =
            SharedStrings { text: String::with_capacity(xml.len() / 2), spans: Vec::new() };
        let mut pos = 0;
        let si_open = memmem::Finder::new(b"<si");
        while let Some(i) = si_open.find(&xml[pos..]) {
            let start = pos + i;
            let after = xml.get(start + 3).copied();
            if !matches!(after, Some(b'>' | b' ' | b'/')) {
                pos = start + 3;
                continue;
            }
            let head_end = start
                + memchr::memchr(b'>', &xml[start..])
                    .ok_or_else(|| unsupported("unterminated <si>"))?;
            let text_start = out.text.len() as u32;
            if xml[head_end - 1] == b'/' {
                out.spans.push((text_start, text_start));
                pos = head_end + 1;
                continue;
            }
            let end = head_end
                + memmem::find(&xml[head_end..], b"</si>")
                    .ok_or_else(|| unsupported("unterminated <si>"))?;
            append_t_texts(&xml[head_end + 1..end], &mut out.text)?;
            out.spans.push((text_start, out.text.len() as u32));
            pos = end + 5;
        }
        Ok(out)
    }
}

/// Appends the contents of every `<t>` element of `xml` (skipping `<rPh>` runs), unescaped.
fn append_t_texts(xml: &[u8], out: &mut String) -> Result<(), Unsupported> {
    let mut pos = 0;
    while let Some(i) = memchr::memchr(b'<', &xml[pos..]) {
        let start = pos + i;
        let rest = &xml[start..];
        if rest.starts_with(b"<rPh") {
            let end =
                find_short(rest, b"</rPh>").ok_or_else(|| unsupported("unterminated <rPh>"))?;
            pos = start + end + 6;
            continue;
        }
        if rest.starts_with(b"<t") && matches!(rest.get(2), Some(b'>' | b' ' | b'/')) {
            let head_end =
                memchr::memchr(b'>', rest).ok_or_else(|| unsupported("unterminated <t>"))?;
            if rest[head_end - 1] == b'/' {
                pos = start + head_end + 1;
                continue;
            }
            let body = &rest[head_end + 1..];
            let end = find_short(body, b"</t>").ok_or_else(|| unsupported("unterminated <t>"))?;
            unescape_into(&body[..end], out)?;
            pos = start + head_end + 1 + end + 4;
            continue;
        }
        pos = start + 1;
    }
    Ok(())
}

/// Decodes XML entities and OOXML's `_xHHHH_` escapes into `out`.
pub fn unescape_into(raw: &[u8], out: &mut String) -> Result<(), Unsupported> {
    let text = std::str::from_utf8(raw).map_err(|_| unsupported("text is not UTF-8"))?;
    if !text.contains(['&', '_']) {
        out.push_str(text);
        return Ok(());
    }
    let mut rest = text;
    while let Some(i) = rest.find(['&', '_']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('_') {
            // `_x000D_`: a character Excel could not write literally.
            let code = tail
                .get(1..6)
                .filter(|h| h.starts_with('x') && tail.as_bytes().get(6) == Some(&b'_'))
                .and_then(|h| u32::from_str_radix(&h[1..], 16).ok())
                .and_then(char::from_u32);
            match code {
                Some(c) => {
                    out.push(c);
                    rest = &tail[7..];
                }
                None => {
                    out.push('_');
                    rest = after;
                }
            }
            continue;
        }
        let semi = tail.find(';').ok_or_else(|| unsupported("unterminated entity"))?;
        let entity = &tail[1..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| unsupported("bad character reference"))?,
            e if e.starts_with('#') => e[1..]
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| unsupported("bad character reference"))?,
            _ => return Err(unsupported(format!("unknown entity &{entity};"))),
        };
        out.push(c);
        rest = &tail[semi + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// One cell of a fast-read sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum XCell {
    Empty,
    /// Index into the workbook's shared strings.
    Shared(u32),
    /// A span of the sheet's own text buffer (inline and formula strings).
    Text(u32, u32),
    Number(f64),
    Bool(bool),
    /// An Excel error value (`#N/A`).
    Error,
}

/// A worksheet read by the fast path: dense rows from column A.
#[derive(Debug)]
pub struct Sheet {
    cells: Vec<XCell>,
    /// (1-based row number, start of its cells in `cells`).
    rows: Vec<(u32, u32)>,
    text: String,
    shared: Arc<SharedStrings>,
}

impl Sheet {
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The cells of the `i`-th non-empty row and its 1-based number.
    pub fn row(&self, i: usize) -> (u32, &[XCell]) {
        let (number, start) = self.rows[i];
        let end = self.rows.get(i + 1).map(|r| r.1).unwrap_or(self.cells.len() as u32);
        (number, &self.cells[start as usize..end as usize])
    }

    /// The text of a string cell.
    pub fn text(&self, c: &XCell) -> Option<&str> {
        match *c {
            XCell::Shared(i) => self.shared.get(i),
            XCell::Text(a, b) => Some(&self.text[a as usize..b as usize]),
            _ => None,
        }
    }

    /// Parses a worksheet part. Rows without cells are left out.
    pub fn parse(xml: &[u8], shared: Arc<SharedStrings>) -> Result<Sheet, Unsupported> {
        let mut sheet = Sheet {
            cells: Vec::with_capacity(xml.len() / 40),
            rows: Vec::new(),
            text: String::new(),
            shared,
        };
        let data_start =
            memmem::find(xml, b"<sheetData").ok_or_else(|| unsupported("no <sheetData>"))?;
        let data_end = memmem::rfind(xml, b"</sheetData>").unwrap_or(xml.len());
        if data_end < data_start {
            return Err(unsupported("malformed <sheetData>"));
        }
        let xml = &xml[data_start..data_end];
        let row_finder = memmem::Finder::new(b"<row");
        let row_end = memmem::Finder::new(b"</row>");
        let mut pos = 0;
        let mut last_row = 0u32;
        while let Some(i) = row_finder.find(&xml[pos..]) {
            let start = pos + i;
            let head_end = start
                + memchr::memchr(b'>', &xml[start..])
                    .ok_or_else(|| unsupported("unterminated <row>"))?;
            let head = &xml[start..head_end];
            let number = match attr(head, b" r=\"") {
                Some(r) => parse_u32(r).ok_or_else(|| unsupported("bad row number"))?,
                None => last_row + 1,
            };
            if number <= last_row {
                return Err(unsupported("rows out of order"));
            }
            last_row = number;
            if head.ends_with(b"/") {
                pos = head_end + 1;
                continue;
            }
            let body_end = head_end
                + row_end
                    .find(&xml[head_end..])
                    .ok_or_else(|| unsupported("unterminated <row>"))?;
            let row_start = sheet.cells.len();
            sheet.parse_cells(&xml[head_end + 1..body_end], row_start)?;
            if sheet.cells.len() > row_start {
                sheet.rows.push((number, row_start as u32));
            }
            pos = body_end + 6;
        }
        Ok(sheet)
    }

    fn parse_cells(&mut self, xml: &[u8], row_start: usize) -> Result<(), Unsupported> {
        let mut pos = 0;
        let mut next_col = 0usize;
        while let Some(i) = memchr::memchr(b'<', &xml[pos..]) {
            let start = pos + i;
            let rest = &xml[start..];
            if !(rest.starts_with(b"<c") && matches!(rest.get(2), Some(b' ' | b'>' | b'/'))) {
                pos = start + 1;
                continue;
            }
            let head_end =
                memchr::memchr(b'>', rest).ok_or_else(|| unsupported("unterminated <c>"))?;
            let head = &rest[..head_end];
            let col = match attr(head, b" r=\"") {
                Some(r) => column_index(r).ok_or_else(|| unsupported("bad cell reference"))?,
                None => next_col,
            };
            if col < next_col || col > 16_384 {
                return Err(unsupported("cells out of order"));
            }
            next_col = col + 1;
            let kind = attr(head, b" t=\"").unwrap_or(b"n");
            let (body, consumed) = if head.ends_with(b"/") {
                (&rest[..0], head_end + 1)
            } else {
                let end = find_short(&rest[head_end..], b"</c>")
                    .ok_or_else(|| unsupported("unterminated <c>"))?;
                (&rest[head_end + 1..head_end + end], head_end + end + 4)
            };
            pos = start + consumed;
            let cell = self.cell(kind, body)?;
            if cell == XCell::Empty {
                continue;
            }
            // Fill the gap up to this column so that rows stay dense.
            let have = self.cells.len() - row_start;
            self.cells.extend(std::iter::repeat_n(XCell::Empty, col - have));
            self.cells.push(cell);
        }
        Ok(())
    }

    fn cell(&mut self, kind: &[u8], body: &[u8]) -> Result<XCell, Unsupported> {
        let value = || -> Option<&[u8]> {
            let i = find_short(body, b"<v")?;
            let open_end = i + memchr::memchr(b'>', &body[i..])?;
            if body[open_end - 1] == b'/' {
                return None;
            }
            let end = open_end + find_short(&body[open_end..], b"</v>")?;
            Some(&body[open_end + 1..end])
        };
        Ok(match kind {
            b"s" => match value() {
                Some(v) => {
                    let i = parse_u32(v).ok_or_else(|| unsupported("bad shared string index"))?;
                    if i as usize >= self.shared.len() {
                        return Err(unsupported("shared string index out of range"));
                    }
                    XCell::Shared(i)
                }
                None => XCell::Empty,
            },
            b"n" => match value() {
                Some(v) => {
                    let s =
                        std::str::from_utf8(v).map_err(|_| unsupported("number is not UTF-8"))?;
                    XCell::Number(s.trim().parse().map_err(|_| unsupported("bad number"))?)
                }
                None => XCell::Empty,
            },
            b"b" => match value() {
                Some(v) => XCell::Bool(v == b"1"),
                None => XCell::Empty,
            },
            b"e" => XCell::Error,
            b"str" => match value() {
                Some(v) => self.push_text(|out| unescape_into(v, out))?,
                None => XCell::Empty,
            },
            b"inlineStr" => self.push_text(|out| append_t_texts(body, out))?,
            // Dates (`d`) and anything newer: let calamine handle the workbook.
            other => {
                return Err(unsupported(format!("cell type {:?}", String::from_utf8_lossy(other))));
            }
        })
    }

    fn push_text(
        &mut self,
        f: impl FnOnce(&mut String) -> Result<(), Unsupported>,
    ) -> Result<XCell, Unsupported> {
        let a = self.text.len();
        f(&mut self.text)?;
        let b = self.text.len();
        Ok(if a == b { XCell::Empty } else { XCell::Text(a as u32, b as u32) })
    }
}

/// Finds a short needle: `memchr` on its first byte, then a comparison. Cheaper than
/// building a `memmem` searcher for every search in small haystacks.
fn find_short(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut pos = 0;
    while let Some(i) = memchr::memchr(first, &hay[pos..]) {
        let at = pos + i;
        if hay[at + 1..].starts_with(rest) {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// The value of attribute `key` (given as ` name="`) in an element head.
fn attr<'a>(head: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let i = find_short(head, key)? + key.len();
    let end = i + memchr::memchr(b'"', &head[i..])?;
    Some(&head[i..end])
}

fn parse_u32(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0')))
}

/// `AB12` → 27 (0-based column).
fn column_index(r: &[u8]) -> Option<usize> {
    let letters = r.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    Some(r[..letters].iter().fold(0usize, |a, b| a * 26 + usize::from(b - b'A' + 1)) - 1)
}

/// An xlsx workbook opened for the fast path.
pub struct Book {
    zip: zip::ZipArchive<std::fs::File>,
    /// (sheet name, part path inside the zip), in workbook order.
    sheets: Vec<(String, String)>,
    shared: Arc<SharedStrings>,
}

fn read_entry(
    zip: &mut zip::ZipArchive<std::fs::File>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut buf = Vec::with_capacity(f.size().min(256 << 20) as usize);
    f.read_to_end(&mut buf).map_err(|e| e.to_string())?;
    Ok(Some(buf))
}

/// What opening a workbook on the fast path gave.
pub enum Opened {
    Book(Book),
    /// The file is not a zip or is damaged: a real error, with the zip library's words.
    Broken(String),
    /// A valid workbook the fast path does not cover.
    Unsupported(Unsupported),
}

impl Book {
    pub fn open(path: &Path) -> Opened {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return Opened::Broken(e.to_string()),
        };
        let mut zip = match zip::ZipArchive::new(file) {
            Ok(z) => z,
            Err(e) => return Opened::Broken(e.to_string()),
        };
        match Book::index(&mut zip) {
            Ok(Ok((sheets, shared))) => {
                Opened::Book(Book { zip, sheets, shared: Arc::new(shared) })
            }
            Ok(Err(u)) => Opened::Unsupported(u),
            Err(broken) => Opened::Broken(broken),
        }
    }

    #[allow(clippy::type_complexity)]
    fn index(
        zip: &mut zip::ZipArchive<std::fs::File>,
    ) -> Result<Result<(Vec<(String, String)>, SharedStrings), Unsupported>, String> {
        let Some(workbook) = read_entry(zip, "xl/workbook.xml")? else {
            return Ok(Err(unsupported("no xl/workbook.xml")));
        };
        let Some(rels) = read_entry(zip, "xl/_rels/workbook.xml.rels")? else {
            return Ok(Err(unsupported("no workbook relationships")));
        };
        let mut targets = Vec::new();
        let mut shared_path = None;
        let mut pos = 0;
        while let Some(i) = memmem::find(&rels[pos..], b"<Relationship ") {
            let start = pos + i;
            let Some(end) = memchr::memchr(b'>', &rels[start..]) else { break };
            let head = &rels[start..start + end];
            let (Some(id), Some(target), Some(ty)) =
                (attr(head, b" Id=\""), attr(head, b" Target=\""), attr(head, b" Type=\""))
            else {
                return Ok(Err(unsupported("relationship without Id, Target or Type")));
            };
            let target = String::from_utf8_lossy(target);
            let target = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            if ty.ends_with(b"/sharedStrings") {
                shared_path = Some(target.clone());
            }
            targets.push((id.to_vec(), target));
            pos = start + end;
        }
        let mut sheets = Vec::new();
        let mut pos = 0;
        while let Some(i) = memmem::find(&workbook[pos..], b"<sheet ") {
            let start = pos + i;
            let Some(end) = memchr::memchr(b'>', &workbook[start..]) else { break };
            let head = &workbook[start..start + end];
            let (Some(name), Some(id)) = (attr(head, b" name=\""), attr(head, b" r:id=\"")) else {
                return Ok(Err(unsupported("sheet without name or r:id")));
            };
            let mut decoded = String::new();
            if let Err(u) = unescape_into(name, &mut decoded) {
                return Ok(Err(u));
            }
            let Some((_, target)) = targets.iter().find(|(tid, _)| tid == id) else {
                return Ok(Err(unsupported("sheet relationship not found")));
            };
            sheets.push((decoded, target.clone()));
            pos = start + end;
        }
        let shared = match shared_path {
            Some(p) => match read_entry(zip, &p)? {
                Some(xml) => match SharedStrings::parse(&xml) {
                    Ok(s) => s,
                    Err(u) => return Ok(Err(u)),
                },
                None => SharedStrings::default(),
            },
            None => SharedStrings::default(),
        };
        Ok(Ok((sheets, shared)))
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    /// Reads one sheet: `Err(Ok(u))` when unsupported, `Err(Err(msg))` when damaged.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, Result<Unsupported, String>> {
        let Some((_, part)) = self.sheets.iter().find(|(n, _)| n == name) else {
            return Err(Err(format!("no sheet {name:?}")));
        };
        let part = part.clone();
        let xml = read_entry(&mut self.zip, &part)
            .map_err(Err)?
            .ok_or_else(|| Err(format!("missing part {part}")))?;
        Sheet::parse(&xml, self.shared.clone()).map_err(Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_with_runs_and_entities() {
        let xml = br#"<sst><si><t>Plain &amp; simple</t></si><si><r><rPr/><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh><t>ignored</t></rPh></si><si/><si><t>line_x000D_</t></si></sst>"#;
        let s = SharedStrings::parse(xml).unwrap();
        assert_eq!(s.len(), 4);
        assert_eq!(s.get(0), Some("Plain & simple"));
        assert_eq!(s.get(1), Some("Rich text"));
        assert_eq!(s.get(2), Some(""));
        assert_eq!(s.get(3), Some("line\r"));
    }

    #[test]
    fn sheet_cells_and_gaps() {
        let shared = Arc::new(SharedStrings::parse(b"<sst><si><t>code</t></si></sst>").unwrap());
        let xml = br#"<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>1.5</v></c><c r="D2" t="inlineStr"><is><t>x&lt;y</t></is></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c></row><row r="3"/><row r="4"><c r="B4" t="str"><f>A1</f><v>f</v></c></row></sheetData></worksheet>"#;
        let s = Sheet::parse(xml, shared).unwrap();
        assert_eq!(s.row_count(), 2);
        let (n, cells) = s.row(0);
        assert_eq!(n, 2);
        assert_eq!(s.text(&cells[0]), Some("code"));
        assert_eq!(cells[1], XCell::Empty);
        assert_eq!(cells[2], XCell::Number(1.5));
        assert_eq!(s.text(&cells[3]), Some("x<y"));
        assert_eq!(cells[4], XCell::Bool(true));
        assert_eq!(cells[5], XCell::Error);
        let (n, cells) = s.row(1);
        assert_eq!(n, 4);
        assert_eq!(s.text(&cells[1]), Some("f"));
    }

    #[test]
    fn out_of_range_and_unknown_types_step_aside() {
        let shared = Arc::new(SharedStrings::default());
        assert!(
            Sheet::parse(
                br#"<sheetData><row><c t="s"><v>3</v></c></row></sheetData>"#,
                shared.clone()
            )
            .is_err()
        );
        assert!(
            Sheet::parse(
                br#"<sheetData><row><c t="d"><v>2024-01-01</v></c></row></sheetData>"#,
                shared.clone()
            )
            .is_err()
        );
        assert!(
            Sheet::parse(br#"<sheetData><row r="2"/><row r="1"/></sheetData>"#, shared).is_err()
        );
    }

    #[test]
    fn columns() {
        assert_eq!(column_index(b"A1"), Some(0));
        assert_eq!(column_index(b"Z9"), Some(25));
        assert_eq!(column_index(b"AA10"), Some(26));
        assert_eq!(column_index(b"AF3"), Some(31));
        assert_eq!(column_index(b"12"), None);
    }
}
