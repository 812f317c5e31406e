#!/usr/bin/env bash
# Renders what `export` writes for people with the software they open it in, so a person
# can look at the pictures: the 周报 (docx) and the 台账 (xlsx) through LibreOffice to PDF
# and PNG pages, the report page (html) through headless Chromium at a desktop and a phone
# width. Not a test: it needs LibreOffice (writer, calc), Chromium, poppler-utils and
# fonts-noto-cjk, which the tests never do.
#
#   scripts/render-check.sh [OUT_DIR]      # default: target/render-check
#
# It runs the seed plan (plan.toml) on 2014-06-27 with a few records, then prints the PNGs
# it made. Look at every one of them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-target/render-check}")
rm -rf "$out"
mkdir -p "$out"
for tool in soffice pdftoppm chromium; do
    command -v "$tool" >/dev/null || { echo "render-check: needs $tool" >&2; exit 1; }
done
cargo build --quiet
bin=$PWD/target/debug/chunjiang
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp plan.toml "$work/"
cd "$work"
export CHUNJIANG_TODAY=2014-06-27   # week 26: step 4 overdue, with its note
"$bin" done 1 --on 2014-06-16 --by 徐燕娟 --note 已报局活动办 >/dev/null
"$bin" done 2 --on 2014-06-18 >/dev/null
"$bin" note 4 "材料未交，等待学校反馈；<b>不是标签</b> & 符号" --by 唐健 >/dev/null
"$bin" export --format docx -o "$out/周报.docx" >/dev/null
"$bin" export --format xlsx -o "$out/台账.xlsx" >/dev/null
"$bin" export --format html -o "$out/report.html" >/dev/null
"$bin" --lang en export --format docx -o "$out/weekly-en.docx" >/dev/null

# LibreOffice: a profile of its own, so a running instance or a user profile cannot interfere.
profile=$(mktemp -d)
for f in 周报.docx weekly-en.docx 台账.xlsx; do
    timeout 180 soffice -env:UserInstallation="file://$profile" --headless \
        --convert-to pdf --outdir "$out" "$out/$f" >/dev/null 2>&1
    pdftoppm -png -r 80 "$out/${f%.*}.pdf" "$out/${f%.*}"
done
rm -rf "$profile"

# Chromium: no network, no first-run or background work, a throwaway profile.
shot() {
    local size=$1 png=$2 data
    data=$(mktemp -d)
    timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$data" --hide-scrollbars --window-size="$size" \
        --screenshot="$png" "file://$out/report.html" >/dev/null 2>&1
    rm -rf "$data"
}
shot 1280,2400 "$out/report-desktop.png"
shot 390,2400 "$out/report-phone.png"
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --print-to-pdf="$out/report-print.pdf" \
    --no-pdf-header-footer "file://$out/report.html" >/dev/null 2>&1
pdftoppm -png -r 60 "$out/report-print.pdf" "$out/report-print"
ls -1 "$out"/*.png
