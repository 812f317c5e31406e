#!/usr/bin/env bash
# Regenerates the office files under tests/fixtures/import/ from the HTML sources in
# tests/fixtures/import/src/ with LibreOffice (soffice). Tests never need LibreOffice: the
# files it makes are committed. Run from anywhere; needs `soffice` on PATH.
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures/import"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
convert() { # convert SOURCE FILTER EXT TARGET
    soffice --headless --infilter="HTML (StarWriter)" --convert-to "$2" --outdir "$out" "src/$1" >/dev/null
    mv "$out/${1%.html}.$3" "$4"
}
convert_calc() { # convert_calc SOURCE FILTER EXT TARGET
    soffice --headless --infilter="HTML (StarCalc)" --convert-to "$2" --outdir "$out" "src/$1" >/dev/null
    mv "$out/${1%.html}.$3" "$4"
}
cp src/seed-two-tables.html seed-two-tables.html
cp src/cross-year.html cross-year.html
convert seed-two-tables.html 'docx:MS Word 2007 XML' docx seed-two-tables.docx
convert cross-year.html 'docx:MS Word 2007 XML' docx cross-year.docx
convert_calc seed-two-tables.html 'xlsx:Calc MS Excel 2007 XML' xlsx seed-two-tables.xlsx
convert_calc cross-year.html 'xls:MS Excel 97' xls cross-year.xls
convert_calc cross-year.html 'ods:calc8' ods cross-year.ods
ls -l
