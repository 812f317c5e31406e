//! Reading a ledger's lines in large chunks at offsets, without holding the file.
//!
//! Owns [`ReadAt`] (a file, or bytes in memory), the pass over every complete line, and
//! re-reading one line by its offset. Knows nothing of what a line means.

use std::io;

/// Bytes read per call: large enough that a million-line ledger is a few hundred reads.
pub(super) const CHUNK: usize = 1 << 20;

/// Positional reads, so a pass needs no seek and can re-read a line by its offset.
pub trait ReadAt {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;

    /// The length, if known: only to size tables up front.
    fn len_hint(&self) -> Option<u64> {
        None
    }
}

impl ReadAt for std::fs::File {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(self, buf, offset)
    }

    fn len_hint(&self) -> Option<u64> {
        self.metadata().ok().map(|m| m.len())
    }
}

impl ReadAt for [u8] {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let n = buf.len().min(self.len() - start);
        buf[..n].copy_from_slice(&self[start..start + n]);
        Ok(n)
    }

    fn len_hint(&self) -> Option<u64> {
        Some(self.len() as u64)
    }
}

/// Where a pass over the lines stopped.
pub(super) struct End {
    /// Bytes read.
    pub len: u64,
    /// Lines ending in a newline.
    pub lines: usize,
    /// The offset after the last newline: bytes past it are an incomplete last line.
    pub complete: u64,
}

/// Calls `each(line, offset, line number)` for every line that ends in a newline (without
/// it), reading `chunk` bytes at a time.
pub(super) fn each_line<R: ReadAt + ?Sized>(
    src: &R,
    chunk: usize,
    mut each: impl FnMut(&[u8], u64, usize),
) -> io::Result<End> {
    let mut buf = vec![0u8; chunk.max(1)];
    let mut filled = 0; // bytes in `buf` not yet split into lines
    let mut base = 0; // file offset of buf[0]
    let mut line_no = 0;
    loop {
        if filled == buf.len() {
            // One line longer than the buffer: grow it rather than cut the line.
            buf.resize(buf.len() * 2, 0);
        }
        let n = read_full(src, &mut buf[filled..], base + filled as u64)?;
        let end = filled + n;
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', &buf[..end]) {
            line_no += 1;
            each(&buf[start..nl], base + start as u64, line_no);
            start = nl + 1;
        }
        if n == 0 {
            return Ok(End {
                len: base + end as u64,
                lines: line_no,
                complete: base + start as u64,
            });
        }
        buf.copy_within(start..end, 0);
        filled = end - start;
        base += start as u64;
    }
}

fn read_full<R: ReadAt + ?Sized>(src: &R, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match src.read_at(&mut buf[n..], offset + n as u64) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The line starting at `offset`, without its newline.
pub(super) fn line_at<R: ReadAt + ?Sized>(src: &R, offset: u64) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    let mut chunk = [0u8; 512];
    loop {
        let n = read_full(src, &mut chunk, offset + line.len() as u64)?;
        if let Some(end) = memchr::memchr(b'\n', &chunk[..n]) {
            line.extend_from_slice(&chunk[..end]);
            return Ok(line);
        }
        line.extend_from_slice(&chunk[..n]);
        if n < chunk.len() {
            return Ok(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any chunk size gives the lines `split` gives, at their offsets.
        #[test]
        fn lines_are_the_newline_separated_pieces(
            text in "[a\n]{0,40}",
            chunk in 1usize..8,
        ) {
            let bytes = text.as_bytes();
            let mut got = Vec::new();
            let end = each_line(bytes, chunk, |line, offset, no| {
                got.push((line.to_vec(), offset, no));
            })
            .unwrap();
            let mut want = Vec::new();
            let mut offset = 0;
            let pieces: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            for (no, piece) in pieces[..pieces.len() - 1].iter().enumerate() {
                want.push((piece.to_vec(), offset as u64, no + 1));
                offset += piece.len() + 1;
            }
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(end.lines, want.len());
            prop_assert_eq!(end.complete, offset as u64);
            prop_assert_eq!(end.len, bytes.len() as u64);
            for (line, offset, _) in &got {
                prop_assert_eq!(&line_at(bytes, *offset).unwrap(), line);
            }
        }
    }
}
