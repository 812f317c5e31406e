#!/usr/bin/env bash
# Regenerates the office files under tests/fixtures/import/ from the HTML pages there
# (seed-two-tables.html, cross-year.html; fixtures themselves) with LibreOffice
# (soffice). Tests never need LibreOffice: the files it makes are committed. Run from
# anywhere; needs `soffice` on PATH.
#
# The sources are tables of real public documents: the seed's 实施方案 (a form and the
# schedule, whose steps 5 and 6 share a time and a task cell) and a school's 2009学年后勤
# 工作计划 (September to January, one time cell 待定). Writer makes the .docx files (Word
# tables, merges as w:vMerge/w:gridSpan); Calc makes the sheets as it lays out a pasted page:
# title rows above, both tables on one sheet, merged cells across rows and columns; its
# text export makes the .csv/.tsv (UTF-8, quoted, title rows kept). LibreOffice 7.4 has no
# Markdown export: seed-table.md is the seed's schedule typed as a GitHub pipe table
# (merged cells written out in each row, as Markdown has none).
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/import"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
convert() { # convert SOURCE FILTER EXT TARGET
    soffice --headless --infilter="HTML (StarWriter)" --convert-to "$2" --outdir "$out" "$1" >/dev/null
    mv "$out/${1%.html}.$3" "$4"
}
convert_calc() { # convert_calc SOURCE FILTER EXT TARGET
    soffice --headless --infilter="HTML (StarCalc)" --convert-to "$2" --outdir "$out" "$1" >/dev/null
    mv "$out/${1%.html}.$3" "$4"
}
convert_text() { # convert_text SOURCE SEPARATOR EXT TARGET (separator as a character code)
    soffice --headless --infilter="HTML (StarCalc)" \
        --convert-to "$3:Text - txt - csv (StarCalc):$2,34,76,1" --outdir "$out" "$1" >/dev/null
    mv "$out/${1%.html}.$3" "$4"
}
convert seed-two-tables.html 'docx:MS Word 2007 XML' docx seed-two-tables.docx
convert cross-year.html 'docx:MS Word 2007 XML' docx cross-year.docx
convert_calc seed-two-tables.html 'xlsx:Calc MS Excel 2007 XML' xlsx seed-two-tables.xlsx
convert_calc seed-two-tables.html 'xls:MS Excel 97' xls seed-two-tables.xls
convert_calc seed-two-tables.html 'ods:calc8' ods seed-two-tables.ods
convert_calc cross-year.html 'xls:MS Excel 97' xls cross-year.xls
convert_calc cross-year.html 'ods:calc8' ods cross-year.ods
convert_text cross-year.html 44 csv cross-year.csv
convert_text cross-year.html 9 tsv cross-year.tsv
ls -l
