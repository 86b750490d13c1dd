#!/usr/bin/env bash
# Rebuilds the seed corpus (Tools/fuzz/corpus/) from the repository's cases:
# every folder of Data/tiny, Data/sample-county cut to a few rows, and any
# malformed and warning cases of the CLI tests (Tests/PlacewiseCLITests/
# Malformed/ and Warnings/).
#
# Each seed is laid out as CaseInput in FuzzCase.swift reads it: a flag byte
# (bit 0 settings.csv, 1 pupils.csv, 2 travel.csv, 3 policy.toml, 4 policy
# given by path), then the present files separated by "\n%%FILE%%\n".
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/Tools/fuzz/corpus"
rows=${SEED_ROWS:-12}
rm -rf "$out"
mkdir -p "$out"

# seed NAME FOLDER [FILTER] [EXTRA_FLAGS]: writes one seed for a case folder;
# FILTER (default cat) is applied to each file, e.g. to keep a few rows.
seed() {
  local name=$1 folder=$2 filter=${3:-cat} extra=${4:-0}
  local flags=$extra bit=0 first=1 file
  for file in settings.csv pupils.csv travel.csv policy.toml; do
    [[ -f "$folder/$file" ]] && flags=$((flags | (1 << bit)))
    bit=$((bit + 1))
  done
  {
    printf "\\x$(printf %02x "$flags")"
    for file in settings.csv pupils.csv travel.csv policy.toml; do
      [[ -f "$folder/$file" ]] || continue
      ((first)) || printf '\n%%%%FILE%%%%\n'
      first=0
      if [[ $file == *.csv ]]; then $filter <"$folder/$file"; else cat "$folder/$file"; fi
    done
  } >"$out/$name"
}

few_rows() { head -n "$rows"; }

# A hand-made case touching every optional column, quoting, a BOM, CRLF
# line ends, need caps, travel with km, and a policy with TOML number forms.
handmade=$(mktemp -d)
trap 'rm -rf "$handmade"' EXIT
printf '\xEF\xBB\xBFurn,name,kind,easting,northing,low_age,high_age,capacity,on_roll,gender,needs,need_places,cost_per_place,la\r\n' >"$handmade/settings.csv"
cat >>"$handmade/settings.csv" <<'CSV'
100001,Oak School,special,450000,250000,4,19,10,2,mixed,ASD;SLCN,ASD:4;SLCN:2,52000,345
100002,"Elm Academy, ""Resourced"" Provision",resourced,451000.5,251000,11,16,8.0,,,,,,
100003,Birch House,Independent,452000,252000,7,18,6,0,BOYS,SEMH,,95000.50,

CSV
cat >"$handmade/pupils.csv" <<'CSV'
pupil_id,easting,northing,age,primary_need,provision,sex,preferences,max_travel_minutes,priority,current_urn
P001,450100,250200,9,ASD,special,F,100001;100002,45,2,100001
P002,451200,251300,12,SpLD,resourced; mainstream,,,60,,
P003,452100,252100,14,semh,Independent,m,100003;;999999,,1,
CSV
cat >"$handmade/travel.csv" <<'CSV'
pupil_id,urn,minutes,km
P001,100001,12.5,4.2
P002,100002,30,
P003,100003,45.25,20
P003,100001,5e1,22
CSV
cat >"$handmade/policy.toml" <<'TOML'
# every number form the reader accepts
max_travel_minutes_primary = 4_5
"max_travel_minutes_secondary" = 0x4B
speed_kmh = 3e1   # comment
detour_factor = 1.25
preference_step = +20.0
unlisted_penalty = 60
TOML
seed handmade "$handmade"
seed handmade-policy-path "$handmade" cat 16

for folder in "$root"/Data/tiny/*/; do
  seed "tiny-$(basename "$folder")" "$folder"
done
seed sample-county "$root/Data/sample-county" few_rows
seed sample-county-policy-path "$root/Data/sample-county" few_rows 16

# The CLI tests' malformed cases (each valid but for its defects, which may
# lie a few dozen rows in) and valid cases with warnings.
more_rows() { head -n "$((rows * 4))"; }
for kind in Malformed Warnings; do
  for folder in "$root/Tests/PlacewiseCLITests/$kind"/*/; do
    [[ -d "$folder" ]] || continue
    seed "$(echo "$kind" | tr 'A-Z' 'a-z')-$(basename "$folder")" "$folder" more_rows
  done
done
ls "$out" | wc -l | xargs echo "seeds written to $out:"
