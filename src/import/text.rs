//! Text files as documents are written on Chinese desktops: UTF-8 (with or without a byte
//! order mark), UTF-16 with one (Notepad's "Unicode"), or GBK (Word's "plain text" on a
//! Chinese Windows). Decoding only; each format's reader does the rest.

use std::borrow::Cow;

use super::ReadError;

/// The file's text. UTF-8 first; a byte-order mark decides UTF-16; anything else that is
/// not UTF-8 is read as GBK (GB18030), the only other encoding such files come in.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(ReadError::Text)
        } else {
            Ok(text)
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadError::Text);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gbk_and_utf16_are_read() {
        assert_eq!(decode("序号".as_bytes()).unwrap(), "序号");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\xBA\x8F").unwrap(), "序");
        // 序号 in GBK.
        assert_eq!(decode(b"\xd0\xf2\xba\xc5").unwrap(), "序号");
        assert_eq!(decode(b"\xFF\xFEa\x00").unwrap(), "a");
    }
}
